import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Divider, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import { useAuthOptions, useLogin, useLoginTwoFactor, useSetupStatus } from '../api/session';
import type { Agent } from '../api/types';
import { resumeDraftsOf } from './inbox/useDraft';
import { AuthCard } from '../components/AuthCard';
import { codeText, ErrorAlert, errorMessage } from '../components/ErrorAlert';

/** Only same-app paths are accepted as ?next= so the login cannot redirect elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const setupStatus = useSetupStatus();
  const options = useAuthOptions().data;
  const login = useLogin();
  const secondStep = useLoginTwoFactor();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [showPassword, setShowPassword] = useState(false);

  if (setupStatus.data?.needsSetup) return <Navigate to="/setup" replace />;

  const next = safeNext(params.get('next'));
  const signedIn = (result: { agent: Agent; twoFactorSetupRequired: boolean }) => {
    resumeDraftsOf(result.agent.id);
    navigate(result.twoFactorSetupRequired ? '/account/security' : next, { replace: true });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate(
      { email: email.trim(), password },
      { onSuccess: (result) => ('agent' in result ? signedIn(result) : setChallenge(result.twoFactor.challenge)) },
    );
  };
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    if (!challenge) return;
    secondStep.mutate({ challenge, code: code.trim() }, { onSuccess: signedIn });
  };
  const startOver = () => {
    setChallenge(null);
    setCode('');
    setPassword('');
    login.reset();
    secondStep.reset();
  };

  const ssoError = params.get('sso_error');
  const sso = options?.sso.enabled ? options.sso : null;
  const passwordForAdminsOnly = options?.passwordSignIn === 'admins';

  if (challenge) {
    const expired = secondStep.error instanceof ApiError && secondStep.error.code === 'challenge_expired';
    return (
      <AuthCard title={t('signIn.twoFactorTitle')} intro={t('signIn.twoFactorIntro')}>
        <form onSubmit={submitCode}>
          <Stack gap="sm">
            {secondStep.error && <LoginError error={secondStep.error} />}
            <TextInput
              label={t('signIn.code')}
              name="code"
              autoComplete="one-time-code"
              inputMode="text"
              required
              autoFocus
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              data-testid="login-code"
            />
            <Button
              type="submit"
              mt="sm"
              loading={secondStep.isPending}
              disabled={expired}
              data-testid="login-code-submit"
              fullWidth
            >
              {t('signIn.verify')}
            </Button>
            <Anchor component="button" type="button" size="sm" ta="center" onClick={startOver}>
              {t('signIn.startOver')}
            </Anchor>
          </Stack>
        </form>
      </AuthCard>
    );
  }

  const passwordForm = (
    <form onSubmit={submit}>
      <Stack gap="sm">
        {login.error && <LoginError error={login.error} />}
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
        <Anchor component={Link} to="/forgot-password" size="sm" ta="center" data-testid="forgot-password">
          {t('accounts.forgot')}
        </Anchor>
      </Stack>
    </form>
  );

  return (
    <AuthCard title={t('login.title')}>
      {ssoError && (
        <Alert color="red" variant="light" role="alert" data-testid="sso-error">
          {codeText('ssoErrors', ssoError, t) ?? t('errors.unknown')}
        </Alert>
      )}
      {sso && (
        <>
          <Button
            component="a"
            href={`/api/auth/sso/start?next=${encodeURIComponent(next)}`}
            variant="filled"
            color="dark"
            fullWidth
            data-testid="sso-login"
          >
            {t('signIn.ssoButton', { label: sso.label || t('signIn.ssoDefault') })}
          </Button>
          <Divider label={t('signIn.or')} labelPosition="center" />
        </>
      )}
      {sso && passwordForAdminsOnly && !showPassword ? (
        <Stack gap={4} align="center">
          <Text size="sm" c="dimmed">
            {t('signIn.adminsOnly')}
          </Text>
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => setShowPassword(true)}
            data-testid="show-password-login"
          >
            {t('signIn.showPassword')}
          </Anchor>
        </Stack>
      ) : (
        passwordForm
      )}
    </AuthCard>
  );
}

/** Sign-in errors in the reader's words: wrong password, paused account, too many attempts… */
function LoginError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const known = knownLoginError(error, t);
  if (!known) return <ErrorAlert error={error} />;
  return (
    <Alert color="red" variant="light" role="alert">
      {known}
    </Alert>
  );
}

function knownLoginError(error: unknown, t: TFunction): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code) return errorMessage(error, t);
  if (error.status === 401) return t('login.invalid');
  if (error.status === 429) return t('login.tooMany');
  return null;
}
