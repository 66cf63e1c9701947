import { Code, Loader, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAudit } from '../../api/admin';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/time';
import { AdminPage } from './AdminPage';

/**
 * The contract leaves actor/target/detail open. The server sends {type,id,name?} refs and a flat detail
 * object; show names and short ids for people, and keep anything unexpected readable as JSON.
 */
function describeRef(value: unknown): { label: string; title?: string } {
  if (value === null || value === undefined || value === '') return { label: '–' };
  if (typeof value !== 'object') return { label: String(value) };
  const ref = value as Record<string, unknown>;
  const id = typeof ref.id === 'string' ? ref.id : undefined;
  if (typeof ref.name === 'string' && ref.name) return { label: ref.name, title: id };
  if (typeof ref.type === 'string') return { label: id ? `${ref.type} #${id.slice(0, 8)}` : ref.type, title: id };
  return { label: JSON.stringify(value) };
}

function describeDetail(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value !== 'object' || Array.isArray(value))
    return typeof value === 'string' ? value : JSON.stringify(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([key, v]) => `${key}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

function RefCell({ value }: { value: unknown }) {
  const { label, title } = describeRef(value);
  return <Table.Td title={title}>{label}</Table.Td>;
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const audit = useAudit();

  return (
    <AdminPage title={t('audit.title')} allow={['admin', 'supervisor']}>
      {audit.isPending && <Loader size="sm" />}
      {audit.error && <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} />}
      {audit.data && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="xs" fz="sm" data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.at')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.target')}</Table.Th>
                <Table.Th>{t('audit.detail')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {audit.data.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed">{t('audit.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {audit.data.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at, i18n.language)}</Table.Td>
                  <RefCell value={entry.actor} />
                  <Table.Td>
                    <Code>{entry.action}</Code>
                  </Table.Td>
                  <RefCell value={entry.target} />
                  <Table.Td>
                    <Text size="xs" c="dimmed" className="koe-message-text">
                      {describeDetail(entry.detail)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </AdminPage>
  );
}
