import { useState, type FormEvent } from 'react';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useLogin, useSetupStatus } from '../api/session';
import { resumeDraftsOf } from './inbox/useDraft';
import { AuthCard } from '../components/AuthCard';
import { ErrorAlert } from '../components/ErrorAlert';

/** Only same-app paths are accepted as ?next= so the login cannot redirect elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const setupStatus = useSetupStatus();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  if (setupStatus.data?.needsSetup) return <Navigate to="/setup" replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess: (result) => {
          resumeDraftsOf(result.agent.id);
          navigate(safeNext(params.get('next')), { replace: true });
        },
      },
    );
  };

  const error = login.error;
  const knownError =
    error instanceof ApiError && error.status === 401
      ? t('login.invalid')
      : error instanceof ApiError && error.status === 429
        ? t('login.tooMany')
        : null;

  return (
    <AuthCard title={t('login.title')}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          {knownError ? (
            <Alert color="red" variant="light" role="alert">
              {knownError}
            </Alert>
          ) : (
            error && <ErrorAlert error={error} />
          )}
          <TextInput
            label={t('login.email')}
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('login.password')}
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" mt="sm" loading={login.isPending} data-testid="login-submit" fullWidth>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
