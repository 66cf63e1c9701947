import { BarChart } from '@mantine/charts';
import { Box, Paper, Table, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { ReportView } from '../../api/reports';

/** Opens the conversations behind a bar or cell (`day=…`, `frt=…`, …). */
export type Drill = (cell: string) => void;

export function ChartCard({
  title,
  note,
  children,
  testId,
}: {
  title: string;
  note?: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Title order={3} fz="md" mb="xs">
        {title}
      </Title>
      {note && (
        <Text size="xs" c="dimmed" mb="xs">
          {note}
        </Text>
      )}
      {children}
    </Paper>
  );
}

/** A Recharts click on a bar: the row it stands for. */
const rowOf = <T,>(data: unknown): T | undefined => (data as { payload?: T } | undefined)?.payload;

export function VolumeChart({ report, drill }: { report: ReportView; drill: Drill }) {
  const { t, i18n } = useTranslation();
  const fmt = new Intl.DateTimeFormat(i18n.language, { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
  const data = report.days.map((d) => ({
    ...d,
    label: fmt.format(new Date(`${d.day}T00:00:00Z`)),
    [t('reports.volumeConversations')]: d.conversations,
    [t('reports.volumeReplied')]: d.replied,
    ...(report.messagesByDay ? { [t('reports.volumeMessages')]: d.customerMessages } : {}),
  }));
  return (
    <ChartCard
      title={t('reports.volume')}
      note={report.messagesByDay ? undefined : t('reports.messagesFiltered')}
      testId="report-volume"
    >
      <BarChart
        h={260}
        data={data}
        dataKey="label"
        withLegend
        tickLine="none"
        series={[
          { name: t('reports.volumeConversations'), color: 'blue.6' },
          { name: t('reports.volumeReplied'), color: 'teal.6' },
          ...(report.messagesByDay ? [{ name: t('reports.volumeMessages'), color: 'gray.5' }] : []),
        ]}
        barProps={{
          cursor: 'pointer',
          onClick: (bar: unknown) => {
            const row = rowOf<{ day: string }>(bar);
            if (row) drill(`day=${row.day}`);
          },
        }}
      />
    </ChartCard>
  );
}

export function FrtChart({ report, drill }: { report: ReportView; drill: Drill }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 40em)');
  const name = t('reports.volumeConversations');
  const data = report.frtDistribution.map((b) => ({
    bin: b.bin,
    label: t(`reports.frtBins.${b.bin}`),
    [name]: b.conversations,
  }));
  return (
    <ChartCard title={t('reports.frt')} testId="report-frt">
      <BarChart
        h={240}
        data={data}
        dataKey="label"
        tickLine="none"
        series={[{ name, color: 'indigo.6' }]}
        // Every bin named; slanted on a phone, where seven labels do not fit side by side.
        xAxisProps={
          narrow
            ? { interval: 0, tick: { fontSize: 10 }, angle: -35, textAnchor: 'end', height: 56 }
            : { interval: 0, tick: { fontSize: 11 } }
        }
        barProps={{
          cursor: 'pointer',
          onClick: (bar: unknown) => {
            const row = rowOf<{ bin: string }>(bar);
            if (row) drill(`frt=${row.bin}`);
          },
        }}
      />
    </ChartCard>
  );
}

export function SlaChart({ report, drill }: { report: ReportView; drill: Drill }) {
  const { t } = useTranslation();
  const [met, breached, due] = [t('reports.slaMet'), t('reports.slaBreached'), t('reports.slaDue')];
  const data = report.slaByLevel.map((l) => ({
    label: `L${l.level}`,
    level: l.level,
    [met]: l.met,
    [breached]: l.breached,
    [due]: l.due,
  }));
  const outcome: Record<string, string> = { [met]: 'met', [breached]: 'breached', [due]: 'due' };
  return (
    <ChartCard title={t('reports.slaByLevel')} testId="report-sla">
      <BarChart
        h={240}
        data={data}
        dataKey="label"
        type="stacked"
        withLegend
        tickLine="none"
        series={[
          { name: met, color: 'teal.6' },
          { name: breached, color: 'red.6' },
          { name: due, color: 'yellow.5' },
        ]}
        barProps={(series) => ({
          cursor: 'pointer',
          onClick: (bar: unknown) => {
            const row = rowOf<{ level: number }>(bar);
            if (row) drill(`sla=${row.level}-${outcome[series.name]}`);
          },
        })}
      />
    </ChartCard>
  );
}

/** New conversations by weekday and hour, in the desk's time zone; each cell opens its conversations. */
export function Heatmap({ report, drill }: { report: ReportView; drill: Drill }) {
  const { t } = useTranslation();
  const days = t('reports.weekdays', { returnObjects: true }) as string[];
  const max = Math.max(1, ...report.heatmap.flat());
  // Monday first, as a work week reads.
  const order = [1, 2, 3, 4, 5, 6, 0];
  return (
    <ChartCard title={t('reports.heatmap')} testId="report-heatmap">
      <Box style={{ overflowX: 'auto' }}>
        <Table
          withRowBorders={false}
          horizontalSpacing={1}
          verticalSpacing={1}
          style={{ tableLayout: 'fixed', minWidth: 560 }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={32} />
              {Array.from({ length: 24 }, (_, h) => (
                <Table.Th key={h} ta="center" fz={10} c="dimmed" fw={400}>
                  {h % 3 === 0 ? h : ''}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.map((wd) => (
              <Table.Tr key={wd}>
                <Table.Td fz="xs" c="dimmed">
                  {days[wd]}
                </Table.Td>
                {report.heatmap[wd].map((n, h) => {
                  const label = t('reports.heatmapCell', { day: days[wd], hour: h, count: n });
                  return (
                    <Table.Td key={h} p={1}>
                      <Tooltip label={label} openDelay={200}>
                        <UnstyledButton
                          aria-label={label}
                          data-testid={`heat-${wd}-${h}`}
                          disabled={n === 0}
                          onClick={() => drill(`hour=${wd}-${h}`)}
                          style={{
                            display: 'block',
                            width: '100%',
                            height: 18,
                            borderRadius: 3,
                            background:
                              n === 0
                                ? 'var(--mantine-color-gray-1)'
                                : `color-mix(in srgb, var(--mantine-color-blue-7) ${Math.round(15 + (85 * n) / max)}%, white)`,
                          }}
                        />
                      </Tooltip>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
    </ChartCard>
  );
}
