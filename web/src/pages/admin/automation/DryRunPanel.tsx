import { useState } from 'react';
import { Badge, Button, Group, List, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDryRun } from '../../../api/automation';
import { useConversationList } from '../../../api/conversations';
import { RULE_EVENTS, type RuleEvent } from '../../../api/routingTypes';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { describeEdit, describeSkip } from './describe';
import { useRuleNames } from './useRuleNames';

/** What the saved rules would do to a recent conversation on an event — nothing is changed. */
export function DryRunPanel() {
  const { t } = useTranslation();
  const recent = useConversationList({ kind: 'view', view: 'all_open' });
  const conversations = recent.data?.pages.flatMap((p) => p.items).slice(0, 30) ?? [];
  const run = useDryRun();
  const [conversationId, setConversationId] = useState('');
  const [event, setEvent] = useState<RuleEvent>('message.received');
  const [text, setText] = useState('');
  const chosen = conversationId || conversations[0]?.id || '';
  const result = run.data;
  const names = useRuleNames();

  return (
    <Paper withBorder p="md" radius="md" data-testid="dry-run">
      <Title order={3} fz="md" mb="sm">
        {t('automation.dryRun')}
      </Title>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('automation.dryRunConversation')}
          value={chosen}
          onChange={(e) => setConversationId(e.currentTarget.value)}
          data={conversations.map((c) => ({
            value: c.id,
            label: `L${c.level} ${c.customer.name}: ${c.preview.slice(0, 28)}`,
          }))}
          w={{ base: '100%', sm: 340 }}
          data-testid="dry-run-conversation"
        />
        <NativeSelect
          label={t('automation.event')}
          value={event}
          onChange={(e) => setEvent(e.currentTarget.value as RuleEvent)}
          data={RULE_EVENTS.map((v) => ({ value: v, label: t(`automation.events.${v}`) }))}
          data-testid="dry-run-event"
        />
        <TextInput
          label={t('automation.dryRunText')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={{ base: '100%', sm: 240 }}
        />
        <Button
          onClick={() => run.mutate({ conversationId: chosen, event, ...(text.trim() ? { text: text.trim() } : {}) })}
          disabled={!chosen}
          loading={run.isPending}
          data-testid="dry-run-submit"
        >
          {t('automation.dryRunRun')}
        </Button>
      </Group>
      {run.error && <ErrorAlert error={run.error} onClose={() => run.reset()} />}
      {result && (
        <Stack gap={6} mt="sm" data-testid="dry-run-result">
          <Text size="sm" fw={600}>
            {t('automation.fired')}
          </Text>
          {result.fired.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('automation.noneFired')}
            </Text>
          )}
          <Group gap={4}>
            {result.fired.map((f) => (
              <Badge key={f.ruleId} color="teal" variant="light" data-testid="dry-run-fired">
                {f.ruleName}
              </Badge>
            ))}
          </Group>
          {result.edits.length > 0 && (
            <>
              <Text size="sm" fw={600}>
                {t('automation.changes')}
              </Text>
              <List size="sm" data-testid="dry-run-changes">
                {result.edits.map((e, i) => (
                  <List.Item key={i}>
                    {e.rule}: {describeEdit(t, e.change, names)}
                  </List.Item>
                ))}
              </List>
            </>
          )}
          {result.skipped.length > 0 && (
            <Text size="xs" c="dimmed" data-testid="dry-run-skipped">
              {t('automation.skipped')}: {result.skipped.map((s) => describeSkip(t, s, names)).join(' / ')}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}
