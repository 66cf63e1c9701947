import { useState } from 'react';
import { Alert, Button, FileButton, List, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import i18n from 'i18next';
import { ApiError, type FieldError } from '../../api/client';
import { useImportArticles } from '../../api/knowledge-base';
import { ErrorAlert } from '../../components/ErrorAlert';

/** 「取り込み」: a JSON Lines file in the export's format; a refused file lists each line's problem in words. */
export function ImportButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const run = useImportArticles();
  const close = () => {
    setOpen(false);
    run.reset();
  };
  const lineErrors = run.error instanceof ApiError && run.error.code === 'kb_import_invalid' ? run.error.errors : [];

  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)} data-testid="kb-import">
        {t('knowledge.transfer.import')}
      </Button>
      <Modal opened={open} onClose={close} title={t('knowledge.transfer.importTitle')} size="lg">
        <Stack gap="sm">
          <Text size="sm">{t('knowledge.transfer.importHint')}</Text>
          <FileButton
            accept=".jsonl,.ndjson,.txt,application/x-ndjson,application/json,text/plain"
            onChange={(file) => {
              if (file) void file.text().then((text) => run.mutate(text));
            }}
          >
            {(props) => (
              <Button {...props} w="fit-content" loading={run.isPending} data-testid="kb-import-file">
                {t('knowledge.transfer.choose')}
              </Button>
            )}
          </FileButton>
          {run.data && (
            <Alert color="teal" variant="light" data-testid="kb-import-done">
              {t('knowledge.transfer.done', run.data)}
            </Alert>
          )}
          {run.error && <ErrorAlert error={run.error} />}
          {lineErrors.length > 0 && (
            <List size="sm" spacing={2} data-testid="kb-import-errors">
              {lineErrors.slice(0, 50).map((e, i) => (
                <List.Item key={i}>{lineProblem(e, t)}</List.Item>
              ))}
            </List>
          )}
        </Stack>
      </Modal>
    </>
  );
}

/** 「3行目（言語）: 値がないか、正しくありません」 from the server's `3.lang` and its code. */
function lineProblem(e: FieldError, t: TFunction): string {
  const [line, field] = e.path.split('.');
  const fieldKey = `knowledge.transfer.field.${field}`;
  const where =
    field && i18n.exists(fieldKey)
      ? t('knowledge.transfer.lineField', { line, field: (t as (k: string) => string)(fieldKey) })
      : t('knowledge.transfer.line', { line });
  const problemKey = `knowledge.transfer.problems.${e.code}`;
  const what = e.code && i18n.exists(problemKey) ? (t as (k: string) => string)(problemKey) : e.message;
  return `${where}: ${what}`;
}
