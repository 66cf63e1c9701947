import { useState } from 'react';
import { Badge, Button, Group, Loader, Modal, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAgents, useCreateAgent, useUpdateAgent } from '../../api/admin';
import type { Agent } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AdminPage } from './AdminPage';
import { AgentForm } from './AgentForm';
import { AgentSignInActions } from './AgentSignInActions';
import { AccountLinkModal } from './AccountLinkModal';
import { useInviteAgent, type AccountLink } from '../../api/accounts';
import { CapacityInput, PresenceBadge } from './AgentRoutingCells';

export function AgentsPage() {
  const { t } = useTranslation();
  const agents = useAgents();
  const create = useCreateAgent();
  const update = useUpdateAgent();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Agent | null>(null);
  const invite = useInviteAgent();
  const [invited, setInvited] = useState<{ email: string; link: AccountLink } | null>(null);

  const closeCreate = () => {
    setCreating(false);
    create.reset();
    invite.reset();
  };
  const closeEdit = () => {
    setEditing(null);
    update.reset();
  };

  return (
    <AdminPage
      title={t('agents.title')}
      allow={['admin']}
      actions={
        <Button onClick={() => setCreating(true)} data-testid="agent-add">
          {t('agents.add')}
        </Button>
      }
    >
      {agents.isPending && <Loader size="sm" />}
      {agents.error && <ErrorAlert error={agents.error} onRetry={() => void agents.refetch()} />}
      {agents.data && (
        <Table.ScrollContainer minWidth={920}>
          <Table striped highlightOnHover verticalSpacing="sm" data-testid="agents-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('agents.name')}</Table.Th>
                <Table.Th>{t('agents.displayName')}</Table.Th>
                <Table.Th>{t('agents.role')}</Table.Th>
                <Table.Th>{t('agents.level')}</Table.Th>
                <Table.Th>{t('agents.skills')}</Table.Th>
                <Table.Th>{t('agents.presence')}</Table.Th>
                <Table.Th>{t('agents.capacity')}</Table.Th>
                <Table.Th>{t('agentSecurity.twoFactor')}</Table.Th>
                <Table.Th>{t('agents.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agents.data.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={10}>
                    <Text c="dimmed">{t('agents.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {agents.data.map((agent) => (
                <Table.Tr key={agent.id} data-testid="agent-row" data-agent-id={agent.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {agent.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {agent.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{agent.displayName}</Text>
                  </Table.Td>
                  <Table.Td>{t(`role.${agent.role}`)}</Table.Td>
                  <Table.Td>L{agent.level}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {agent.skills.map((skill) => (
                        <Badge key={skill} size="sm" variant="light" color="gray">
                          {skill}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <PresenceBadge presence={agent.presence} />
                  </Table.Td>
                  <Table.Td>
                    <CapacityInput key={agent.capacity} agent={agent} />
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={agent.twoFactor ? 'teal' : 'gray'} data-testid="agent-2fa">
                      {agent.twoFactor ? t('agentSecurity.on') : t('agentSecurity.off')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {agent.invitationPending && agent.active ? (
                      <Badge size="sm" variant="light" color="yellow" data-testid="agent-pending">
                        {t('accounts.pending')}
                      </Badge>
                    ) : (
                      <Badge size="sm" variant="dot" color={agent.active ? 'teal' : 'gray'}>
                        {agent.active ? t('agents.active') : t('agents.inactive')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="subtle" onClick={() => setEditing(agent)}>
                      {t('app.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal opened={creating} onClose={closeCreate} title={t('agents.add')} size="md">
        <AgentForm
          pending={create.isPending || invite.isPending}
          error={create.error ?? invite.error}
          onCreate={(input) => create.mutate(input, { onSuccess: closeCreate })}
          onInvite={(input) =>
            invite.mutate(input, {
              onSuccess: (r) => {
                closeCreate();
                setInvited({ email: r.agent.email, link: r.link });
              },
            })
          }
          onCancel={closeCreate}
        />
      </Modal>
      <AccountLinkModal
        link={invited?.link ?? null}
        kind="invitation"
        email={invited?.email ?? ''}
        onClose={() => setInvited(null)}
      />
      <Modal opened={editing !== null} onClose={closeEdit} title={t('agents.edit')} size="md">
        {editing && (
          <>
            <AgentForm
              key={editing.id}
              agent={editing}
              pending={update.isPending}
              error={update.error}
              onUpdate={(patch) => update.mutate({ id: editing.id, patch }, { onSuccess: closeEdit })}
              onCancel={closeEdit}
            />
            <AgentSignInActions agent={editing} />
          </>
        )}
      </Modal>
    </AdminPage>
  );
}
