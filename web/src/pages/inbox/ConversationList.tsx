import { Box, Button, Center, Loader, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useConversationList } from '../../api/conversations';
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

  return (
    <ScrollArea h="100%" type="auto" bg="white">
      <Box data-testid="inbox-list" aria-busy={list.isFetching}>
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
          <ConversationListItem key={item.id} item={item} active={item.id === activeId} now={now} />
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
