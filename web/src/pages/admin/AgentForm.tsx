import { useState, type FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH } from '@contracts/values';
import {
  Button,
  Group,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROLES, type Agent, type AgentLevel, type Role } from '../../api/types';
import type { AgentPatch, NewAgentInput } from '../../api/admin';
import type { NewInvitation } from '../../api/accounts';
import { ErrorAlert } from '../../components/ErrorAlert';

interface Props {
  /** Absent when creating a new agent. */
  agent?: Agent;
  pending: boolean;
  error: unknown;
  onCreate?: (input: NewAgentInput) => void;
  /** Adding by invitation: no password here, the agent sets it from the link. */
  onInvite?: (input: NewInvitation) => void;
  onUpdate?: (patch: AgentPatch) => void;
  onCancel: () => void;
}

export function AgentForm({ agent, pending, error, onCreate, onInvite, onUpdate, onCancel }: Props) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState(agent?.name ?? '');
  const [displayName, setDisplayName] = useState(agent?.displayName ?? '');
  const [role, setRole] = useState<Role>(agent?.role ?? 'agent');
  const [level, setLevel] = useState<AgentLevel>(agent?.level ?? 1);
  const [skills, setSkills] = useState<string[]>(agent?.skills ?? []);
  const [active, setActive] = useState(agent?.active ?? true);
  const [inviting, setInviting] = useState(true);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const common = { name: name.trim(), displayName: displayName.trim(), role, level, skills };
    if (agent) onUpdate?.({ ...common, active });
    else if (inviting) onInvite?.({ ...common, email: email.trim(), displayName: common.displayName || undefined });
    else onCreate?.({ ...common, email: email.trim(), password, displayName: common.displayName || undefined });
  };

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        {Boolean(error) && <ErrorAlert error={error} />}
        {agent ? (
          <Text size="sm" c="dimmed">
            {agent.email}
          </Text>
        ) : (
          <TextInput
            label={t('agents.email')}
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-testid="agent-email"
          />
        )}
        <TextInput
          label={t('agents.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="agent-name"
        />
        <TextInput
          label={t('agents.displayName')}
          placeholder={t('agents.displayNamePlaceholder')}
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          data-testid="agent-display-name"
        />
        {!agent && (
          <Switch
            label={t('accounts.inviteMode')}
            description={t('accounts.inviteModeHelp')}
            checked={inviting}
            onChange={(e) => setInviting(e.currentTarget.checked)}
            data-testid="agent-invite-mode"
          />
        )}
        {!agent && !inviting && (
          <PasswordInput
            label={t('agents.password')}
            description={t('setup.passwordHint')}
            required
            minLength={MIN_PASSWORD_LENGTH}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            data-testid="agent-password"
          />
        )}
        <Select
          label={t('agents.role')}
          value={role}
          onChange={(value) => value && setRole(value as Role)}
          data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          allowDeselect={false}
          data-testid="agent-role"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('agents.level')}
          </Text>
          <SegmentedControl
            value={String(level)}
            onChange={(value) => setLevel(Number(value) as AgentLevel)}
            data={['1', '2', '3'].map((l) => ({ value: l, label: `L${l}` }))}
            data-testid="agent-level"
          />
        </Stack>
        <TagsInput
          label={t('agents.skills')}
          placeholder={t('agents.skillsPlaceholder')}
          value={skills}
          onChange={setSkills}
          data-testid="agent-skills"
        />
        {agent && (
          <Switch label={t('agents.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={pending} data-testid="agent-submit">
            {agent ? t('app.save') : inviting ? t('accounts.invite') : t('app.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
