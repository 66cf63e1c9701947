import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountLink } from '../../api/accounts';
import { formatDateTime } from '../../lib/time';

/** The one-time link an admin just made: whether it was emailed, when it expires, and a copy button. */
export function AccountLinkModal({
  link,
  kind,
  email,
  onClose,
}: {
  link: AccountLink | null;
  kind: 'invitation' | 'password_reset';
  email: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Modal
      opened={link !== null}
      onClose={onClose}
      title={kind === 'invitation' ? t('accounts.linkTitleInvitation') : t('accounts.linkTitleReset')}
      size="lg"
    >
      {link && (
        <Stack gap="sm" data-testid="account-link">
          <Alert
            color={link.emailed ? 'teal' : 'yellow'}
            variant="light"
            data-testid="account-link-emailed"
            data-emailed={link.emailed}
          >
            {link.emailed ? t('accounts.emailed', { email }) : t('accounts.notEmailed', { email })}
          </Alert>
          <TextInput
            readOnly
            value={link.url}
            data-testid="account-link-url"
            onFocus={(e) => e.currentTarget.select()}
          />
          <Text size="xs" c="dimmed">
            {t('accounts.validUntil', { at: formatDateTime(link.expiresAt, i18n.language) })}
          </Text>
          <Group justify="flex-end">
            <CopyButton value={link.url}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  color={copied ? 'teal' : undefined}
                  onClick={copy}
                  data-testid="account-link-copy"
                >
                  {copied ? t('accounts.copied') : t('accounts.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>{t('accounts.close')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
