import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRisingPhrases, type ReportParams } from '../../api/reports';

/** Words and names customers use in more conversations than the period before predicts. */
export function RisingPhrasesCard({ params }: { params: ReportParams }) {
  const { t } = useTranslation();
  const phrases = useRisingPhrases(params);
  const d = phrases.data;
  return (
    <Paper withBorder p="md" radius="md" data-testid="report-phrases">
      <Text fw={700}>{t('reports.phrases.title')}</Text>
      <Text size="xs" c="dimmed" mb="xs">
        {d?.sampled ? t('reports.phrases.sampled') : t('reports.phrases.note')}
      </Text>
      {d && d.phrases.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('reports.phrases.none')}
        </Text>
      )}
      <Stack gap={4}>
        {d?.phrases.map((p) => (
          <Group key={p.phrase} justify="space-between" wrap="nowrap" data-testid="phrase-row">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {p.phrase}
            </Text>
            <Group gap={6} wrap="nowrap">
              <Text size="sm" fw={600}>
                {t('reports.phrases.conversations', { count: p.conversations })}
              </Text>
              <Badge size="sm" variant="light" color="red">
                +{p.change}
              </Badge>
              <Text size="xs" c="dimmed">
                {t('reports.topicBefore', { count: p.before })}
              </Text>
            </Group>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
