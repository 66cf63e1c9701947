import { Anchor, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApprovals } from '../../api/conversations';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApprovalByline } from '../inbox/ApprovalCard';
import { AdminPage } from '../admin/AdminPage';

/** Supervisors' queue of public replies waiting for approval, oldest first; each opens its conversation. */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const list = useApprovals(true);
  return (
    <AdminPage title={t('approvals.nav')} allow={['admin', 'supervisor']}>
      {list.isPending && <Loader size="sm" />}
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data?.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('approvals.none')}
        </Text>
      )}
      <Stack gap="sm">
        {list.data?.map((a) => (
          <Paper key={a.id} withBorder p="sm" radius="md" data-testid="approval-row">
            <Group gap={6} mb={4}>
              <Anchor component={Link} to={`/conversations/${encodeURIComponent(a.conversationId)}`} fw={700} size="sm">
                {a.conversation?.customerName}
              </Anchor>
              <ApprovalByline approval={a} />
            </Group>
            <Text size="xs" c="dimmed" lineClamp={1}>
              {a.conversation?.preview}
            </Text>
            <Text size="sm" mt={4} className="koe-message-text" lineClamp={3}>
              {a.text}
            </Text>
          </Paper>
        ))}
      </Stack>
    </AdminPage>
  );
}
