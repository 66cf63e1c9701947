import { useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Image,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/session';
import { useChangePassword } from '../../api/accounts';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import {
  useConfirmTwoFactor,
  useDisableTwoFactor,
  useRegenerateRecoveryCodes,
  useStartTwoFactorSetup,
  useTwoFactorStatus,
} from '../../api/security';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FullPageLoader } from '../../components/FullPageLoader';
import { CenteredCard } from '../../components/AuthCard';

/**
 * The signed-in agent's own sign-in security. Outside the app frame on purpose: an agent whose workspace requires
 * two-factor sign-in lands here first and can use nothing else until it is set up.
 */
export function AccountSecurityPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const status = useTwoFactorStatus();
  const [codes, setCodes] = useState<string[] | null>(null);

  if (!me || status.isPending) return <FullPageLoader />;
  const restricted = me.twoFactorSetupRequired;

  return (
    <CenteredCard
      width={640}
      signedIn
      topLeft={
        restricted ? undefined : (
          <Anchor component={Link} to="/" size="sm">
            ← {t('account.back')}
          </Anchor>
        )
      }
    >
      <Title order={2} fz="xl">
        {t('account.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {me.agent.name} · {me.agent.email}
      </Text>
      {restricted && (
        <Alert color="yellow" variant="light" data-testid="two-factor-required-notice">
          {t('account.requiredNotice')}
        </Alert>
      )}
      {status.error && <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />}
      {status.data && (
        <Stack gap="sm">
          <Group gap="xs">
            <Text fw={600}>{t('account.twoFactor')}</Text>
            <Badge color={status.data.enabled ? 'teal' : 'gray'} variant="light" data-testid="two-factor-state">
              {status.data.enabled ? t('account.on') : t('account.off')}
            </Badge>
            {status.data.required && (
              <Badge color="orange" variant="light">
                {t('account.required')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {t('account.twoFactorHelp')}
          </Text>
          {codes ? (
            <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
          ) : status.data.enabled ? (
            <Enabled left={status.data.recoveryCodesLeft} required={status.data.required} onNewCodes={setCodes} />
          ) : (
            <SetUp onEnabled={setCodes} />
          )}
        </Stack>
      )}
      {!restricted && <ChangePassword email={me.agent.email} />}
    </CenteredCard>
  );
}

/** Changing one's password: needs the current one; every other browser signed in as this agent is signed out. */
function ChangePassword({ email }: { email: string }) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const mismatch = again.length > 0 && again !== next;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (next !== again) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setAgain('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm" mt="md" data-testid="change-password">
        <Text fw={600}>{t('accounts.changeTitle')}</Text>
        <Text size="sm" c="dimmed">
          {t('accounts.changeIntro')}
        </Text>
        {change.isSuccess && (
          <Alert color="teal" variant="light" data-testid="password-changed">
            {t('accounts.changed')}
          </Alert>
        )}
        {change.error && <ErrorAlert error={change.error} />}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <PasswordInput
          label={t('accounts.currentPassword')}
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          data-testid="password-current"
        />
        <NewPasswordFields value={next} again={again} onChange={setNext} onAgain={setAgain} testId="password-new" />
        <Button
          type="submit"
          w="fit-content"
          loading={change.isPending}
          disabled={!current || !next || mismatch}
          data-testid="password-submit"
        >
          {t('accounts.change')}
        </Button>
      </Stack>
    </form>
  );
}

function SetUp({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const start = useStartTwoFactorSetup();
  const confirm = useConfirmTwoFactor();
  const [code, setCode] = useState('');
  const enrolment = start.data;

  if (!enrolment) {
    return (
      <Stack gap="xs" align="flex-start">
        {start.error && <ErrorAlert error={start.error} />}
        <Button onClick={() => start.mutate()} loading={start.isPending} data-testid="two-factor-start">
          {t('account.setUp')}
        </Button>
      </Stack>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate(code.trim(), { onSuccess: (r) => onEnabled(r.recoveryCodes) });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('account.scan')}</Text>
        <Image
          src={`data:image/svg+xml;base64,${btoa(enrolment.qrSvg)}`}
          alt="QR"
          w={200}
          h={200}
          data-testid="two-factor-qr"
        />
        <Text size="xs" c="dimmed">
          {t('account.manual')}
        </Text>
        <Code data-testid="two-factor-secret" style={{ wordBreak: 'break-all' }}>
          {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
        </Code>
        {confirm.error && <ErrorAlert error={confirm.error} />}
        <TextInput
          label={t('account.enterCode')}
          autoComplete="one-time-code"
          inputMode="numeric"
          required
          maw={320}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          data-testid="two-factor-code"
        />
        <Button type="submit" loading={confirm.isPending} w="fit-content" data-testid="two-factor-confirm">
          {t('account.confirm')}
        </Button>
      </Stack>
    </form>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const text = codes.join('\n');
  const download = () => {
    const url = URL.createObjectURL(new Blob([`Koe recovery codes\n\n${text}\n`], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'koe-recovery-codes.txt';
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Stack gap="sm" data-testid="recovery-codes">
      <Alert color="teal" variant="light">
        {t('account.enabledNow')}
      </Alert>
      <Text fw={600}>{t('account.recoveryTitle')}</Text>
      <Text size="sm">{t('account.recoveryHelp')}</Text>
      <SimpleGrid cols={2} spacing={4} maw={320}>
        {codes.map((c) => (
          <Code key={c} data-testid="recovery-code">
            {c}
          </Code>
        ))}
      </SimpleGrid>
      <Group gap="xs">
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button variant="light" size="xs" onClick={copy}>
              {copied ? t('app.copied') : t('account.copyCodes')}
            </Button>
          )}
        </CopyButton>
        <Button variant="light" size="xs" onClick={download}>
          {t('account.downloadCodes')}
        </Button>
        <Button size="xs" onClick={onDone} data-testid="recovery-codes-done">
          {t('account.saved')}
        </Button>
      </Group>
    </Stack>
  );
}

function Enabled({
  left,
  required,
  onNewCodes,
}: {
  left: number;
  required: boolean;
  onNewCodes: (codes: string[]) => void;
}) {
  const { t } = useTranslation();
  const regenerate = useRegenerateRecoveryCodes();
  const disable = useDisableTwoFactor();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  return (
    <Stack gap="md">
      <Text size="sm" data-testid="recovery-left">
        {t('account.recoveryLeft', { count: left })}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          regenerate.mutate(code.trim(), { onSuccess: (r) => onNewCodes(r.recoveryCodes) });
        }}
      >
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t('account.regenerate')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('account.regenerateHelp')}
          </Text>
          {regenerate.error && <ErrorAlert error={regenerate.error} />}
          <Group gap="xs" align="flex-end">
            <TextInput
              aria-label={t('account.enterCode')}
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              maw={180}
              required
            />
            <Button type="submit" variant="light" loading={regenerate.isPending}>
              {t('account.regenerate')}
            </Button>
          </Group>
        </Stack>
      </form>
      {!required && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            disable.mutate(password, { onSuccess: () => setPassword('') });
          }}
        >
          <Stack gap={6}>
            <Text size="sm" fw={600}>
              {t('account.disable')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('account.disableHelp')}
            </Text>
            {disable.error && <ErrorAlert error={disable.error} />}
            <Group gap="xs" align="flex-end">
              <PasswordInput
                aria-label={t('account.password')}
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                w={220}
                required
              />
              <Button
                type="submit"
                color="red"
                variant="light"
                loading={disable.isPending}
                data-testid="two-factor-disable"
              >
                {t('account.disable')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
