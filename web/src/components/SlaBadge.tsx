import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Sla, SlaState } from '../api/types';
import { durationLabel, formatShortTime } from '../lib/time';

const COLORS: Record<SlaState, string> = {
  ok: 'teal',
  warning: 'orange',
  breached: 'red',
  paused: 'gray',
  met: 'gray',
};

/**
 * The state as of `now`: the server computed it when the data was fetched, but a running clock
 * moves on between fetches (ok → warning → breached) without waiting for the next event.
 */
export function liveSlaState(sla: Sla, now: number): SlaState {
  if (sla.state === 'paused' || sla.state === 'met' || !sla.dueAt) return sla.state;
  if (now >= Date.parse(sla.dueAt)) return 'breached';
  if (sla.warnAt && now >= Date.parse(sla.warnAt)) return 'warning';
  return sla.state === 'breached' ? 'breached' : 'ok';
}

/** SLA clock: remaining time counting down, colour-coded; `now` comes from a ticking useNow(). */
export function SlaBadge({ sla, now, size = 'xs' }: { sla: Sla | undefined; now: number; size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  if (!sla || (sla.state === 'met' && !sla.target)) return null;
  const state = liveSlaState(sla, now);
  const target = sla.target ? t(`sla.targets.${sla.target}`) : '';
  const left = sla.dueAt ? Date.parse(sla.dueAt) - now : (sla.remainingMs ?? 0);
  const closed = sla.closedUntil && Date.parse(sla.closedUntil) > now && (state === 'ok' || state === 'warning');
  const label = closed
    ? t('sla.closedUntil', { at: formatShortTime(sla.closedUntil!, i18n.language, now) })
    : state === 'paused'
      ? t('sla.paused')
      : state === 'met'
        ? t('sla.met')
        : state === 'breached'
          ? t('sla.breached', { time: durationLabel(t, left) })
          : t('sla.remaining', { target, time: durationLabel(t, left) });
  const badge = (
    <Badge
      size={size}
      radius="sm"
      color={closed ? 'gray' : COLORS[state]}
      variant={state === 'breached' ? 'filled' : 'light'}
      data-testid="sla-badge"
      data-state={state}
      data-closed={closed ? 'true' : undefined}
      style={{ flexShrink: 0 }}
    >
      {label}
    </Badge>
  );
  if (!sla.dueAt) return badge;
  return (
    <Tooltip label={t('sla.due', { target, at: formatShortTime(sla.dueAt, i18n.language, now) })} withArrow>
      {badge}
    </Tooltip>
  );
}
