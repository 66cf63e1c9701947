import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Drawer,
  Group,
  Loader,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import '@mantine/charts/styles.css';
import { exportUrl, useDrillDown, useReport, type ReportParams, type ReportView } from '../../api/reports';
import { ChannelBadge, LevelBadge } from '../../components/badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { durationLabel } from '../../lib/time';
import { langOf } from '../../i18n';
import { AdminPage } from '../admin/AdminPage';
import { FrtChart, Heatmap, SlaChart, VolumeChart, type Drill } from './ReportCharts';
import { RisingPhrasesCard } from './RisingPhrases';
import { AnswerBotCard } from './AnswerBotCard';

const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 1000) / 10}%`);
const dur = (t: TFunction, ms: number | null) => (ms === null ? '–' : durationLabel(t, ms));
const DIMENSIONS = ['channel', 'level', 'category', 'sentiment', 'team', 'agent'] as const;
type Dimension = (typeof DIMENSIONS)[number];

/** Supervisors' reports: where the team stands on volume, first response, response rate, SLA and topics. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  // The range and filters live in the address, so a report can be shared and the weekly email links to its week.
  const [search, setSearch] = useSearchParams();
  const params: ReportParams = {
    from: search.get('from') || undefined,
    to: search.get('to') || undefined,
    channel: search.get('channel') || undefined,
    level: search.get('level') ? Number(search.get('level')) : undefined,
  };
  const [cell, setCell] = useState<string | null>(null);
  const report = useReport(params);
  const r = report.data;
  const set = (k: keyof ReportParams, v: string) =>
    setSearch(
      (old) => {
        const next = new URLSearchParams(old);
        if (v) next.set(k, v);
        else next.delete(k);
        return next;
      },
      { replace: true },
    );

  return (
    <AdminPage
      title={t('reports.title')}
      allow={['admin', 'supervisor']}
      actions={
        <Button
          component="a"
          href={exportUrl(params, langOf(i18n.language))}
          variant="default"
          size="xs"
          data-testid="report-export"
        >
          {t('reports.export')}
        </Button>
      }
    >
      <Stack gap="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            type="date"
            size="xs"
            label={t('reports.from')}
            value={params.from ?? r?.fromDay ?? ''}
            onChange={(e) => set('from', e.currentTarget.value)}
            data-testid="report-from"
          />
          <TextInput
            type="date"
            size="xs"
            label={t('reports.to')}
            value={params.to ?? r?.toDay ?? ''}
            onChange={(e) => set('to', e.currentTarget.value)}
            data-testid="report-to"
          />
          <NativeSelect
            size="xs"
            label={t('reports.channel')}
            value={params.channel ?? ''}
            onChange={(e) => set('channel', e.currentTarget.value)}
            data={[
              { value: '', label: t('reports.all') },
              ...(r?.breakdown.channel ?? []).map((c) => ({ value: c.key, label: c.name })),
            ]}
            data-testid="report-channel"
          />
          <NativeSelect
            size="xs"
            label={t('reports.level')}
            value={params.level === undefined ? '' : String(params.level)}
            onChange={(e) => set('level', e.currentTarget.value)}
            data={[
              { value: '', label: t('reports.all') },
              ...[3, 2, 1, 0].map((l) => ({ value: String(l), label: `L${l}` })),
            ]}
            data-testid="report-level"
          />
          {report.isFetching && <Loader size="xs" />}
        </Group>
        {report.error && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
        {r && <Report r={r} drill={setCell} />}
        {r && <AnswerBotCard params={params} />}
        {r && <RisingPhrasesCard params={params} />}
      </Stack>
      <DrillDrawer params={params} cell={cell} onClose={() => setCell(null)} />
    </AdminPage>
  );
}

function Report({ r, drill }: { r: ReportView; drill: Drill }) {
  const { t, i18n } = useTranslation();
  const day = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: r.timeZone }).format(new Date(iso));
  const c = r.current;
  const b = r.before;
  return (
    <Stack gap="md">
      <Text size="xs" c="dimmed" data-testid="report-period">
        {t('reports.comparedTo', {
          from: day(r.previous.from),
          to: day(new Date(Date.parse(r.previous.to) - 1).toISOString()),
        })}
        {' · '}
        {t('reports.timeZone', { tz: r.timeZone })}
        {r.pending > 0 && ` · ${t('reports.pending', { count: r.pending })}`}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <Kpi
          testId="kpi-response-rate"
          label={t('reports.kpi.responseRate')}
          value={pct(c.responseRate)}
          before={pct(b.responseRate)}
          note={t('reports.kpi.responseRateHelp', { rate: pct(r.industryResponseRate) })}
          extra={`${t('reports.kpi.publicResponseRate')} ${pct(c.publicResponseRate)}`}
        />
        <Kpi
          testId="kpi-frt"
          label={t('reports.kpi.frtMedian')}
          value={dur(t, c.frtMedianMs)}
          before={dur(t, b.frtMedianMs)}
          note={t('reports.kpi.frtBusiness', { value: dur(t, c.frtBusinessMedianMs) })}
          extra={t('reports.kpi.frtP90', { value: dur(t, c.frtP90Ms) })}
        />
        <Kpi
          testId="kpi-within5m"
          label={t('reports.kpi.within5m')}
          value={pct(c.within5m)}
          before={pct(b.within5m)}
          note={t('reports.kpi.within1h', { value: pct(c.within1h) })}
        />
        <Kpi
          testId="kpi-sla"
          label={t('reports.kpi.sla')}
          value={pct(c.slaAttainment)}
          before={pct(b.slaAttainment)}
          note={t('reports.kpi.slaCounts', { met: c.slaMet, breached: c.slaBreached })}
        />
        <Kpi
          testId="kpi-conversations"
          label={t('reports.kpi.conversations')}
          value={String(c.conversations)}
          before={String(b.conversations)}
          note={t('reports.kpi.owed', { count: c.owed })}
        />
        <Kpi
          testId="kpi-resolution"
          label={t('reports.kpi.resolution')}
          value={dur(t, c.resolutionMedianMs)}
          before={dur(t, b.resolutionMedianMs)}
          note={t('reports.kpi.reopen', { value: pct(c.reopenRate) })}
        />
        <Kpi
          testId="kpi-csat"
          label={t('reports.kpi.csat')}
          value={c.csatAverage === null ? '–' : `${c.csatAverage.toFixed(1)} / 5`}
          before={b.csatAverage === null ? '–' : `${b.csatAverage.toFixed(1)} / 5`}
          note={t('reports.kpi.csatNote', { satisfied: pct(c.csatSatisfied), count: c.csatResponses })}
          extra={
            c.npsResponses
              ? t('reports.kpi.nps', { value: Math.round((c.nps ?? 0) * 100), count: c.npsResponses })
              : undefined
          }
        />
        <Kpi
          testId="kpi-next"
          label={t('reports.kpi.nextResponse')}
          value={dur(t, c.nextResponseMeanMs)}
          before={dur(t, b.nextResponseMeanMs)}
          note={t('reports.kpi.escalations', { count: c.escalations, value: dur(t, c.handoffMedianMs) })}
        />
      </SimpleGrid>
      {c.conversations === 0 && (
        <Text c="dimmed" data-testid="report-empty">
          {t('reports.empty')}
        </Text>
      )}
      <VolumeChart report={r} drill={drill} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <FrtChart report={r} drill={drill} />
        <SlaChart report={r} drill={drill} />
      </SimpleGrid>
      <Heatmap report={r} drill={drill} />
      <Breakdown r={r} drill={drill} />
      <Topics r={r} drill={drill} />
    </Stack>
  );
}

function Kpi(p: { label: string; value: string; before: string; note?: string; extra?: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md" data-testid={p.testId}>
      <Text size="xs" c="dimmed">
        {p.label}
      </Text>
      <Text fz={26} fw={700} lh={1.2} data-testid={`${p.testId}-value`}>
        {p.value}
      </Text>
      <Text size="xs" c="dimmed">
        {t('reports.previous', { value: p.before })}
      </Text>
      {p.note && <Text size="xs">{p.note}</Text>}
      {p.extra && <Text size="xs">{p.extra}</Text>}
    </Paper>
  );
}

/** A breakdown key in words: channel, team and agent names come with the report; the rest are labels. */
function keyLabel(t: TFunction, d: Dimension, key: string, name: string): string {
  if (d === 'level') return `L${key}`;
  if (d === 'category')
    return key ? t(`category.${key}` as 'category.question', { defaultValue: key }) : t('reports.uncategorised');
  if (d === 'sentiment') return key ? t(`sentiment.${key}` as 'sentiment.neutral', { defaultValue: key }) : '–';
  if (d === 'team' && !key) return t('reports.noTeam');
  if (d === 'agent' && !key) return t('reports.unassigned');
  return name;
}

function Breakdown({ r, drill }: { r: ReportView; drill: Drill }) {
  const { t } = useTranslation();
  const [dim, setDim] = useState<Dimension>('channel');
  return (
    <Paper withBorder p="md" radius="md" data-testid="report-breakdown">
      <Group justify="space-between" mb="xs">
        <Text fw={700}>{t('reports.breakdown')}</Text>
      </Group>
      <SegmentedControl
        size="xs"
        fullWidth
        mb="xs"
        value={dim}
        onChange={(v) => setDim(v as Dimension)}
        data={DIMENSIONS.map((d) => ({ value: d, label: t(`reports.dimensions.${d}`) }))}
        data-testid="report-dimension"
      />
      <Table.ScrollContainer minWidth={420}>
        <Table striped highlightOnHover fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.columns.name')}</Table.Th>
              <Table.Th ta="right">{t('reports.columns.conversations')}</Table.Th>
              <Table.Th ta="right">{t('reports.columns.responseRate')}</Table.Th>
              <Table.Th ta="right">{t('reports.columns.frtMedian')}</Table.Th>
              <Table.Th ta="right">{t('reports.columns.sla')}</Table.Th>
              <Table.Th ta="right">{t('reports.columns.csat')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.breakdown[dim].map((row) => (
              <Table.Tr key={row.key} data-testid="breakdown-row">
                <Table.Td>
                  <Anchor component="button" size="sm" onClick={() => drill(`${dim}=${row.key}`)}>
                    {keyLabel(t, dim, row.key, row.name)}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right">{row.conversations}</Table.Td>
                <Table.Td ta="right">{pct(row.responseRate)}</Table.Td>
                <Table.Td ta="right">{dur(t, row.frtMedianMs)}</Table.Td>
                <Table.Td ta="right">{pct(row.slaAttainment)}</Table.Td>
                <Table.Td ta="right">{row.csatAverage === null ? '–' : row.csatAverage.toFixed(1)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function Topics({ r, drill }: { r: ReportView; drill: Drill }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" data-testid="report-topics">
      <Text fw={700} mb="xs">
        {t('reports.topics')}
      </Text>
      <Stack gap={4}>
        {r.categories.slice(0, 10).map((c) => (
          <UnstyledButton key={c.category} onClick={() => drill(`category=${c.category}`)} data-testid="topic-row">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm">{keyLabel(t, 'category', c.category, c.category)}</Text>
              <Group gap={6} wrap="nowrap">
                <Text size="sm" fw={600}>
                  {c.conversations}
                </Text>
                <Badge size="sm" variant="light" color={c.change > 0 ? 'red' : c.change < 0 ? 'teal' : 'gray'}>
                  {c.change > 0 ? `+${c.change}` : c.change}
                </Badge>
                <Text size="xs" c="dimmed">
                  {t('reports.topicBefore', { count: c.before })}
                </Text>
              </Group>
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
    </Paper>
  );
}

function DrillDrawer({ params, cell, onClose }: { params: ReportParams; cell: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const list = useDrillDown(params, cell);
  const d = list.data;
  return (
    <Drawer
      opened={cell !== null}
      onClose={onClose}
      position="right"
      size="md"
      title={d ? t('reports.drill.title', { total: d.total }) : ''}
      data-testid="report-drill"
    >
      {list.isLoading && <Loader size="sm" />}
      {list.error && <ErrorAlert error={list.error} />}
      {d && d.items.length === 0 && <Text c="dimmed">{t('reports.drill.empty')}</Text>}
      {d && d.total > d.items.length && (
        <Text size="xs" c="dimmed" mb="xs">
          {t('reports.drill.showing', { count: d.items.length })}
        </Text>
      )}
      <Stack gap="xs">
        {d?.items.map((c) => (
          <Paper
            key={c.id}
            withBorder
            p="xs"
            radius="sm"
            component={Link}
            to={`/conversations/${c.id}`}
            data-testid="drill-item"
          >
            <Group gap={6} wrap="nowrap">
              <ChannelBadge kind={c.channel.kind} />
              <LevelBadge level={c.level} />
              <Text size="sm" fw={600} truncate>
                {c.customer.name}
              </Text>
            </Group>
            <Text size="sm" lineClamp={2}>
              {c.preview}
            </Text>
            <Text size="xs" c="dimmed">
              {c.firstResponseMs === null
                ? t('reports.drill.noReply')
                : t('reports.drill.firstResponse', { value: durationLabel(t, c.firstResponseMs) })}
            </Text>
          </Paper>
        ))}
      </Stack>
    </Drawer>
  );
}
