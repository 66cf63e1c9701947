import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useContinuePrivately } from '../../api/conversations';
import { ErrorAlert } from '../../components/ErrorAlert';

interface Props {
  conversationId: string;
  opened: boolean;
  onClose: () => void;
}

/** Moves a public thread to DMs on the same platform, with a polite first private message. */
export function ContinuePrivatelyDialog({ conversationId, opened, onClose }: Props) {
  const { t } = useTranslation();
  const move = useContinuePrivately(conversationId);
  const [text, setText] = useState(() => t('replyContext.continueTemplate'));

  const close = () => {
    move.reset();
    setText(t('replyContext.continueTemplate'));
    onClose();
  };
  const submit = () => {
    if (!text.trim()) return;
    move.mutate(text.trim(), { onSuccess: close });
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('replyContext.continueTitle')}
      data-testid="continue-privately-dialog"
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('replyContext.continueHelp')}
        </Text>
        {move.error ? <ErrorAlert error={move.error} onClose={() => move.reset()} /> : null}
        <Textarea
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          aria-label={t('replyContext.continueTitle')}
          autosize
          minRows={3}
          maxRows={8}
          data-testid="continue-privately-text"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('app.cancel')}
          </Button>
          <Button
            color="grape"
            onClick={submit}
            disabled={!text.trim()}
            loading={move.isPending}
            data-testid="continue-privately-submit"
          >
            {t('replyContext.continueSubmit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
