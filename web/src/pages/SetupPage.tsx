import { useState, type FormEvent } from 'react';
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { Navigate, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useSetup, useSetupStatus } from '../api/session';
import { AuthCard } from '../components/AuthCard';
import { ErrorAlert } from '../components/ErrorAlert';
import { FullPageLoader } from '../components/FullPageLoader';

const MIN_PASSWORD = 10;

export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const status = useSetupStatus();
  const setup = useSetup();
  const [form, setForm] = useState({ workspaceName: '', adminName: '', adminEmail: '', adminPassword: '' });
  const [touched, setTouched] = useState(false);

  if (status.isPending) return <FullPageLoader />;
  // Setup happens once; afterwards this page only leads to sign-in.
  if (status.data && !status.data.needsSetup && !setup.isSuccess) return <Navigate to="/login" replace />;

  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setForm((f) => ({ ...f, [key]: value }));
    },
  });
  const required = (key: keyof typeof form) => (touched && !form[key].trim() ? t('setup.required') : null);
  const passwordError = touched && form.adminPassword.length < MIN_PASSWORD ? t('setup.passwordTooShort') : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    const complete = form.workspaceName.trim() && form.adminName.trim() && form.adminEmail.trim();
    if (!complete || form.adminPassword.length < MIN_PASSWORD) return;
    setup.mutate(
      {
        ...form,
        workspaceName: form.workspaceName.trim(),
        adminName: form.adminName.trim(),
        adminEmail: form.adminEmail.trim(),
      },
      { onSuccess: () => navigate('/', { replace: true }) },
    );
  };

  return (
    <AuthCard title={t('setup.title')} intro={t('setup.intro')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {setup.error && <ErrorAlert error={setup.error} />}
          <TextInput
            label={t('setup.workspaceName')}
            placeholder={t('setup.workspacePlaceholder')}
            required
            name="workspaceName"
            error={required('workspaceName')}
            {...field('workspaceName')}
          />
          <TextInput
            label={t('setup.adminName')}
            placeholder={t('setup.adminNamePlaceholder')}
            required
            name="adminName"
            autoComplete="name"
            error={required('adminName')}
            {...field('adminName')}
          />
          <TextInput
            label={t('setup.email')}
            type="email"
            required
            name="adminEmail"
            autoComplete="email"
            error={required('adminEmail')}
            {...field('adminEmail')}
          />
          <PasswordInput
            label={t('setup.password')}
            description={t('setup.passwordHint')}
            required
            name="adminPassword"
            autoComplete="new-password"
            error={passwordError}
            {...field('adminPassword')}
          />
          <Button type="submit" mt="sm" loading={setup.isPending} data-testid="setup-submit" fullWidth>
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
