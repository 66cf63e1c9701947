import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import i18n from 'i18next';
import { ApiError, type FieldError } from '../api/client';

/** A human sentence for any error thrown by the API client. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('errors.network');
    if (error.code && i18n.exists(`errorCodes.${error.code}`))
      return t(`errorCodes.${error.code}` as 'errorCodes.wrong_code');
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
  const fieldErrors = error instanceof ApiError ? error.errors : [];
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
export function fieldMessage(e: FieldError, t: TFunction): string {
  if (e.code && i18n.exists(`passwordProblems.${e.code}`))
    return t(`passwordProblems.${e.code}` as 'passwordProblems.too_common');
  return e.message;
}
