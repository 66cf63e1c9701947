import { useState } from 'react';
import { Badge, Box, Button, CopyButton, Group, Paper, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDecideApproval } from '../../api/conversations';
import { useMe } from '../../api/session';
import type { Conversation } from '../../api/types';
import type { Approval } from '@contracts/approvals';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatShortTime } from '../../lib/time';

/**
 * A public reply held for a supervisor (desk setting approvals): what it says, who wrote it and why it waits. A
 * supervisor approves it (as written or edited) or sends it back with a note; the author can withdraw it. A reply
 * sent back shows the note to the author.
 */
export function ApprovalCard({ conversation }: { conversation: Conversation }) {
  const a = conversation.approval;
  return a ? <Card key={`${a.id}-${a.status}`} conversation={conversation} /> : null;
}

/** Why a reply waits (the rule that held it), who wrote it and when: in its card and in the supervisors' queue. */
export function ApprovalByline({ approval }: { approval: Approval }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Badge size="xs" variant="light" color="gray">
        {t(`approvals.reasons.${approval.reason}`)}
      </Badge>
      <Text size="xs" c="dimmed">
        {approval.author.name} · {formatShortTime(approval.createdAt, i18n.language)}
      </Text>
    </>
  );
}

function Card({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const a = conversation.approval!;
  const me = useMe().data?.agent;
  const decide = useDecideApproval(conversation.id);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(a.text);
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const reviewer = Boolean(me && (me.role === 'admin' || me.role === 'supervisor') && me.id !== a.author.id);
  const author = me?.id === a.author.id;
  const pending = a.status === 'pending';

  return (
    <Box px="md" pt="sm" bg="white">
      <Paper
        withBorder
        p="sm"
        radius="md"
        bg={pending ? 'yellow.0' : 'red.0'}
        data-testid="approval-card"
        data-status={a.status}
      >
        <Group gap={6} mb={4} wrap="wrap">
          <Text fw={700} size="sm">
            {pending ? t('approvals.pendingTitle') : t('approvals.rejectedTitle')}
          </Text>
          <ApprovalByline approval={a} />
        </Group>
        {!pending && a.note && (
          <Text size="sm" mb={6} data-testid="approval-note">
            {t('approvals.noteFrom', { name: a.reviewer?.name ?? '', note: a.note })}
          </Text>
        )}
        {editing ? (
          <Textarea
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={8}
            aria-label={t('approvals.edit')}
            data-testid="approval-text"
          />
        ) : (
          <Paper p="xs" radius="sm" bg="white" withBorder>
            <Text size="sm" className="koe-message-text" data-testid="approval-held-text">
              {a.text}
            </Text>
          </Paper>
        )}
        {pending && !reviewer && !author && (
          <Text size="xs" c="dimmed" mt={6}>
            {t('approvals.waiting')}
          </Text>
        )}
        {decide.error && <ErrorAlert error={decide.error} onClose={() => decide.reset()} />}
        {rejecting && (
          <TextInput
            mt={6}
            label={t('approvals.noteLabel')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-autofocus
            data-testid="approval-reject-note"
          />
        )}
        <Group justify="flex-end" gap="xs" mt={6}>
          {pending && reviewer && !rejecting && (
            <>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => setRejecting(true)}
                data-testid="approval-reject"
              >
                {t('approvals.reject')}
              </Button>
              {!editing && (
                <Button size="xs" variant="default" onClick={() => setEditing(true)} data-testid="approval-edit">
                  {t('approvals.edit')}
                </Button>
              )}
              <Button
                size="xs"
                color="teal"
                loading={decide.isPending}
                disabled={!text.trim()}
                onClick={() =>
                  decide.mutate({
                    id: a.id,
                    action: 'approve',
                    ...(editing && text.trim() !== a.text ? { text: text.trim() } : {}),
                  })
                }
                data-testid="approval-approve"
              >
                {editing ? t('approvals.approveEdited') : t('approvals.approve')}
              </Button>
            </>
          )}
          {pending && reviewer && rejecting && (
            <>
              <Button size="xs" variant="default" onClick={() => setRejecting(false)}>
                {t('app.cancel')}
              </Button>
              <Button
                size="xs"
                color="red"
                loading={decide.isPending}
                disabled={!note.trim()}
                onClick={() => decide.mutate({ id: a.id, action: 'reject', note: note.trim() })}
                data-testid="approval-reject-send"
              >
                {t('approvals.sendBack')}
              </Button>
            </>
          )}
          {pending && author && (
            <Button
              size="xs"
              variant="default"
              loading={decide.isPending}
              onClick={() => decide.mutate({ id: a.id, action: 'withdraw' })}
              data-testid="approval-withdraw"
            >
              {t('approvals.withdraw')}
            </Button>
          )}
          {!pending && (
            <CopyButton value={a.text}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? t('accounts.copied') : t('approvals.copyText')}
                </Button>
              )}
            </CopyButton>
          )}
        </Group>
      </Paper>
    </Box>
  );
}
