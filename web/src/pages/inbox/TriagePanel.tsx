import { useState } from 'react';
import { Badge, Box, Button, Group, Highlight, MultiSelect, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUpdateConversation } from '../../api/conversations';
import {
  CATEGORIES,
  CONVERSATION_LEVELS,
  SENTIMENTS,
  type Category,
  type Conversation,
  type ConversationLevel,
  type Sentiment,
  type TriageReason,
  type TriageReasonKind,
} from '../../api/types';
import { CategoryBadge, isCategory, LevelBadge, SentimentBadge } from '../../components/badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { langOf } from '../../i18n';

// Flags first (they explain why a conversation is set aside), then what it is about, then how urgent.
const KIND_ORDER: TriageReasonKind[] = ['spam', 'troll', 'category', 'sentiment', 'level', 'priority'];
const KIND_COLORS: Record<TriageReasonKind, string> = {
  spam: 'gray',
  troll: 'orange',
  category: 'grape',
  sentiment: 'pink',
  level: 'red',
  priority: 'gray',
};

/** Evidence is one or more words joined by 、 or ", "; only words that appear in the message are marked. */
function evidenceTerms(reason: TriageReason, shown: string): string[] {
  const message = shown.toLowerCase();
  return reason.evidence
    .split(/[、,]\s*/)
    .map((term) => term.trim())
    .filter((term) => term.length > 0 && message.includes(term.toLowerCase()));
}

/** Why triage labelled the conversation as it did, and the agent's way to correct it. */
export function TriagePanel({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const reasons = conversation.reasons ?? [];
  const groups = KIND_ORDER.map((kind) => ({ kind, items: reasons.filter((r) => r.kind === kind) })).filter(
    (g) => g.items.length > 0,
  );

  return (
    <Stack gap="xs" data-testid="triage-panel">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text component="h3" size="xs" c="dimmed" fw={600} tt="uppercase" m={0}>
          {t('triage.title')}
        </Text>
        <Button
          size="compact-xs"
          variant={editing ? 'filled' : 'light'}
          onClick={() => {
            setEditing((e) => !e);
            setSaved(false);
          }}
          aria-expanded={editing}
          data-testid="triage-correct"
        >
          {t('triage.correct')}
        </Button>
      </Group>

      <Group gap={4} data-testid="categories" aria-label={t('triage.current')}>
        <Text size="xs" c="dimmed">
          {t('triage.current')}:
        </Text>
        <LevelBadge level={conversation.level} />
        <SentimentBadge sentiment={conversation.sentiment} />
        {conversation.categories.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('triage.noCategory')}
          </Text>
        ) : (
          conversation.categories.map((category) => <CategoryBadge key={category} category={category} />)
        )}
      </Group>
      {saved && !editing && (
        <Text size="xs" c="teal.8" role="status" data-testid="triage-saved">
          ✓ {t('triage.saved')}
        </Text>
      )}

      {editing && (
        <TriageCorrection
          conversation={conversation}
          onDone={() => {
            setEditing(false);
            setSaved(true);
          }}
          onCancel={() => setEditing(false)}
        />
      )}

      {groups.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('triage.empty')}
        </Text>
      )}
      {groups.map((group) => (
        <Stack key={group.kind} gap={4} data-testid="triage-reason-group" data-kind={group.kind}>
          <Text size="xs" fw={600} c={group.kind === 'priority' ? 'dimmed' : undefined}>
            {t(`triage.kinds.${group.kind}`)}
          </Text>
          {group.items.map((reason, i) => (
            <ReasonLine key={`${reason.code}-${reason.evidence}-${i}`} reason={reason} />
          ))}
        </Stack>
      ))}
      {groups.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('triage.reasonsNote')}
        </Text>
      )}
    </Stack>
  );
}

