import { Box, Group, NativeSelect, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSetPresence } from '../api/routing';
import { useMe } from '../api/session';
import { PRESENCES, type Presence } from '../api/types';

const DOT: Record<Presence, string> = { online: 'teal.6', away: 'yellow.6', offline: 'gray.5' };

/** The signed-in agent's presence; only online agents with free capacity are assigned work. */
export function PresenceControl() {
  const { t } = useTranslation();
  const agent = useMe().data?.agent;
  const setPresence = useSetPresence();
  if (!agent) return null;
  const presence: Presence =
    setPresence.isPending && setPresence.variables ? setPresence.variables : (agent.presence ?? 'offline');

  return (
    <Group gap={6} wrap="nowrap" data-testid="presence" data-presence={presence}>
      <Tooltip label={presence === 'offline' ? t('presence.offlineHint') : t(`presence.${presence}`)} withArrow>
        <Box
          w={10}
          h={10}
          bg={DOT[presence]}
          style={{ borderRadius: '50%', flexShrink: 0 }}
          data-testid="presence-dot"
        />
      </Tooltip>
      <NativeSelect
        size="xs"
        aria-label={t('presence.label')}
        value={presence}
        disabled={setPresence.isPending}
        onChange={(e) => setPresence.mutate(e.currentTarget.value as Presence)}
        data-testid="presence-select"
        w={112}
      >
        {PRESENCES.map((p) => (
          <option key={p} value={p} data-testid={`presence-option-${p}`}>
            {t(`presence.${p}`)}
          </option>
        ))}
      </NativeSelect>
      {presence === 'offline' && (
        <Text size="xs" c="dimmed" visibleFrom="lg" maw={220} lh={1.3} data-testid="presence-hint">
          {t('presence.offlineHint')}
        </Text>
      )}
    </Group>
  );
}
