import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Code,
  Group,
  Loader,
  PasswordInput,
  Radio,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSaveSecuritySettings, useSecuritySettings, type SecuritySettings } from '../../api/security';
import { ROLES, type Role } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AdminPage } from './AdminPage';
import { SettingsSection } from '../../components/SettingsSection';
import { secretField, type SecretDraft } from '../../lib/writeOnlySecret';

export function SecuritySettingsPage() {
  const { t } = useTranslation();
  const settings = useSecuritySettings();
  return (
    <AdminPage title={t('settings.title')} allow={['admin']}>
      {settings.isPending && <Loader size="sm" />}
      {settings.error && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && <SecurityForm initial={settings.data} />}
    </AdminPage>
  );
}

function SecurityForm({ initial }: { initial: SecuritySettings }) {
  const { t } = useTranslation();
  const save = useSaveSecuritySettings();
  const [roles, setRoles] = useState<Role[]>(initial.requireTwoFactorFor);
  const [sso, setSso] = useState(initial.sso);
  const [secret, setSecret] = useState<SecretDraft>({
    mode: initial.sso.hasClientSecret ? 'keep' : 'edit',
    value: '',
  });
  const change = <K extends keyof typeof sso>(k: K, v: (typeof sso)[K]) => {
    save.reset();
    setSso((old) => ({ ...old, [k]: v }));
  };
  const submit = () => {
    save.mutate(
      {
        requireTwoFactorFor: roles,
        sso: {
          enabled: sso.enabled,
          issuer: sso.issuer?.trim() || null,
          clientId: sso.clientId?.trim() || null,
          label: sso.label,
          passwordSignIn: sso.passwordSignIn,
          ...secretField('clientSecret', secret),
        },
      },
      {
        onSuccess: (saved) => {
          setSso(saved.sso);
          setSecret({ mode: saved.sso.hasClientSecret ? 'keep' : 'edit', value: '' });
        },
      },
    );
  };

  return (
    <Stack gap="md" maw={760} data-testid="security-form">
      <SettingsSection title={t('settings.twoFactorHeading')} help={t('settings.twoFactorHelp')}>
        <Group gap="lg">
          {ROLES.map((role) => (
            <Checkbox
              key={role}
              label={t(`role.${role}`)}
              checked={roles.includes(role)}
              onChange={(e) => {
                save.reset();
                const on = e.currentTarget.checked;
                setRoles((old) => (on ? [...old, role] : old.filter((r) => r !== role)));
              }}
              data-testid={`require-2fa-${role}`}
            />
          ))}
        </Group>
      </SettingsSection>

      <SettingsSection title={t('settings.ssoHeading')} help={t('settings.ssoHelp')}>
        <Stack gap="sm">
          <Switch
            label={t('settings.enabled')}
            checked={sso.enabled}
            onChange={(e) => change('enabled', e.currentTarget.checked)}
            data-testid="sso-enabled"
          />
          <TextInput
            label={t('settings.issuer')}
            description={t('settings.issuerHelp')}
            value={sso.issuer ?? ''}
            onChange={(e) => change('issuer', e.currentTarget.value)}
            data-testid="sso-issuer"
          />
          <TextInput
            label={t('settings.clientId')}
            value={sso.clientId ?? ''}
            onChange={(e) => change('clientId', e.currentTarget.value)}
            data-testid="sso-client-id"
          />
          {secret.mode === 'keep' ? (
            <Group gap="xs" align="flex-end">
              <TextInput
                label={t('settings.clientSecret')}
                value={t('settings.clientSecretSet')}
                readOnly
                disabled
                w={300}
              />
              <Button variant="subtle" size="xs" onClick={() => setSecret({ mode: 'edit', value: '' })}>
                {t('app.edit')}
              </Button>
              <Button variant="subtle" color="red" size="xs" onClick={() => setSecret({ mode: 'remove', value: '' })}>
                {t('settings.removeSecret')}
              </Button>
            </Group>
          ) : (
            <PasswordInput
              label={t('settings.clientSecret')}
              value={secret.value}
              onChange={(e) => setSecret({ mode: 'edit', value: e.currentTarget.value })}
              autoComplete="off"
              disabled={secret.mode === 'remove'}
              data-testid="sso-client-secret"
            />
          )}
          <TextInput
            label={t('settings.label')}
            placeholder={t('settings.labelPlaceholder')}
            value={sso.label}
            onChange={(e) => change('label', e.currentTarget.value)}
            maxLength={60}
            data-testid="sso-label"
          />
          <Radio.Group
            label={t('settings.passwordSignIn')}
            value={sso.passwordSignIn}
            onChange={(v) => change('passwordSignIn', v as 'everyone' | 'admins')}
          >
            <Stack gap={6} mt={6}>
              <Radio value="everyone" label={t('settings.passwordEveryone')} />
              <Radio value="admins" label={t('settings.passwordAdmins')} data-testid="sso-password-admins" />
            </Stack>
          </Radio.Group>
          <div>
            <Text size="sm" fw={500}>
              {t('settings.callback')}
            </Text>
            <Code data-testid="sso-callback">{initial.callbackUrl}</Code>
          </div>
        </Stack>
      </SettingsSection>

      {save.error && <ErrorAlert error={save.error} />}
      {save.isSuccess && (
        <Alert color="teal" variant="light" data-testid="security-saved">
          {t('settings.saved')}
        </Alert>
      )}
      <Group>
        <Button onClick={submit} loading={save.isPending} data-testid="security-save">
          {t('app.save')}
        </Button>
      </Group>
    </Stack>
  );
}
