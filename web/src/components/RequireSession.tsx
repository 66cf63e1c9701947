import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useMe, useSetupStatus } from '../api/session';
import { FullPageLoader } from './FullPageLoader';
import { ErrorAlert } from './ErrorAlert';
import { Center } from '@mantine/core';

/** Gate for signed-in pages: first-run → /setup, signed out → /login. */
export function RequireSession() {
  const location = useLocation();
  const setup = useSetupStatus();
  const me = useMe();

  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
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
