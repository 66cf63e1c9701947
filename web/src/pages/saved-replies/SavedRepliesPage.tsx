import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Loader,
  Modal,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  useDeleteSavedReply,
  useSaveSavedReply,
  useSavedReplies,
  type SavedReply,
  type SavedReplyInput,
} from '../../api/saved-replies';
import { useMe } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AdminPage } from '../admin/AdminPage';

/** The variables a reply may name, as typed: shown verbatim (they are syntax, not words to translate). */
const VARIABLES = [
  ['{{customer.name}}', 'customerName'],
  ['{{agent.name}}', 'agentName'],
  ['{{conversation.id}}', 'conversationId'],
  ['{{order.number}}', 'orderNumber'],
  ['{{order.date}}', 'orderDate'],
  ['{{ask:…}}', 'ask'],
] as const;

type Scope = 'all' | 'shared' | 'personal';

/** Every agent's page: the team's shared replies and their own; supervisors and admins edit the shared ones. */
export function SavedRepliesPage() {
  const { t } = useTranslation();
  const replies = useSavedReplies();
  const role = useMe().data?.agent.role;
  const canShare = role === 'admin' || role === 'supervisor';
  const remove = useDeleteSavedReply();
  const [editing, setEditing] = useState<SavedReply | 'new' | null>(null);
  const [scope, setScope] = useState<Scope>('all');
  const shown = (replies.data ?? []).filter((r) => scope === 'all' || (scope === 'shared') === r.shared);

  return (
    <AdminPage
      title={t('savedReplies.title')}
      allow={['agent', 'supervisor', 'admin']}
      actions={
        <Button onClick={() => setEditing('new')} data-testid="saved-reply-add">
          {t('savedReplies.add')}
        </Button>
      }
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed" maw={760}>
          {t('savedReplies.intro')}
        </Text>
        <SegmentedControl
          w="fit-content"
          value={scope}
          onChange={(v) => setScope(v as Scope)}
          data={[
            { value: 'all', label: t('search.any') },
            { value: 'shared', label: t('savedReplies.shared') },
            { value: 'personal', label: t('savedReplies.personal') },
          ]}
        />
        {replies.isPending && <Loader size="sm" />}
        {replies.error && <ErrorAlert error={replies.error} onRetry={() => void replies.refetch()} />}
        {remove.error && <ErrorAlert error={remove.error} onClose={() => remove.reset()} />}
        {replies.data && shown.length === 0 && (
          <Text c="dimmed" size="sm">
            {t('savedReplies.empty')}
          </Text>
        )}
        {shown.length > 0 && (
          <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
            <Table verticalSpacing="sm" data-testid="saved-replies-table">
              <Table.Tbody>
                {shown.map((r) => (
                  <Table.Tr key={r.id} data-testid="saved-reply-row">
                    <Table.Td style={{ minWidth: 150 }}>
                      {/* Wraps at phone width so the title, its badges and the row's actions all stay in view. */}
                      <Group gap={6} wrap="wrap" mb={4}>
                        <Text fw={600} size="sm">
                          {r.title}
                        </Text>
                        <Badge size="xs" variant="light" color={r.shared ? 'blue' : 'grape'}>
                          {r.shared ? t('savedReplies.shared') : t('savedReplies.personal')}
                        </Badge>
                        {r.bodies.ja && (
                          <Badge size="xs" variant="outline" color="gray">
                            日本語
                          </Badge>
                        )}
                        {r.bodies.en && (
                          <Badge size="xs" variant="outline" color="gray">
                            English
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed" lineClamp={2} className="koe-message-text">
                        {r.bodies.ja ?? r.bodies.en}
                      </Text>
                    </Table.Td>
                    <Table.Td w={84}>
                      <Text size="xs" c="dimmed">
                        {t('savedReplies.uses', { count: r.usageCount })}
                      </Text>
                    </Table.Td>
                    <Table.Td w={120}>
                      {r.editable && (
                        <Group gap={4} wrap="nowrap" justify="flex-end">
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            onClick={() => setEditing(r)}
                            data-testid="saved-reply-edit"
                          >
                            {t('savedReplies.edit')}
                          </Button>
                          <Tooltip label={t('savedReplies.delete')}>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t('savedReplies.delete')}
                              loading={remove.isPending && remove.variables === r.id}
                              onClick={() => {
                                if (window.confirm(t('savedReplies.deleteConfirm', { title: r.title })))
                                  remove.mutate(r.id);
                              }}
                              data-testid="saved-reply-delete"
                            >
                              ✕
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </Stack>
      {editing && (
        <SavedReplyForm
          reply={editing === 'new' ? null : editing}
          canShare={canShare}
          onClose={() => setEditing(null)}
        />
      )}
    </AdminPage>
  );
}

function SavedReplyForm({
  reply,
  canShare,
  onClose,
}: {
  reply: SavedReply | null;
  canShare: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const save = useSaveSavedReply();
  const [input, setInput] = useState<SavedReplyInput>({
    title: reply?.title ?? '',
    bodies: { ja: reply?.bodies.ja ?? '', en: reply?.bodies.en ?? '' },
    shared: reply?.shared ?? false,
  });
  const body = (lang: 'ja' | 'en', value: string) =>
    setInput((i) => ({ ...i, bodies: { ...i.bodies, [lang]: value } }));
  const valid = input.title.trim() && (input.bodies.ja?.trim() || input.bodies.en?.trim());
  const submit = () =>
    save.mutate(
      {
        ...(reply ? { id: reply.id } : {}),
        title: input.title.trim(),
        bodies: {
          ...(input.bodies.ja?.trim() ? { ja: input.bodies.ja } : {}),
          ...(input.bodies.en?.trim() ? { en: input.bodies.en } : {}),
        },
        shared: input.shared,
      },
      { onSuccess: onClose },
    );

  return (
    <Modal opened onClose={onClose} title={reply ? t('savedReplies.edit') : t('savedReplies.add')} size="lg">
      <Stack gap="sm" data-testid="saved-reply-form">
        <TextInput
          label={t('savedReplies.fieldTitle')}
          value={input.title}
          onChange={(e) => setInput({ ...input, title: e.currentTarget.value })}
          maxLength={100}
          data-autofocus
          data-testid="saved-reply-title"
        />
        <Textarea
          label={t('savedReplies.fieldJa')}
          description={t('savedReplies.bodyHint')}
          value={input.bodies.ja ?? ''}
          onChange={(e) => body('ja', e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={10}
          data-testid="saved-reply-body-ja"
        />
        <Textarea
          label={t('savedReplies.fieldEn')}
          value={input.bodies.en ?? ''}
          onChange={(e) => body('en', e.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={10}
          data-testid="saved-reply-body-en"
        />
        <Paper withBorder p="xs" radius="sm" bg="gray.0">
          <Text size="xs" fw={600} mb={4}>
            {t('savedReplies.variablesTitle')}
          </Text>
          <Stack gap={2}>
            {VARIABLES.map(([token, key]) => (
              <Group key={token} gap={6} wrap="nowrap">
                <Code>{token}</Code>
                <Text size="xs" c="dimmed">
                  {t(`savedReplies.variables.${key}`)}
                </Text>
              </Group>
            ))}
          </Stack>
        </Paper>
        {(canShare || input.shared) && (
          <Checkbox
            label={t('savedReplies.fieldShared')}
            checked={input.shared}
            disabled={!canShare}
            onChange={(e) => setInput({ ...input, shared: e.currentTarget.checked })}
            data-testid="saved-reply-shared"
          />
        )}
        {save.error && <ErrorAlert error={save.error} onClose={() => save.reset()} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('savedReplies.cancel')}
          </Button>
          <Button onClick={submit} disabled={!valid} loading={save.isPending} data-testid="saved-reply-save">
            {t('savedReplies.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
