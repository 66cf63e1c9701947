import { ActionIcon, Group, Kbd, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { onPage, SHORTCUTS } from '../lib/hotkeys';

/** `?` (or the header's ? button) lists the keyboard shortcuts. */
export function ShortcutsHelp() {
  const { t } = useTranslation();
  const [opened, dialog] = useDisclosure(false);
  useHotkeys([['shift+?', onPage(() => dialog.open())]]);
  return (
    <>
      <Tooltip label={t('shortcuts.title')}>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          onClick={dialog.open}
          aria-label={t('shortcuts.title')}
          visibleFrom="sm"
          data-testid="shortcuts-open"
        >
          <Text fw={700} size="sm" aria-hidden>
            ?
          </Text>
        </ActionIcon>
      </Tooltip>
      <Modal opened={opened} onClose={dialog.close} title={t('shortcuts.title')} data-testid="shortcuts-help">
        <Stack gap={6}>
          {SHORTCUTS.map(([keys, what]) => (
            <Group key={what} justify="space-between" wrap="nowrap" data-testid="shortcut">
              <Text size="sm">{t(`shortcuts.${what}`)}</Text>
              <Kbd size="sm">{keys}</Kbd>
            </Group>
          ))}
          <Text size="xs" c="dimmed" mt="xs">
            {t('shortcuts.hint')}
          </Text>
        </Stack>
      </Modal>
    </>
  );
}
