import type { ReactNode } from 'react';
import { Paper, Text, Title } from '@mantine/core';

/** One titled block of a settings page. */
export function SettingsSection({
  title,
  help,
  testId,
  children,
}: {
  title: string;
  help?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Title order={3} fz="md" mb={help ? 4 : 'sm'}>
        {title}
      </Title>
      {help && (
        <Text size="sm" c="dimmed" mb="md">
          {help}
        </Text>
      )}
      {children}
    </Paper>
  );
}
