import { useState } from 'react';
import { Button, Group, Loader, Modal, NativeSelect, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAgents } from '../../api/admin';
import { useEscalate, useHandoffDraft, useTeams, type EscalationInput } from '../../api/routing';
import type { Conversation } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';

type Mode = 'level' | 'team' | 'agent';
const LEVELS = [1, 2, 3] as const;

/** 「エスカレーション」 button and its dialog: pick a level, team or person, and write the hand-off note. */
export function EscalateButton({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button size="xs" variant="light" color="orange" onClick={() => setOpened(true)} data-testid="escalate-open">
        {t('escalation.open')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('escalation.title')} size="lg">
        {opened && <EscalateForm conversation={conversation} onDone={() => setOpened(false)} />}
      </Modal>
    </>
  );
}

function EscalateForm({ conversation, onDone }: { conversation: Conversation; onDone: () => void }) {
  const { t } = useTranslation();
  const draft = useHandoffDraft(conversation.id, true);
  const escalate = useEscalate(conversation.id);
  const agents = (useAgents().data ?? []).filter((a) => a.active);
  const teams = useTeams().data ?? [];
  const [mode, setMode] = useState<Mode>('level');
  const [level, setLevel] = useState(String(Math.min(3, Math.max(1, conversation.level + 1))));
  const [teamId, setTeamId] = useState('');
  const [agentId, setAgentId] = useState('');
  // null until the agent types: the server's draft fills the note as soon as it arrives.
  const [note, setNote] = useState<string | null>(null);
  const text = note ?? draft.data?.text ?? '';

  const target: Omit<EscalationInput, 'note'> =
    mode === 'level'
      ? { toLevel: Number(level) as 1 | 2 | 3 }
      : mode === 'team'
        ? { toTeamId: teamId || undefined }
        : { toAgentId: agentId || undefined };
  const ready = mode === 'level' || (mode === 'team' ? Boolean(teamId) : Boolean(agentId));
  const submit = () => escalate.mutate({ ...target, note: text }, { onSuccess: onDone });

  return (
    <Stack gap="sm" data-testid="escalate-dialog">
      <SegmentedControl
        value={mode}
        onChange={(v) => setMode(v as Mode)}
        data={[
          { value: 'level', label: t('escalation.byLevel') },
          { value: 'team', label: t('escalation.byTeam') },
          { value: 'agent', label: t('escalation.byAgent') },
        ]}
        data-testid="escalate-mode"
      />
      {mode === 'level' && (
        <NativeSelect
          label={t('escalation.level')}
          description={t('escalation.deescalate')}
          value={level}
          onChange={(e) => setLevel(e.currentTarget.value)}
          data={LEVELS.map((l) => ({ value: String(l), label: t(`triage.levels.l${l}`) }))}
          data-testid="escalate-level"
        />
      )}
      {mode === 'team' && (
        <NativeSelect
          label={t('escalation.team')}
          value={teamId}
          onChange={(e) => setTeamId(e.currentTarget.value)}
          data={[
            { value: '', label: t('escalation.choose') },
            ...teams.map((team) => ({ value: team.id, label: team.name })),
          ]}
          data-testid="escalate-team"
        />
      )}
      {mode === 'agent' && (
        <NativeSelect
          label={t('escalation.agent')}
          value={agentId}
          onChange={(e) => setAgentId(e.currentTarget.value)}
          data={[
            { value: '', label: t('escalation.choose') },
            ...agents.map((a) => ({
              value: a.id,
              label: `${a.name}（L${a.level}・${t(`presence.${a.presence ?? 'offline'}`)}）`,
            })),
          ]}
          data-testid="escalate-agent"
        />
      )}
      <Textarea
        label={t('escalation.note')}
        description={t('escalation.noteHelp')}
        value={text}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={8}
        maxRows={16}
        rightSection={draft.isPending ? <Loader size="xs" /> : null}
        data-testid="escalate-note"
      />
      {escalate.error && <ErrorAlert error={escalate.error} onClose={() => escalate.reset()} />}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {conversation.customer.name} · L{conversation.level}
        </Text>
        <Group gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button
            color="orange"
            onClick={submit}
            loading={escalate.isPending}
            disabled={!ready}
            data-testid="escalate-submit"
          >
            {t('escalation.submit')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
