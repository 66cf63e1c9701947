import { Avatar, Box, Menu, Text, UnstyledButton } from '@mantine/core';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLogout, useMe } from '../api/session';
import { clearDraftsOf } from '../pages/inbox/useDraft';
import { LanguageSwitch } from './LanguageSwitch';

export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const agent = me.data?.agent;
  if (!agent) return null;

  const signOut = () => {
    clearDraftsOf(agent.id);
    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  return (
    <Menu position="bottom-end" withArrow>
      <Menu.Target>
        <UnstyledButton aria-label={t('header.signedInAs', { name: agent.name })} data-testid="user-menu">
          <Avatar color="teal" radius="xl" size={32}>
            {agent.name.slice(0, 1)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="dark">
            {agent.name}
          </Text>
          <Text size="xs" c="dimmed">
            {me.data?.workspace.name} · {t(`role.${agent.role}`)} · L{agent.level}
          </Text>
        </Menu.Label>
        {/* The header has no room for the language switch on phones. */}
        <Box hiddenFrom="sm" px="sm" py={4}>
          <LanguageSwitch signedIn />
        </Box>
        <Menu.Item onClick={() => navigate('/account/security')} data-testid="account-security">
          {t('account.title')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" onClick={signOut} data-testid="logout">
          {t('header.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
