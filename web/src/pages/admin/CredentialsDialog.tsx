import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUpdateCredentials } from '../../api/admin';
import { ApiError } from '../../api/client';
import type { Channel } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CredentialFields } from './CredentialFields';
import { fieldErrors, toCredentials, type CredentialValues } from './channelFields';

/** Replaces a channel's credentials (secrets are never sent back, so every field is entered again). */
export function CredentialsDialog({
  channel,
  opened,
  onClose,
}: {
  channel: Channel;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateCredentials(channel.id);
  const [values, setValues] = useState<CredentialValues>({});
  const errors = update.error instanceof ApiError ? fieldErrors(update.error.errors) : {};

  const close = () => {
    setValues({});
    update.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(toCredentials(channel.kind, values), { onSuccess: close });
  };

  return (
    <Modal opened={opened} onClose={close} title={`${t('channelSetup.updateCredentials')} — ${channel.name}`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('channelSetup.updateHelp')}
          </Text>
          {update.error ? <ErrorAlert error={update.error} /> : null}
          <CredentialFields kind={channel.kind} values={values} onChange={setValues} errors={errors} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending} data-testid="credentials-save">
              {t('app.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
