import type { ReactNode } from 'react';
import { Alert, Box, Group, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/session';
import type { Role } from '../../api/types';

interface Props {
  title: string;
  allow: Role[];
  actions?: ReactNode;
  children: ReactNode;
}

/** Frame for admin pages; the server enforces roles too, this only avoids a useless screen. */
export function AdminPage({ title, allow, actions, children }: Props) {
  const { t } = useTranslation();
  const role = useMe().data?.agent.role;
  const allowed = role !== undefined && allow.includes(role);

  return (
    <Box p={{ base: 'sm', sm: 'lg' }} maw={1200}>
      <Group justify="space-between" mb="md">
        <Title order={2} fz="xl">
          {title}
        </Title>
        {allowed && actions}
      </Group>
      {allowed ? (
        children
      ) : (
        <Alert color="yellow" variant="light">
          {t('admin.adminOnly')}
        </Alert>
      )}
    </Box>
  );
}
