import type { ReactNode } from 'react';
import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { LanguageSwitch } from './LanguageSwitch';

/** Centred card used by the sign-in and first-run pages. */
export function AuthCard({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <Box mih="100%" bg="gray.0">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl">
        <Paper withBorder shadow="sm" p="xl" radius="lg" w="100%" maw={420}>
          <Stack gap="md">
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
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
