import { AppShell, Box, Burger, Group, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { SearchButton } from './SearchDialog';
import { ShortcutsHelp } from './ShortcutsHelp';
import { UserMenu } from './UserMenu';
import { SideNav } from './SideNav';
import { PresenceControl } from './PresenceControl';
import { NotificationsBell } from './NotificationsBell';
import { RealtimeBridge } from '../realtime/RealtimeBridge';

export const HEADER_HEIGHT = 56;

/** Shell of every signed-in page: header, side navigation (a drawer on phones), content. */
export function AppLayout() {
  const { t } = useTranslation();
  const [navOpened, nav] = useDisclosure(false);
  const location = useLocation();

  // Picking a view on a phone should reveal it, not leave the menu over it.
  const closeNav = nav.close;
  useEffect(() => closeNav(), [location.pathname, location.search, closeNav]);

  return (
    <AppShell
      header={{ height: HEADER_HEIGHT }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={0}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={t('app.openMenu')} />
            <Link to="/" style={{ textDecoration: 'none', color: 'inherit' }}>
              <Group gap={8} wrap="nowrap">
                <Logo />
                {/* On a phone the 声 mark alone leaves room for search, presence, notifications and the menu. */}
                <Text fw={700} size="lg" visibleFrom="sm">
                  Koe
                </Text>
              </Group>
            </Link>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SearchButton />
            <ShortcutsHelp />
            <PresenceControl />
            <NotificationsBell />
            <Box visibleFrom="sm">
              <LanguageSwitch signedIn />
            </Box>
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar>
        <ScrollArea h="100%" type="auto">
          <SideNav />
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <RealtimeBridge />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

function Logo() {
  return (
    <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="var(--mantine-color-teal-7)" />
      <text x="16" y="22.5" fontSize="17" textAnchor="middle" fill="white" fontFamily="inherit">
        声
      </text>
    </svg>
  );
}
