import {
  ActionIcon,
  Button,
  Group,
  Highlight,
  Kbd,
  Modal,
  NativeSelect,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure, useHotkeys } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAgents, useChannels } from '../api/admin';
import { useSearch, type SearchHit } from '../api/search';
import { CATEGORIES, CONVERSATION_LEVELS, CONVERSATION_STATUSES, type ConversationStatus } from '../api/types';
import { formatShortTime } from '../lib/time';
import { ChannelBadge, LevelBadge, StatusBadge } from './badges';
import { ErrorAlert } from './ErrorAlert';

/** The header's search box: `/` or Ctrl/⌘+K opens it anywhere; a result opens its conversation at the message. */
export function SearchButton() {
  const { t } = useTranslation();
  const [opened, dialog] = useDisclosure(false);
  useHotkeys([
    ['/', () => dialog.open()],
    ['mod+K', () => dialog.open()],
  ]);
  return (
    <>
      <Button
        variant="default"
        size="xs"
        onClick={dialog.open}
        visibleFrom="sm"
        data-testid="search-open"
        leftSection={<MagnifierIcon />}
        rightSection={<Kbd size="xs">/</Kbd>}
      >
        {t('search.open')}
      </Button>
      {/* On a phone the header has room for an icon only. */}
      <ActionIcon
        variant="default"
        size="lg"
        onClick={dialog.open}
        hiddenFrom="sm"
        aria-label={t('search.open')}
        data-testid="search-open-compact"
      >
        <MagnifierIcon />
      </ActionIcon>
      {opened && <SearchDialog onClose={dialog.close} />}
    </>
  );
}

function MagnifierIcon() {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 16 16"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
    >
      <circle cx="7" cy="7" r="5" />
      <path d="M11 11l3.5 3.5" strokeLinecap="round" />
    </svg>
  );
}

function SearchDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [channel, setChannel] = useState('');
  const [level, setLevel] = useState('');
  const [category, setCategory] = useState('');
  const [assignee, setAssignee] = useState('');
  const [period, setPeriod] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const channels = useChannels().data ?? [];
  const agents = useAgents().data ?? [];
  // A period is "messages since": computed once per choice so the query key stays stable while typing.
  const from = useMemo(
    () => (period ? new Date(Date.now() - Number(period) * 86_400_000).toISOString() : undefined),
    [period],
  );
  const results = useSearch({
    q: debounced,
    status: (status || undefined) as ConversationStatus | undefined,
    channel: channel || undefined,
    level: level === '' ? undefined : Number(level),
    category: (category || undefined) as (typeof CATEGORIES)[number] | undefined,
    assignee: assignee || undefined,
    from,
  });
  const open = (hit: SearchHit) => {
    onClose();
    const at = hit.messageId ? `?message=${encodeURIComponent(hit.messageId)}` : '';
    navigate(`/conversations/${encodeURIComponent(hit.conversationId)}${at}`);
  };
  const any = { value: '', label: t('search.any') };

  return (
    <Modal opened onClose={onClose} title={t('search.title')} size="lg" data-testid="search-dialog">
      <TextInput
        data-autofocus
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && results.data?.[0]) open(results.data[0]);
        }}
        placeholder={t('search.placeholder')}
        aria-label={t('search.title')}
        data-testid="search-input"
      />
      <Group gap="xs" mt="xs" grow>
        <NativeSelect
          size="xs"
          label={t('conversation.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[any, ...CONVERSATION_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          data-testid="search-status"
        />
        <NativeSelect
          size="xs"
          label={t('search.channel')}
          value={channel}
          onChange={(e) => setChannel(e.currentTarget.value)}
          data={[any, ...channels.map((c) => ({ value: c.id, label: c.name }))]}
        />
        <NativeSelect
          size="xs"
          label={t('search.level')}
          value={level}
          onChange={(e) => setLevel(e.currentTarget.value)}
          data={[any, ...CONVERSATION_LEVELS.map((l) => ({ value: String(l), label: `L${l}` }))]}
        />
        <NativeSelect
          size="xs"
          label={t('search.category')}
          value={category}
          onChange={(e) => setCategory(e.currentTarget.value)}
          data={[any, ...CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))]}
        />
      </Group>
      <Group gap="xs" mt="xs" grow>
        <NativeSelect
          size="xs"
          label={t('conversation.assignee')}
          value={assignee}
          onChange={(e) => setAssignee(e.currentTarget.value)}
          data={[any, ...agents.filter((a) => a.active).map((a) => ({ value: a.id, label: a.name }))]}
          data-testid="search-assignee"
        />
        <NativeSelect
          size="xs"
          label={t('search.period')}
          value={period}
          onChange={(e) => setPeriod(e.currentTarget.value)}
          data={[
            any,
            { value: '1', label: t('search.periods.day') },
            { value: '7', label: t('search.periods.week') },
            { value: '30', label: t('search.periods.month') },
            { value: '365', label: t('search.periods.year') },
          ]}
          data-testid="search-period"
        />
      </Group>
      <ScrollArea.Autosize mah="60vh" mt="sm" type="auto">
        {results.error ? (
          <ErrorAlert error={results.error} />
        ) : !debounced.trim() ? (
          <Text size="sm" c="dimmed" py="md" ta="center">
            {t('search.hint')}
          </Text>
        ) : results.data && results.data.length === 0 ? (
          <Text size="sm" c="dimmed" py="md" ta="center" data-testid="search-empty">
            {t('search.none')}
          </Text>
        ) : (
          <Stack gap={4} data-testid="search-results">
            {results.data?.map((hit) => (
              <SearchResult
                key={`${hit.match}:${hit.messageId ?? hit.conversationId}`}
                hit={hit}
                query={debounced}
                onOpen={open}
              />
            ))}
          </Stack>
        )}
      </ScrollArea.Autosize>
    </Modal>
  );
}

/** The words of a query to mark in a snippet: the query itself and its space-separated parts. */
const highlightTerms = (query: string) => {
  const q = query.normalize('NFKC').trim();
  return q ? [q, ...q.split(/\s+/).filter((w) => w.length > 1)] : [];
};

function SearchResult({ hit, query, onOpen }: { hit: SearchHit; query: string; onOpen: (hit: SearchHit) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <UnstyledButton
      onClick={() => onOpen(hit)}
      className="koe-search-result"
      p="xs"
      data-testid="search-result"
      data-match={hit.match}
      data-conversation-id={hit.conversationId}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        {/* Badges wrap on a phone rather than shrink to "O…". */}
        <Group gap={6} wrap="wrap" style={{ minWidth: 0 }}>
          <Text fw={600} size="sm" truncate maw="100%">
            {hit.customer.name}
          </Text>
          <ChannelBadge kind={hit.channel.kind} />
          <StatusBadge status={hit.status} firstResponseAt={hit.firstResponseAt} />
          <LevelBadge level={hit.level} />
        </Group>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
          {formatShortTime(hit.at, i18n.language)}
        </Text>
      </Group>
      <Highlight
        size="sm"
        c="dimmed"
        lineClamp={2}
        className="koe-message-text"
        mt={2}
        highlight={highlightTerms(query)}
        highlightStyles={{ padding: '0 2px', borderRadius: 3, fontWeight: 600 }}
        data-testid="search-snippet"
      >
        {(hit.match === 'customer'
          ? t('search.customerMatch', { value: hit.snippet })
          : hit.match === 'reference'
            ? t('search.referenceMatch', { value: hit.snippet })
            : hit.snippet) + (hit.messageKind === 'note' ? ` (${t('composer.note')})` : '')}
      </Highlight>
    </UnstyledButton>
  );
}
