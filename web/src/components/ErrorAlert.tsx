import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import i18n from 'i18next';
import { ApiError, type FieldError } from '../api/client';

/** The reader's words for a code the server (or the sign-in flow) names, or null when there are none. */
export function codeText(
  group: 'errorCodes' | 'passwordProblems' | 'ssoErrors' | 'linkErrors',
  code: string | null | undefined,
  t: TFunction,
): string | null {
  return code && i18n.exists(`${group}.${code}`) ? (t as (key: string) => string)(`${group}.${code}`) : null;
}

/** A human sentence for any error thrown by the API client. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('errors.network');
    const named = codeText('errorCodes', error.code, t);
    if (named) return named;
    if (error.detail) return error.detail;
    if (error.status === 403) return t('errors.forbidden');
    if (error.status === 404) return t('errors.notFound');
    return error.title || t('errors.unknown');
  }
  return t('errors.unknown');
}

interface ErrorAlertProps {
  error: unknown;
  /** A translated explanation shown before the server's detail, for errors the UI can name. */
  summary?: string;
  onRetry?: () => void;
  onClose?: () => void;
}

/** Shows problem+json `detail` and the per-field `errors` list returned by the server. */
export function ErrorAlert({ error, summary, onRetry, onClose }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  // An error the UI names in the reader's words lists only field problems it can name too (a weak password's
  // reasons), not the server's English for the same thing ("code: does not match").
  const named = error instanceof ApiError && codeText('errorCodes', error.code, t) !== null;
  const fieldErrors = (error instanceof ApiError ? error.errors : []).filter(
    (e) => !named || codeText('passwordProblems', e.code, t) !== null,
  );
  return (
    <Alert
      color="red"
      variant="light"
      title={summary ?? t('errors.title')}
      withCloseButton={Boolean(onClose)}
      onClose={onClose}
      role="alert"
    >
      <Stack gap={6}>
        <Text size="sm">{errorMessage(error, t)}</Text>
        {fieldErrors.length > 0 && (
          <List size="sm" spacing={2}>
            {fieldErrors.map((e, i) => (
              <List.Item key={`${e.path}-${i}`}>
                {e.path && !e.code ? <strong>{e.path}: </strong> : null}
                {fieldMessage(e, t)}
              </List.Item>
            ))}
          </List>
        )}
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry} w="fit-content">
            {t('app.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** A field problem in the reader's language when the server named it (passwords), else the server's words. */
function fieldMessage(e: FieldError, t: TFunction): string {
  return codeText('passwordProblems', e.code, t) ?? e.message;
}
