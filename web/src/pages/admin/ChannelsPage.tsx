import { useState } from 'react';
import { Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useChannels, useCreateChannel, useDeleteChannel } from '../../api/admin';
import type { Channel } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AdminPage } from './AdminPage';
import { ChannelCard } from './ChannelCard';
import { ChannelForm } from './ChannelForm';

export function ChannelsPage() {
  const { t } = useTranslation();
  const channels = useChannels();
  const create = useCreateChannel();
  const remove = useDeleteChannel();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Channel | null>(null);

  const closeCreate = () => {
    setCreating(false);
    create.reset();
  };
  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };

  return (
    <AdminPage
      title={t('channels.title')}
      allow={['admin']}
      actions={
        <Button onClick={() => setCreating(true)} data-testid="channel-add">
          {t('channelSetup.addAny')}
        </Button>
      }
    >
      {channels.isPending && <Loader size="sm" />}
      {channels.error && <ErrorAlert error={channels.error} onRetry={() => void channels.refetch()} />}
      {channels.data?.length === 0 && <Text c="dimmed">{t('channels.empty')}</Text>}
      <Stack gap="md">
        {channels.data?.map((channel) => (
          <ChannelCard key={channel.id} channel={channel} onDelete={() => setDeleting(channel)} />
        ))}
      </Stack>

      <Modal opened={creating} onClose={closeCreate} title={t('channelSetup.addAny')}>
        <ChannelForm
          pending={create.isPending}
          error={create.error}
          onSubmit={(input) => create.mutate(input, { onSuccess: closeCreate })}
          onCancel={closeCreate}
        />
      </Modal>

      <Modal opened={deleting !== null} onClose={closeDelete} title={t('channels.delete')}>
        <Stack>
          <Text>{t('channels.deleteConfirm', { name: deleting?.name ?? '' })}</Text>
          {remove.error && <ErrorAlert error={remove.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={closeDelete}>
              {t('app.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => deleting && remove.mutate(deleting.id, { onSuccess: closeDelete })}
              data-testid="channel-delete-confirm"
            >
              {t('channels.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </AdminPage>
  );
}
