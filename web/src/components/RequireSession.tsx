import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useMe, useSetupStatus } from '../api/session';
import { FullPageLoader } from './FullPageLoader';
import { ErrorAlert } from './ErrorAlert';
import { Center } from '@mantine/core';

/** Gate for signed-in pages: first-run → /setup, signed out → /login, required two-factor set-up → /account/security. */
export function RequireSession() {
  const location = useLocation();
  const setup = useSetupStatus();
  const me = useMe();

  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  // The workspace requires two-factor sign-in for this role: nothing else until it is set up.
  if (me.data?.twoFactorSetupRequired && location.pathname !== '/account/security')
    return <Navigate to="/account/security" replace />;
  if (me.data) return <Outlet />;
  if (me.error instanceof ApiError && me.error.status === 401) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.error) {
    return (
      <Center h="100%" p="md">
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  }
  return <FullPageLoader />;
}