function ReasonLine({ reason }: { reason: TriageReason }) {
  const { t, i18n } = useTranslation();
  // In the reader's language; the quoted evidence stays the customer's own words.
  const ui = langOf(i18n.language);
  const text = reason.localized?.[ui] ?? (ui === 'en' ? reason.messageEn : undefined) ?? reason.message;
  const label =
    reason.kind === 'category' && isCategory(reason.code)
      ? t(`category.${reason.code}`)
      : reason.kind === 'sentiment' && (SENTIMENTS as readonly string[]).includes(reason.code)
        ? t(`sentiment.${reason.code as Sentiment}`)
        : reason.kind === 'level'
          ? /^L[0-3]$/.test(reason.code)
            ? reason.code
            : t(`triage.levelCodes.${reason.code}`, { defaultValue: '' }) || null
          : null;
  const minor = reason.kind === 'priority';

  return (
    <Box
      data-testid="triage-reason"
      data-kind={reason.kind}
      data-code={reason.code}
      pl={8}
      style={{ borderLeft: `3px solid var(--mantine-color-${KIND_COLORS[reason.kind]}-${minor ? 2 : 4})` }}
    >
      {label && (
        <Badge
          size="xs"
          variant="light"
          color={KIND_COLORS[reason.kind]}
          radius="sm"
          mr={6}
          style={{ verticalAlign: 'baseline' }}
        >
          {label}
        </Badge>
      )}
      <Highlight
        component="span"
        size={minor ? 'xs' : 'sm'}
        c={minor ? 'dimmed' : undefined}
        highlight={evidenceTerms(reason, text)}
        highlightStyles={{ padding: '0 2px', borderRadius: 3, fontWeight: 600 }}
        className="koe-message-text"
        data-testid="triage-reason-message"
      >
        {text}
      </Highlight>
    </Box>
  );
}

interface CorrectionProps {
  conversation: Conversation;
  onDone: () => void;
  onCancel: () => void;
}

/** The agent's labels; all three are sent, since confirmations teach the workspace model as much as changes. */
function TriageCorrection({ conversation, onDone, onCancel }: CorrectionProps) {
  const { t } = useTranslation();
  const update = useUpdateConversation(conversation.id);
  const [sentiment, setSentiment] = useState<Sentiment>(conversation.sentiment ?? 'neutral');
  const [categories, setCategories] = useState<Category[]>(conversation.categories.filter(isCategory));
  const [level, setLevel] = useState<ConversationLevel>(conversation.level);

  const save = () => update.mutate({ sentiment, categories, level }, { onSuccess: onDone });

  return (
    <Paper withBorder p="sm" radius="md" bg="gray.0" data-testid="triage-correction">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('triage.correctTitle')}
        </Text>
        <NativeSelect
          size="xs"
          label={t('triage.sentiment')}
          value={sentiment}
          onChange={(e) => setSentiment(e.currentTarget.value as Sentiment)}
          data={SENTIMENTS.map((s) => ({ value: s, label: t(`sentiment.${s}`) }))}
          data-testid="triage-sentiment"
        />
        <MultiSelect
          size="xs"
          label={t('triage.categories')}
          placeholder={categories.length ? undefined : t('triage.categoriesPlaceholder')}
          value={categories}
          onChange={(values) => setCategories(values.filter(isCategory))}
          data={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
          clearable
          searchable
          comboboxProps={{ withinPortal: true, zIndex: 1000 }}
          data-testid="triage-categories"
        />
        <NativeSelect
          size="xs"
          label={t('triage.level')}
          value={String(level)}
          onChange={(e) => setLevel(Number(e.currentTarget.value) as ConversationLevel)}
          data={CONVERSATION_LEVELS.map((l) => ({ value: String(l), label: t(`triage.levels.l${l}`) }))}
          data-testid="triage-level"
        />
        <Text size="xs" c="dimmed">
          {t('triage.correctHelp')}
        </Text>
        {update.error && <ErrorAlert error={update.error} onClose={() => update.reset()} />}
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="subtle" color="gray" onClick={onCancel}>
            {t('app.cancel')}
          </Button>
          <Button size="xs" onClick={save} loading={update.isPending} data-testid="triage-save">
            {t('triage.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
