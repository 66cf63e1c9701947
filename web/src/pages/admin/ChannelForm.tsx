import { useState, type FormEvent } from 'react';
import { Button, Group, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';

interface Props {
  pending: boolean;
  error: unknown;
  onSubmit: (input: { name: string; greeting?: string }) => void;
  onCancel: () => void;
}

/** New web chat channel: a name for the inbox and the greeting visitors see first. */
export function ChannelForm({ pending, error, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [greeting, setGreeting] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ name: name.trim(), greeting: greeting.trim() || undefined });
  };

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        {Boolean(error) && <ErrorAlert error={error} />}
        <TextInput
          label={t('channels.name')}
          placeholder={t('channels.namePlaceholder')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="channel-name"
        />
        <Textarea
          label={t('channels.greeting')}
          placeholder={t('channels.greetingPlaceholder')}
          autosize
          minRows={2}
          value={greeting}
          onChange={(e) => setGreeting(e.currentTarget.value)}
          data-testid="channel-greeting"
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={pending} data-testid="channel-submit">
            {t('app.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
