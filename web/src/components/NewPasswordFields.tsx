import { PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '@contracts/values';

/** A new password typed twice (the second must match), for the invitation, reset and change-password forms. */
export function NewPasswordFields({
  value,
  again,
  onChange,
  onAgain,
  testId,
}: {
  value: string;
  again: string;
  onChange: (v: string) => void;
  onAgain: (v: string) => void;
  /** data-testid of the first field; the second gets `${testId}-confirm`. */
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={t('accounts.newPassword')}
        description={t('setup.passwordHint')}
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        data-testid={testId}
      />
      <PasswordInput
        label={t('accounts.confirmPassword')}
        autoComplete="new-password"
        required
        value={again}
        onChange={(e) => onAgain(e.currentTarget.value)}
        error={again.length > 0 && again !== value ? t('accounts.mismatch') : undefined}
        data-testid={`${testId}-confirm`}
      />
    </>
  );
}
