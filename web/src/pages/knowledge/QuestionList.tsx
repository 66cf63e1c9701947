import { List, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The ways customers ask what a version answers, read-only; nothing when it has none. */
export function QuestionList({ questions, testId }: { questions: string[] | undefined; testId?: string }) {
  const { t } = useTranslation();
  if (!questions?.length) return null;
  return (
    <Paper withBorder radius="sm" p="sm" bg="gray.0" data-testid={testId}>
      <Text size="sm" fw={600} mb={4}>
        {t('knowledge.questions')}
      </Text>
      <List size="sm" spacing={2}>
        {questions.map((q) => (
          <List.Item key={q} style={{ overflowWrap: 'anywhere' }}>
            {q}
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
