import { useEffect, useRef, useState } from 'react';
import { Box, Button, Center, Loader, ScrollArea, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { onPage } from '../../lib/hotkeys';
import { useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApprovals, useConversationList } from '../../api/conversations';
import { useMe } from '../../api/session';
import type { InboxFilter } from '../../lib/inboxFilter';
import { useNow } from '../../lib/time';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ConversationListItem } from './ConversationListItem';

/** One inbox view, in the server's order (priority, then longest waiting), paged by cursor. */
export function ConversationList({ filter, activeId }: { filter: InboxFilter; activeId: string | undefined }) {
  const { t } = useTranslation();
  // SLA clocks count down live.
  const now = useNow(15_000);
  const list = useConversationList(filter);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  // Supervisors see which conversations hold a reply for their approval.
  const role = useMe().data?.agent.role;
  const held = new Set(
    (useApprovals(role === 'admin' || role === 'supervisor').data ?? []).map((a) => a.conversationId),
  );
  // Keyboard: j/k move a cursor through the list (from the open conversation), Enter opens the one under it.
  const navigate = useNavigate();
  const location = useLocation();
  const [cursor, setCursor] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => setCursor(null), [activeId]);
  const move = (by: number) => {
    if (!items.length) return;
    const from = items.findIndex((i) => i.id === (cursor ?? activeId));
    const next = items[from < 0 ? 0 : Math.min(items.length - 1, Math.max(0, from + by))]!;
    setCursor(next.id);
    box.current?.querySelector(`[data-conversation-id="${CSS.escape(next.id)}"]`)?.scrollIntoView({ block: 'nearest' });
  };
  useHotkeys([
    ['j', onPage(() => move(1))],
    ['k', onPage(() => move(-1))],
    [
      'Enter',
      onPage((e: KeyboardEvent) => {
        // Only when nothing else has the focus: Enter on a button or link keeps its own meaning.
        if (!cursor || (document.activeElement && document.activeElement !== document.body)) return;
        e.preventDefault();
        navigate(`/conversations/${encodeURIComponent(cursor)}${location.search}`);
      }),
      { preventDefault: false },
    ],
  ]);

  return (
    <ScrollArea h="100%" type="auto" bg="white">
      <Box data-testid="inbox-list" aria-busy={list.isFetching} ref={box}>
        {list.isPending && (
          <Center p="xl">
            <Loader size="sm" />
          </Center>
        )}
        {list.error && (
          <Box p="sm">
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          </Box>
        )}
        {list.isSuccess && items.length === 0 && (
          <Text c="dimmed" ta="center" p="xl" size="sm" data-testid="inbox-empty">
            {t('inbox.empty')}
          </Text>
        )}
        {items.map((item) => (
          <ConversationListItem
            key={item.id}
            item={item}
            active={item.id === activeId}
            cursor={item.id === cursor}
            awaitingApproval={held.has(item.id)}
            now={now}
          />
        ))}
        {list.hasNextPage && (
          <Stack p="sm">
            <Button
              variant="subtle"
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
              data-testid="inbox-load-more"
            >
              {t('inbox.loadMore')}
            </Button>
          </Stack>
        )}
      </Box>
    </ScrollArea>
  );
}
