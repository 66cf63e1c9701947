import { Badge, Group, Progress, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Incident, IncidentStatus } from '../../api/incidents';
import { useMe } from '../../api/session';
import { CategoryBadge } from '../../components/badges';
import { formatDateTime } from '../../lib/time';

/** Supervisors and admins declare, send and resolve; everyone else reads. */
export function useCanManageIncidents(): boolean {
  const role = useMe().data?.agent.role;
  return role === 'admin' || role === 'supervisor';
}

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      size="sm"
      variant={status === 'open' ? 'filled' : 'light'}
      color={status === 'open' ? 'red' : 'gray'}
      data-testid="incident-status"
      data-status={status}
      style={{ flexShrink: 0 }}
    >
      {t(status === 'open' ? 'incidents.open' : 'incidents.resolved')}
    </Badge>
  );
}

export function CategoryBadges({ categories }: { categories: string[] }) {
  return (
    <Group gap={4}>
      {categories.map((c) => (
        <CategoryBadge key={c} category={c} />
      ))}
    </Group>
  );
}

/** 「宣言者 · 日時」 and, once over, when it was resolved. */
export function DeclaredLine({ incident }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  return (
    <Text size="xs" c="dimmed">
      {t('incidents.declaredBy', {
        name: incident.declaredBy.name,
        at: formatDateTime(incident.declaredAt, i18n.language),
      })}
      {incident.resolvedAt &&
        ` · ${t('incidents.resolvedAt', { at: formatDateTime(incident.resolvedAt, i18n.language) })}`}
    </Text>
  );
}

/** 「紐づく会話 N件」 and 「返信済み M/N」 with a bar. */
export function ReplyProgress({ linked, replied }: { linked: number; replied: number }) {
  const { t } = useTranslation();
  const done = Math.min(replied, linked);
  return (
    <Stack gap={4} data-testid="incident-progress" data-linked={linked} data-replied={done}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600} data-testid="incident-linked">
          {t('incidents.linked', { count: linked })}
        </Text>
        <Text size="sm" c={done < linked ? 'orange.8' : 'teal.8'} fw={600} data-testid="incident-replied">
          {t('incidents.replied', { done, total: linked })}
        </Text>
      </Group>
      <Progress value={linked ? (done / linked) * 100 : 0} color="teal" size="sm" aria-hidden />
    </Stack>
  );
}

/** A customer-facing text field of an incident (acknowledgement or follow-up, one per language). */
export function MessageTextarea(props: {
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  testId: string;
}) {
  return (
    <Textarea
      label={props.label}
      description={props.description}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error ?? undefined}
      maxLength={1000}
      autosize
      minRows={3}
      maxRows={8}
      data-testid={props.testId}
    />
  );
}
