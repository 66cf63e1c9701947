import { Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAnswerBotFigures } from '../../api/answer-bot';
import type { ReportParams } from '../../api/reports';

/** How many conversations the answer bot answered in the range, and how many of them still went to a person. */
export function AnswerBotCard({ params }: { params: ReportParams }) {
  const { t } = useTranslation();
  const figures = useAnswerBotFigures(params).data;
  if (!figures || figures.answered === 0) return null;
  const stat = (label: string, value: number, testId: string) => (
    <Stack gap={0} data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </Stack>
  );
  return (
    <Paper withBorder p="md" radius="md" data-testid="report-answer-bot">
      <Text fw={700}>{t('answerBot.report.title')}</Text>
      <Text size="xs" c="dimmed" mb="xs">
        {t('answerBot.report.note')}
      </Text>
      <Group gap="xl">
        {stat(t('answerBot.report.answered'), figures.answered, 'bot-answered')}
        {stat(t('answerBot.report.deflected'), figures.deflected, 'bot-deflected')}
        {stat(t('answerBot.report.handedOver'), figures.handedOver, 'bot-handed-over')}
      </Group>
    </Paper>
  );
}
