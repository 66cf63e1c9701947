import type { ReactNode } from 'react';
import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { LanguageSwitch } from './LanguageSwitch';

/** A card centred on a plain page, the language switch above it (and `topLeft`, e.g. a way back, beside it). */
export function CenteredCard(props: { width: number; topLeft?: ReactNode; signedIn?: boolean; children: ReactNode }) {
  return (
    <Box mih="100%" bg="gray.0">
      <Group justify={props.topLeft ? 'space-between' : 'flex-end'} p="md">
        {props.topLeft}
        <LanguageSwitch signedIn={props.signedIn} />
      </Group>
      <Center px="md" pb="xl">
        <Paper withBorder shadow="sm" p="xl" radius="lg" w="100%" maw={props.width}>
          <Stack gap="md">{props.children}</Stack>
        </Paper>
      </Center>
    </Box>
  );
}

/** Centred card used by the sign-in and first-run pages. */
export function AuthCard({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <CenteredCard width={420}>
      <Stack gap={4} align="center">
        <Text fz={40} lh={1} fw={700} c="teal.7" aria-hidden="true">
          声
        </Text>
        <Title order={2} ta="center" fz="xl">
          {title}
        </Title>
        {intro && (
          <Text c="dimmed" size="sm" ta="center">
            {intro}
          </Text>
        )}
      </Stack>
      {children}
    </CenteredCard>
  );
}
