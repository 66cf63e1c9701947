import { Alert, Anchor, Group, Portal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMarkRead } from '../api/routing';
import { isSpikeNotification } from '../api/incidents';
import { dismissToast, useToasts } from './toasts';

/** Fixed stack of in-app notification toasts under the header, newest on top. */
export function ToastStack() {
  const { t } = useTranslation();
  const toasts = useToasts();
  const markRead = useMarkRead();
  if (toasts.length === 0) return null;
  /** Following a toast's link reads the notification and closes the toast. */
  const open = (id: string) => {
    markRead.mutate([id]);
    dismissToast(id);
  };
  return (
    <Portal>
      <Stack
        gap="xs"
        style={{ position: 'fixed', top: 64, right: 12, zIndex: 400, width: 'min(360px, calc(100vw - 24px))' }}
        data-testid="toast-stack"
        aria-live="polite"
      >
        {toasts.map((n) => (
          <Alert
            key={n.id}
            color={n.urgent ? 'red' : 'teal'}
            variant={n.urgent ? 'filled' : 'white'}
            withCloseButton
            closeButtonLabel={t('notifications.dismiss')}
            onClose={() => dismissToast(n.id)}
            radius="md"
            py={6}
            style={{ boxShadow: 'var(--mantine-shadow-md)', border: '1px solid var(--mantine-color-gray-3)' }}
            data-testid="notification-toast"
            data-urgent={n.urgent}
            data-kind={n.kind}
            title={
              <Text size="sm" fw={700} lineClamp={1}>
                {n.title}
              </Text>
            }
          >
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Text size="xs" lineClamp={1} style={{ minWidth: 0 }}>
                {n.body}
              </Text>
              {n.conversationId && (
                <ToastLink
                  to={`/conversations/${encodeURIComponent(n.conversationId)}`}
                  urgent={n.urgent}
                  onOpen={() => open(n.id)}
                >
                  {t('notifications.open')}
                </ToastLink>
              )}
              {!n.conversationId && isSpikeNotification(n) && (
                // The inbox shows the spike banner with 「インシデントを宣言」.
                <ToastLink to="/" urgent={n.urgent} onOpen={() => open(n.id)} testId="spike-toast-open">
                  {t('incidents.spike.toastLink')}
                </ToastLink>
              )}
            </Group>
          </Alert>
        ))}
      </Stack>
    </Portal>
  );
}

function ToastLink(props: { to: string; urgent: boolean; onOpen: () => void; testId?: string; children: ReactNode }) {
  return (
    <Anchor
      component={Link}
      to={props.to}
      size="xs"
      c={props.urgent ? 'white' : undefined}
      fw={600}
      style={{ flexShrink: 0 }}
      onClick={props.onOpen}
      data-testid={props.testId}
    >
      {props.children}
    </Anchor>
  );
}
