import { Box, Center, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { filterFromSearch } from '../../lib/inboxFilter';
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';
import { IncidentBanner } from '../incidents/IncidentBanner';

export const CONTENT_HEIGHT = 'calc(100dvh - var(--app-shell-header-height, 56px))';

/**
 * Unified inbox. Laptop: list and open conversation side by side.
 * Phone: they are separate screens (list at `/`, thread at `/conversations/:id`).
 */
export function InboxPage() {
  const { id } = useParams();
  const [searchParams] = useSearchParams();
  const filter = filterFromSearch(searchParams);
  const isPhone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const listHref = `/${searchParams.size ? `?${searchParams.toString()}` : ''}`;

  // `data-layout` marks which tree is mounted: a resize between phone and laptop width remounts the conversation view.
  if (isPhone) {
    return (
      <Box h={CONTENT_HEIGHT} style={{ display: 'flex', flexDirection: 'column' }} data-layout="phone">
        {id ? (
          <ConversationView key={id} id={id} backHref={listHref} />
        ) : (
          <>
            <IncidentBanner />
            <Box style={{ flex: 1, minHeight: 0 }}>
              <ConversationList filter={filter} activeId={undefined} />
            </Box>
          </>
        )}
      </Box>
    );
  }

  return (
    <Box h={CONTENT_HEIGHT} style={{ display: 'flex', flexDirection: 'column' }} data-layout="laptop">
      {/* Spike alerts and open incidents sit above the list and the thread. */}
      <IncidentBanner />
      <Box style={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <Box
          w={{ base: 300, xl: 360 }}
          style={{ flexShrink: 0, borderRight: '1px solid var(--mantine-color-gray-3)', minHeight: 0 }}
        >
          <ConversationList filter={filter} activeId={id} />
        </Box>
        <Box style={{ flex: 1, minWidth: 0, minHeight: 0 }}>
          {id ? <ConversationView key={id} id={id} /> : <NoSelection />}
        </Box>
      </Box>
    </Box>
  );
}

function NoSelection() {
  const { t } = useTranslation();
  return (
    <Center h="100%" bg="gray.0">
      <Stack align="center" gap={4}>
        <Text fz={48} c="gray.4" aria-hidden="true">
          声
        </Text>
        <Text c="dimmed">{t('inbox.selectConversation')}</Text>
      </Stack>
    </Center>
  );
}
