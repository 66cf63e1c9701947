import { useState } from 'react';
import { Badge, Button, Group, Loader, MultiSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAgents } from '../../api/admin';
import { useCreateTeam, useTeams } from '../../api/routing';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AdminPage } from './AdminPage';

/** Teams with members; each team has its own inbox view (?team=). */
export function TeamsPage() {
  const { t } = useTranslation();
  const teams = useTeams();
  const agents = useAgents().data ?? [];
  const create = useCreateTeam();
  const [name, setName] = useState('');
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const nameOf = (id: string) => agents.find((a) => a.id === id)?.name ?? id;

  const submit = () =>
    create.mutate(
      { name: name.trim(), memberIds },
      {
        onSuccess: () => {
          setName('');
          setMemberIds([]);
        },
      },
    );

  return (
    <AdminPage title={t('teams.title')} allow={['admin']}>
      <Stack gap="md">
        <Paper withBorder p="md" radius="md">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('teams.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              w={220}
              data-testid="team-name"
            />
            <MultiSelect
              label={t('teams.members')}
              data={agents.filter((a) => a.active).map((a) => ({ value: a.id, label: `${a.name}（L${a.level}）` }))}
              value={memberIds}
              onChange={setMemberIds}
              searchable
              w={{ base: '100%', sm: 380 }}
              data-testid="team-members"
            />
            <Button onClick={submit} disabled={!name.trim()} loading={create.isPending} data-testid="team-create">
              {t('teams.add')}
            </Button>
          </Group>
          {create.error && <ErrorAlert error={create.error} onClose={() => create.reset()} />}
        </Paper>
        {teams.isPending && <Loader size="sm" />}
        {teams.error && <ErrorAlert error={teams.error} onRetry={() => void teams.refetch()} />}
        {teams.data && (
          <Table striped verticalSpacing="sm" data-testid="teams-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('teams.name')}</Table.Th>
                <Table.Th>{t('teams.members')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {teams.data.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={2}>
                    <Text c="dimmed">{t('teams.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {teams.data.map((team) => (
                <Table.Tr key={team.id} data-testid="team-row">
                  <Table.Td>
                    <Text component={Link} to={`/?team=${encodeURIComponent(team.id)}`} fw={600} size="sm" c="teal.8">
                      {team.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {team.memberIds.map((id) => (
                        <Badge key={id} size="sm" variant="light" color="gray">
                          {nameOf(id)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </AdminPage>
  );
}
