import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/session';
import { useViewers, type ConversationViewer } from '../../api/viewers';

/** Colleagues (never the agent themself) with this conversation open, typists first. */
export function useOthersViewing(conversationId: string): ConversationViewer[] {
  const me = useMe().data?.agent.id;
  const viewers = useViewers().data?.get(conversationId) ?? [];
  return viewers.filter((v) => v.id !== me).sort((a, b) => Number(b.typing) - Number(a.typing));
}

/** Above the composer: who else is here, and who is writing, so two agents do not answer one customer twice. */
export function CollisionNotice({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const others = useOthersViewing(conversationId);
  if (!others.length) return null;
  const typing = others.filter((v) => v.typing).map((v) => v.name);
  const viewing = others.filter((v) => !v.typing).map((v) => v.name);
  return (
    <Group gap="md" mb={6} data-testid="collision-notice" role="status">
      {typing.length > 0 && (
        <Text size="xs" c="orange.8" fw={700} data-testid="collision-typing">
          {t('collision.typing', { names: typing.join('、') })}
        </Text>
      )}
      {viewing.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="collision-viewing">
          {t('collision.viewing', { names: viewing.join('、') })}
        </Text>
      )}
    </Group>
  );
}

/** In the inbox row: a short marker that a colleague has the conversation open or is typing in it. */
export function ListCollisionMarker({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const others = useOthersViewing(conversationId);
  if (!others.length) return null;
  const first = others[0];
  const more = others.length - 1;
  const key = first.typing ? 'listTyping' : 'listViewing';
  const label = t(`collision.${key}${more ? 'More' : ''}` as const, { name: first.name, more });
  return (
    <Text
      size="xs"
      c={first.typing ? 'orange.8' : 'dimmed'}
      fw={first.typing ? 700 : undefined}
      data-testid="conversation-viewers"
      truncate
    >
      {label}
    </Text>
  );
}
