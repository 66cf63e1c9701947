import { Anchor, Loader, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import i18n from 'i18next';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAudit } from '../../api/admin';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/time';
import { AdminPage } from './AdminPage';
import { langOf } from '../../i18n';
import type { RuleChange } from '@contracts/automation';
import { describeEdit, type RuleNames } from './automation/describe';
import { useRuleNames } from './automation/useRuleNames';

type T = TFunction;
type AgentName = (id: string) => string | undefined;

/** i18next reads dots as nesting: `conversation.assigned` is the key `conversation__assigned`. */
export const auditKey = (action: string) => action.replace(/\./g, '__');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function actionLabel(t: T, action: string): string {
  const key = `auditActions.${auditKey(action)}`;
  return i18n.exists(key) ? (t as (k: string) => string)(key) : t('auditActions.other');
}

const SYSTEM_PARTS: Record<string, 'sla' | 'routing' | 'incidents' | 'notifications' | 'cli'> = {
  'Koe SLA': 'sla',
  'Koe routing': 'routing',
  'Koe incidents': 'incidents',
  'Koe notifications': 'notifications',
  'koe create-admin': 'cli',
};

/** Who acted: an agent's name, Koe's part in words, or the address someone tried to sign in with. */
function actorLabel(t: T, value: unknown): string {
  const ref = (value ?? {}) as { type?: string; name?: string };
  if (ref.type === 'system') {
    const part = ref.name ? SYSTEM_PARTS[ref.name] : undefined;
    return t(`auditActors.${part ?? 'system'}`);
  }
  if (ref.type === 'anonymous') return t('auditActors.anonymous', { email: ref.name ?? '' });
  if (ref.type === 'api_token') return ref.name ? `${t('auditActors.token')}（${ref.name}）` : t('auditActors.token');
  return ref.name || '–';
}

function TargetCell({ value, agentName }: { value: unknown; agentName: AgentName }) {
  const { t } = useTranslation();
  const ref = (value ?? {}) as { type?: string; id?: string; name?: string };
  const typeKey = `auditTargets.${ref.type ?? ''}`;
  const type = ref.type && i18n.exists(typeKey) ? (t as (k: string) => string)(typeKey) : '';
  const name = ref.name || (ref.type === 'agent' && ref.id ? agentName(ref.id) : undefined);
  return (
    <Table.Td>
      {ref.type === 'conversation' && ref.id ? (
        <Anchor component={Link} to={`/conversations/${encodeURIComponent(ref.id)}`} size="sm">
          {t('auditTargets.open')}
        </Anchor>
      ) : (
        [type, name].filter(Boolean).join(': ') || '–'
      )}
    </Table.Td>
  );
}

/** Detail fields in words; ids are left out (the target links to what matters) and codes are translated. */
function describeDetail(t: T, action: string, value: unknown, names: RuleNames): string {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return '';
  const word = (key: string, v: unknown): string | null => {
    if (v === null || v === undefined || v === '') return key === 'to' || key === 'from' ? t('auditDetail.none') : null;
    if (typeof v === 'boolean') return v ? t('auditDetail.yes') : t('auditDetail.no');
    if (typeof v === 'number')
      return action === 'conversation.level_changed' || key === 'toLevel' ? `L${v}` : String(v);
    if (Array.isArray(v)) return v.every((x) => typeof x === 'string' && !UUID.test(x)) ? v.join('、') : null;
    if (typeof v !== 'string') return null;
    if (UUID.test(v)) return action === 'conversation.assigned' ? (names.agent(v) ?? null) : null;
    if (action === 'conversation.status_changed' && (key === 'from' || key === 'to'))
      return i18n.exists(`status.${v}`) ? t(`status.${v as 'open'}`) : v;
    if (key === 'articleStatus')
      return i18n.exists(`knowledge.status.${v}`) ? t(`knowledge.status.${v as 'draft'}`) : null;
    if (key === 'flag') return i18n.exists(`flag.${v}`) ? t(`flag.${v as 'spam'}`) : v;
    // Why a reply was held for approval (a rule's code), and routing's reason in the reader's language.
    if (action === 'reply.approval_requested' && key === 'reason')
      return i18n.exists(`approvals.reasons.${v}`) ? t(`approvals.reasons.${v as 'role'}`) : null;
    if (action === 'conversation.unassignable' && key === 'reason')
      return langOf(i18n.language) === 'ja' ? ((detail.reasonJa as string | undefined) ?? v) : v;
    if (key === 'role') return i18n.exists(`role.${v}`) ? t(`role.${v as 'agent'}`) : v;
    if (key === 'channel' || key === 'kind') return i18n.exists(`channelKind.${v}`) ? t(`channelKind.${v as 'x'}`) : v;
    if (key === 'dueAt' || key === 'until') return formatDateTime(v, i18n.language);
    return v;
  };
  const detail = value as Record<string, unknown>;
  const entries = Object.entries(detail);
  // A rule's changes are said from their data (with names); the English lines beside them are for API clients.
  const edits = (value as { edits?: RuleChange[] }).edits;
  if (action === 'automation.fired' && Array.isArray(edits))
    return edits.map((e) => describeEdit(t, e, names)).join('、');
  return entries
    .map(([key, v]) => {
      const label = i18n.exists(`auditDetail.${key}`) ? (t as (k: string) => string)(`auditDetail.${key}`) : null;
      const shown = label ? word(key, v) : null;
      return shown === null ? null : `${label}: ${shown}`;
    })
    .filter(Boolean)
    .join('、');
}

export function AuditPage() {
  const { t } = useTranslation();
  const audit = useAudit();
  const names = useRuleNames();

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
                  <Table.Td data-testid="audit-actor">{actorLabel(t, entry.actor)}</Table.Td>
                  <Table.Td data-testid="audit-action" data-action={entry.action}>
                    {actionLabel(t, entry.action)}
                  </Table.Td>
                  <TargetCell value={entry.target} agentName={names.agent} />
                  <Table.Td>
                    <Text size="xs" c="dimmed" className="koe-message-text" data-testid="audit-detail">
                      {describeDetail(t, entry.action, entry.detail, names)}
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
