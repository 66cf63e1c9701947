import { Checkbox, NumberInput, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChannelKind } from '../../api/types';
import { CREDENTIAL_FIELDS, type CredentialValues } from './channelFields';

interface Props {
  kind: ChannelKind;
  values: CredentialValues;
  onChange: (values: CredentialValues) => void;
  /** Server validation messages keyed by field name. */
  errors: Record<string, string>;
}

/** The credentials form of one platform, generated from its field list. */
export function CredentialFields({ kind, values, onChange, errors }: Props) {
  const { t } = useTranslation();
  const fields = CREDENTIAL_FIELDS[kind];
  if (fields.length === 0) return null;
  const set = (name: string, value: string | boolean) => onChange({ ...values, [name]: value });

  return (
    <Stack gap="xs" data-testid="channel-credentials" data-kind={kind}>
      <div>
        <Text size="sm" fw={600}>
          {t('channelSetup.credentials')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('channelSetup.credentialsHelp')}
        </Text>
      </div>
      {fields.map((field) => {
        const label = t(`channelSetup.fields.${field.name}`);
        const description = field.optional ? t('channelSetup.optional') : undefined;
        const common = {
          label,
          description,
          withAsterisk: !field.optional,
          error: errors[field.name],
          placeholder: field.placeholder,
          'data-testid': `cred-${field.name}`,
        };
        const text = typeof values[field.name] === 'string' ? (values[field.name] as string) : '';
        if (field.type === 'bool') {
          return (
            <Checkbox
              key={field.name}
              label={`${label}（${t('channelSetup.optional')}）`}
              checked={values[field.name] === true}
              onChange={(e) => set(field.name, e.currentTarget.checked)}
              error={errors[field.name]}
              data-testid={`cred-${field.name}`}
            />
          );
        }
        if (field.type === 'secret') {
          return (
            <PasswordInput
              key={field.name}
              {...common}
              autoComplete="new-password"
              value={text}
              onChange={(e) => set(field.name, e.currentTarget.value)}
            />
          );
        }
        if (field.type === 'number') {
          return (
            <NumberInput
              key={field.name}
              {...common}
              min={0}
              allowDecimal={false}
              hideControls
              value={text}
              onChange={(v) => set(field.name, String(v))}
            />
          );
        }
        return (
          <TextInput
            key={field.name}
            {...common}
            autoComplete="off"
            value={text}
            onChange={(e) => set(field.name, e.currentTarget.value)}
          />
        );
      })}
    </Stack>
  );
}
