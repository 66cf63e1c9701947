import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { NewChannelInput } from '../../api/admin';
import { CHANNEL_KINDS, type ChannelKind } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CredentialFields } from './CredentialFields';
import { fieldErrors, toCredentials, type CredentialValues } from './channelFields';

interface Props {
  pending: boolean;
  error: unknown;
  onSubmit: (input: NewChannelInput) => void;
  onCancel: () => void;
}

/** New channel of any kind: a name for the inbox, then the web chat greeting or the platform's credentials. */
export function ChannelForm({ pending, error, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ChannelKind>('webchat');
  const [name, setName] = useState('');
  const [greeting, setGreeting] = useState('');
  const [values, setValues] = useState<CredentialValues>({});
  const errors = error instanceof ApiError ? fieldErrors(error.errors) : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(
      kind === 'webchat'
        ? { kind, name: name.trim(), greeting: greeting.trim() || undefined }
        : { kind, name: name.trim(), credentials: toCredentials(kind, values) },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {Boolean(error) && <ErrorAlert error={error} />}
        <NativeSelect
          label={t('channelSetup.kindLabel')}
          value={kind}
          onChange={(e) => {
            setKind(e.currentTarget.value as ChannelKind);
            setValues({});
          }}
          data={CHANNEL_KINDS.map((k) => ({ value: k, label: t(`channelKind.${k}`) }))}
          data-testid="channel-kind"
        />
        <TextInput
          label={t('channels.name')}
          placeholder={kind === 'webchat' ? t('channels.namePlaceholder') : `Koeマート ${t(`channelKind.${kind}`)}`}
          withAsterisk
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-testid="channel-name"
        />
        {kind === 'webchat' ? (
          <Textarea
            label={t('channels.greeting')}
            placeholder={t('channels.greetingPlaceholder')}
            autosize
            minRows={2}
            value={greeting}
            onChange={(e) => setGreeting(e.currentTarget.value)}
            data-testid="channel-greeting"
          />
        ) : (
          <CredentialFields kind={kind} values={values} onChange={setValues} errors={errors} />
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={pending} data-testid="channel-create">
            {t('app.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
