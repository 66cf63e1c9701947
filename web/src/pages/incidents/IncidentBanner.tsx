import { useState } from 'react';
import { Anchor, Box, Button, CloseButton, Group, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { SPIKE_WINDOW_MINUTES, useIncidents, useSpikes, type Incident, type SpikeAlert } from '../../api/incidents';
import { isCategory } from '../../components/badges';
import { useNow } from '../../lib/time';
import { DeclareDialog } from './DeclareDialog';
import { useCanManageIncidents } from './parts';

const SPIKE_FRESH_MS = 60 * 60_000;
const MAX_OPEN_SHOWN = 2;

/**
 * Top of the inbox. Supervisors and admins: a spike of the last hour that no incident covers yet,
 * with 「インシデントを宣言」 pre-filled for its category. Everyone: a slim line per open incident.
 */
export function IncidentBanner() {
  const canManage = useCanManageIncidents();
  const now = useNow(30_000);
  const open = useIncidents('open').data ?? [];
  const spikes = useSpikes(canManage).data ?? [];
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [declaring, setDeclaring] = useState<string | null>(null);

  const covered = new Set(open.flatMap((i) => i.categories));
  const latest = new Map<string, SpikeAlert>();
  for (const s of spikes) {
    if (s.incidentId || covered.has(s.category) || dismissed.includes(s.id)) continue;
    if (now - Date.parse(s.at) > SPIKE_FRESH_MS) continue;
    const seen = latest.get(s.category);
    if (!seen || Date.parse(s.at) > Date.parse(seen.at)) latest.set(s.category, s);
  }
  const alerts = canManage ? [...latest.values()] : [];
  if (alerts.length === 0 && open.length === 0) return null;

  return (
    <Box style={{ flexShrink: 0 }} data-testid="incident-banners">
      {alerts.map((spike) => (
        <SpikeLine
          key={spike.id}
          spike={spike}
          onDeclare={() => setDeclaring(spike.category)}
          onDismiss={() => setDismissed((d) => [...d, spike.id])}
        />
      ))}
      {open.slice(0, MAX_OPEN_SHOWN).map((incident) => (
        <OpenLine key={incident.id} incident={incident} />
      ))}
      {open.length > MAX_OPEN_SHOWN && <MoreLine count={open.length - MAX_OPEN_SHOWN} />}
      {canManage && (
        <DeclareDialog
          opened={declaring !== null}
          category={declaring ?? undefined}
          onClose={() => setDeclaring(null)}
        />
      )}
    </Box>
  );
}

function SpikeLine({
  spike,
  onDeclare,
  onDismiss,
}: {
  spike: SpikeAlert;
  onDeclare: () => void;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const label = isCategory(spike.category) ? t(`category.${spike.category}`) : spike.category;
  return (
    <Group
      gap="xs"
      px="md"
      py={8}
      wrap="wrap"
      justify="space-between"
      bg="red.0"
      style={{ borderBottom: '1px solid var(--mantine-color-red-3)' }}
      role="alert"
      data-testid="spike-banner"
      data-category={spike.category}
      data-spike-id={spike.id}
    >
      <Box style={{ minWidth: 0, flex: '1 1 240px' }}>
        <Text size="sm" fw={700} c="red.9" data-testid="spike-banner-text">
          {t('incidents.spike.title', {
            label,
            category: spike.category,
            minutes: SPIKE_WINDOW_MINUTES,
            count: spike.observed,
          })}
        </Text>
        <Text size="xs" c="red.8">
          {spike.expected < 0.1
            ? t('incidents.spike.usualNone')
            : t('incidents.spike.usual', { expected: spike.expected.toFixed(1) })}
        </Text>
      </Box>
      <Group gap={4} wrap="nowrap">
        <Button size="xs" color="red" onClick={onDeclare} data-testid="spike-declare">
          {t('incidents.spike.declare')}
        </Button>
        <CloseButton
          size="sm"
          onClick={onDismiss}
          aria-label={t('incidents.spike.dismiss')}
          data-testid="spike-dismiss"
        />
      </Group>
    </Group>
  );
}

function OpenLine({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  return (
    <Group
      gap="xs"
      px="md"
      py={4}
      wrap="nowrap"
      bg="orange.0"
      style={{ borderBottom: '1px solid var(--mantine-color-orange-2)' }}
      data-testid="incident-banner"
      data-incident-id={incident.id}
    >
      <Text size="sm" c="orange.9" aria-hidden>
        ⚠
      </Text>
      <Anchor
        component={Link}
        to={`/incidents/${encodeURIComponent(incident.id)}`}
        size="sm"
        fw={600}
        c="orange.9"
        truncate="end"
        style={{ minWidth: 0, flex: 1 }}
      >
        {t('incidents.banner.open', { title: incident.title })}
      </Anchor>
      <Text size="xs" c="orange.9" style={{ flexShrink: 0 }} data-testid="incident-banner-linked">
        {t('incidents.banner.linked', { count: incident.linkedCount })}
      </Text>
    </Group>
  );
}

function MoreLine({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <Box px="md" py={2} bg="orange.0" style={{ borderBottom: '1px solid var(--mantine-color-orange-2)' }}>
      <Anchor component={Link} to="/incidents" size="xs" c="orange.9">
        {t('incidents.banner.more', { count })}
      </Anchor>
    </Box>
  );
}
