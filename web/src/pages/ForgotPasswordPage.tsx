import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useRequestPasswordReset } from '../api/accounts';
import { AuthCard } from '../components/AuthCard';
import { ErrorAlert } from '../components/ErrorAlert';

/** Asks for a reset link by email; the answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate(email.trim());
  };
  return (
    <AuthCard title={t('accounts.forgotTitle')} intro={t('accounts.forgotIntro')}>
      {request.isSuccess ? (
        <Alert
          color={request.data.emailConfigured ? 'teal' : 'yellow'}
          variant="light"
          data-testid="reset-requested"
          data-email-configured={request.data.emailConfigured}
        >
          {request.data.emailConfigured ? t('accounts.sentEmail') : t('accounts.noEmail')}
        </Alert>
      ) : (
        <form onSubmit={submit}>
          <Stack gap="sm">
            {request.error && <ErrorAlert error={request.error} />}
            <TextInput
              label={t('login.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              data-testid="reset-email"
            />
            <Button type="submit" loading={request.isPending} data-testid="reset-submit">
              {t('accounts.sendLink')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" ta="center" size="sm">
        {t('accounts.backToLogin')}
      </Anchor>
    </AuthCard>
  );
}
