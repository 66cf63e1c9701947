import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Loader, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLinkInfo, useRedeemLink } from '../api/accounts';
import { ApiError } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { codeText, ErrorAlert } from '../components/ErrorAlert';
import { NewPasswordFields } from '../components/NewPasswordFields';

/** /invite/:token and /reset-password/:token: the holder of a one-time link sets their password, then signs in. */
export function AccountLinkPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const info = useLinkInfo(token);
  const redeem = useRedeemLink(token);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const mismatch = confirm.length > 0 && confirm !== password;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password !== confirm) return;
    redeem.mutate(password);
  };

  if (info.isPending)
    return (
      <AuthCard title={t('accounts.setPassword')}>
        <Loader size="sm" mx="auto" />
      </AuthCard>
    );
  if (info.error) {
    const code = info.error instanceof ApiError ? info.error.code : null;
    return (
      <AuthCard title={t('accounts.setPassword')}>
        <Alert color="red" variant="light" role="alert" data-testid="link-error" data-code={code ?? undefined}>
          {codeText('linkErrors', code, t) ?? t('errors.unknown')}
        </Alert>
        <Anchor component={Link} to="/login" ta="center" size="sm">
          {t('accounts.backToLogin')}
        </Anchor>
      </AuthCard>
    );
  }
  const { kind, name, email, workspaceName } = info.data;
  const title =
    kind === 'invitation' ? t('accounts.joinTitle', { workspace: workspaceName }) : t('accounts.resetTitle');
  const intro =
    kind === 'invitation' ? t('accounts.joinIntro', { name, email }) : t('accounts.resetIntro', { name, email });

  if (redeem.isSuccess)
    return (
      <AuthCard title={title}>
        <Alert color="teal" variant="light" data-testid="link-done">
          {t('accounts.done')}
        </Alert>
        <Button
          component={Link}
          to={`/login?email=${encodeURIComponent(redeem.data.email)}`}
          data-testid="link-to-login"
        >
          {t('accounts.toLogin')}
        </Button>
      </AuthCard>
    );

  return (
    <AuthCard title={title} intro={intro}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          {redeem.error && <ErrorAlert error={redeem.error} />}
          {/* For password managers: the account this password belongs to. */}
          <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
          <NewPasswordFields
            value={password}
            again={confirm}
            onChange={setPassword}
            onAgain={setConfirm}
            testId="link-password"
          />
          <Button type="submit" loading={redeem.isPending} disabled={!password || mismatch} data-testid="link-submit">
            {t('accounts.setPassword')}
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            {email}
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
