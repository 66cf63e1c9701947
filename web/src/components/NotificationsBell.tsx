import { useState } from 'react';
import { ActionIcon, Anchor, Box, Button, Group, Indicator, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMarkRead, useNotifications } from '../api/routing';
import { desktopSupported, enableDesktopNotifications } from '../realtime/alerts';
import { dismissAllToasts } from '../realtime/toasts';
import { formatShortTime } from '../lib/time';

/** Header bell: unread count, the latest notifications linking to their conversations, desktop opt-in. */
export function NotificationsBell() {
  const { t, i18n } = useTranslation();
  const [opened, setOpened] = useState(false);
  const list = useNotifications();
  const markRead = useMarkRead();
  const [permission, setPermission] = useState(() => (desktopSupported() ? Notification.permission : 'unsupported'));
  const items = (list.data ?? []).slice(0, 30);
  const unread = (list.data ?? []).filter((n) => !n.readAt).length;

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} shadow="md" withArrow>
      <Popover.Target>
        <Indicator
          disabled={unread === 0}
          label={<span data-testid="notifications-count">{unread > 99 ? '99+' : unread}</span>}
          size={18}
          color="red"
          offset={4}
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={t('notifications.bell')}
            onClick={() => {
              // The list shows everything the toasts did; they would only cover it.
              if (!opened) dismissAllToasts();
              setOpened((o) => !o);
            }}
            data-testid="notifications-bell"
            data-unread={unread}
          >
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="notifications-dropdown">
        <Group justify="space-between" px="sm" py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          <Text fw={700} size="sm">
            {t('notifications.title')}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={unread === 0}
            onClick={() => markRead.mutate(undefined)}
            data-testid="notifications-read-all"
          >
            {t('notifications.markAll')}
          </Button>
        </Group>
        <ScrollArea.Autosize mah={360} type="auto">
          {items.length === 0 && (
            <Text size="sm" c="dimmed" p="sm">
              {t('notifications.empty')}
            </Text>
          )}
          {items.map((n) => (
            <Box
              key={n.id}
              component={Link}
              to={n.conversationId ? `/conversations/${encodeURIComponent(n.conversationId)}` : '#'}
              onClick={() => {
                if (!n.readAt) markRead.mutate([n.id]);
                setOpened(false);
              }}
              className="koe-conversation-item"
              bg={n.readAt ? undefined : n.urgent ? 'red.0' : 'teal.0'}
              data-testid="notification-item"
              data-unread={!n.readAt}
              data-urgent={n.urgent}
            >
              <Text size="sm" fw={n.readAt ? 400 : 700} lineClamp={2}>
                {n.urgent && (
                  <Box
                    component="span"
                    display="inline-block"
                    w={8}
                    h={8}
                    mr={6}
                    bg="red.6"
                    style={{ borderRadius: '50%' }}
                  />
                )}
                {n.title}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={2}>
                {formatShortTime(n.createdAt, i18n.language)} · {n.body}
              </Text>
            </Box>
          ))}
        </ScrollArea.Autosize>
        <Stack px="sm" py={8} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          {permission === 'granted' ? (
            <Text size="xs" c="dimmed">
              {t('notifications.desktopOn')}
            </Text>
          ) : permission === 'denied' ? (
            <Text size="xs" c="dimmed">
              {t('notifications.desktopDenied')}
            </Text>
          ) : permission === 'default' ? (
            <Anchor
              component="button"
              type="button"
              size="xs"
              onClick={() => void enableDesktopNotifications().then(setPermission)}
              data-testid="notifications-enable-desktop"
            >
              {t('notifications.enableDesktop')}
            </Anchor>
          ) : null}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function BellIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}
