import type { ReactNode } from 'react';
import { Badge, Divider, NavLink, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApprovals, useCounts } from '../api/conversations';
import { useChannels } from '../api/admin';
import { useMe } from '../api/session';
import { useTeams } from '../api/routing';
import { useIncidents } from '../api/incidents';
import { CONVERSATION_STATUSES, type ConversationCounts } from '../api/types';
import { filterFromSearch, filterToSearch, sameFilter, type InboxFilter } from '../lib/inboxFilter';

/** Left navigation: inbox views with live counts, then admin pages for admins. */
export function SideNav() {
  const { t } = useTranslation();
  const location = useLocation();
  const counts = useCounts().data;
  const channels = useChannels().data ?? [];
  const role = useMe().data?.agent.role;
  const teams = useTeams().data ?? [];
  const openIncidents = useIncidents('open').data?.length ?? 0;
  const approvalsWaiting = useApprovals(role === 'admin' || role === 'supervisor').data?.length ?? 0;
  const inInbox = location.pathname === '/' || location.pathname.startsWith('/conversations');
  const active = inInbox ? filterFromSearch(new URLSearchParams(location.search)) : null;

  const item = (filter: InboxFilter, label: string, count: number | undefined, testKey: string, color = 'gray') => (
    <NavLink
      key={testKey}
      component={Link}
      to={`/${filterToSearch(filter)}`}
      label={label}
      active={active !== null && sameFilter(active, filter)}
      rightSection={
        <Badge size="sm" variant="light" color={count ? color : 'gray'} data-testid={`view-count-${testKey}`}>
          {count ?? '–'}
        </Badge>
      }
    />
  );

  const statusCount = (s: keyof ConversationCounts) => counts?.[s] as number | undefined;

  return (
    <Stack gap={0} py="sm" component="nav">
      <SectionLabel>{t('views.heading')}</SectionLabel>
      {item({ kind: 'view', view: 'all_open' }, t('views.all_open'), counts?.all_open, 'all_open')}
      {item({ kind: 'view', view: 'mine' }, t('views.mine'), counts?.mine, 'mine')}
      {item({ kind: 'view', view: 'unassigned' }, t('views.unassigned'), counts?.unassigned, 'unassigned')}
      {/* Spam and likely trolls are set aside here, never hidden: an agent reviews and can clear the flag. */}
      {item({ kind: 'view', view: 'flagged' }, t('views.flagged'), counts?.flagged, 'flagged', 'orange')}
      {/* Triage's marks: unsure whether urgent (one click settles it), and competitor mentions (opportunities). */}
      {item(
        { kind: 'mark', mark: 'needs_look' },
        t('triage.marks.needs_look'),
        counts?.needs_look,
        'needs_look',
        'orange',
      )}
      {item(
        { kind: 'mark', mark: 'competitor' },
        t('triage.marks.competitor'),
        counts?.competitor,
        'competitor',
        'indigo',
      )}

      <SectionLabel>{t('views.byStatus')}</SectionLabel>
      {CONVERSATION_STATUSES.map((status) =>
        item(
          { kind: 'status', status },
          t(status === 'open' ? 'status.openAll' : `status.${status}`),
          statusCount(status),
          status,
        ),
      )}

      {channels.length > 0 && <SectionLabel>{t('views.byChannel')}</SectionLabel>}
      {channels.map((channel) =>
        item(
          { kind: 'channel', channelId: channel.id },
          channel.name,
          counts?.byChannel[channel.id] ?? 0,
          `channel-${channel.id}`,
        ),
      )}

      {teams.length > 0 && <SectionLabel>{t('teams.inboxHeading')}</SectionLabel>}
      {teams.map((team) => (
        <NavLink
          key={team.id}
          component={Link}
          to={`/${filterToSearch({ kind: 'team', teamId: team.id })}`}
          label={team.name}
          active={active !== null && sameFilter(active, { kind: 'team', teamId: team.id })}
          data-testid={`team-view-${team.id}`}
          rightSection={
            <Badge size="sm" variant="light" color="gray" data-testid={`view-count-team-${team.id}`}>
              {counts?.byTeam?.[team.id] ?? 0}
            </Badge>
          }
        />
      ))}

      <Divider my="sm" />
      <NavLink
        component={Link}
        to="/incidents"
        label={t('incidents.nav')}
        active={location.pathname.startsWith('/incidents')}
        data-testid="nav-incidents"
        rightSection={
          openIncidents > 0 ? (
            <Badge size="sm" variant="filled" color="red" data-testid="nav-incidents-count">
              {openIncidents}
            </Badge>
          ) : null
        }
      />

      <NavLink
        component={Link}
        to="/listening"
        label={t('listening.nav')}
        active={location.pathname.startsWith('/listening')}
        data-testid="nav-listening"
      />

      <NavLink
        component={Link}
        to="/kb"
        label={t('knowledge.nav')}
        active={location.pathname.startsWith('/kb')}
        data-testid="nav-kb"
      />

      <NavLink
        component={Link}
        to="/saved-replies"
        label={t('savedReplies.nav')}
        active={location.pathname.startsWith('/saved-replies')}
        data-testid="nav-saved-replies"
      />

      {role === 'admin' || role === 'supervisor' ? (
        <>
          <Divider my="sm" />
          <AdminLink to="/board" label={t('board.nav')} testId="nav-board" />
          <AdminLink to="/reports" label={t('reports.nav')} testId="nav-reports" />
          <NavLink
            component={Link}
            to="/approvals"
            label={t('approvals.nav')}
            active={location.pathname === '/approvals'}
            data-testid="nav-approvals"
            rightSection={
              approvalsWaiting > 0 ? (
                <Badge size="sm" variant="filled" color="yellow" c="dark" data-testid="nav-approvals-count">
                  {approvalsWaiting}
                </Badge>
              ) : null
            }
          />
          <SectionLabel>{t('header.admin')}</SectionLabel>
          {role === 'admin' && (
            <>
              <AdminLink to="/admin/agents" label={t('admin.agents')} />
              <AdminLink to="/admin/teams" label={t('teams.nav')} />
              <AdminLink to="/admin/channels" label={t('admin.channels')} />
              <AdminLink to="/admin/desk" label={t('desk.nav')} />
              <AdminLink to="/admin/triage" label={t('admin.triage')} />
              <AdminLink to="/admin/security" label={t('settings.nav')} testId="nav-security" />
            </>
          )}
          <AdminLink to="/admin/automation" label={t('automation.nav')} />
          <AdminLink to="/admin/audit" label={t('admin.audit')} />
        </>
      ) : null}
    </Stack>
  );
}

function AdminLink({ to, label, testId }: { to: string; label: string; testId?: string }) {
  const location = useLocation();
  return <NavLink component={Link} to={to} label={label} active={location.pathname === to} data-testid={testId} />;
}

function SectionLabel({ children }: { children: ReactNode }) {
  return (
    <Text size="xs" fw={600} c="dimmed" px="md" pt="sm" pb={4} tt="uppercase">
      {children}
    </Text>
  );
}
