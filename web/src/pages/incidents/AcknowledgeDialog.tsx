import { useState } from 'react';
import { Alert, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAcknowledgeIncident, type IncidentDetail } from '../../api/incidents';
import { useMe } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { langOf } from '../../i18n';
import { incidentReply } from '@contracts/incident-values';

/** 「未返信のN件に送信」 with a confirmation naming the count, the signature and an example of the text. */
export function AcknowledgeButton({ incident, waiting }: { incident: IncidentDetail; waiting: number }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data?.agent;
  const acknowledge = useAcknowledgeIncident(incident.id);
  const [opened, setOpened] = useState(false);
  const lang = langOf(i18n.language);
  const example = incidentReply(incident, { name: t('incidents.acknowledge.previewName'), lang });
  const result = acknowledge.data;

  return (
    <>
      <Button
        color="red"
        disabled={waiting === 0}
        onClick={() => {
          acknowledge.reset();
          setOpened(true);
        }}
        data-testid="incident-acknowledge"
        data-waiting={waiting}
      >
        {waiting === 0 ? t('incidents.acknowledge.noneLeft') : t('incidents.acknowledge.button', { count: waiting })}
      </Button>
      {result && !opened && (
        <Alert
          color="teal"
          variant="light"
          py={6}
          withCloseButton
          onClose={() => acknowledge.reset()}
          data-testid="incident-acknowledge-result"
          style={{ flexBasis: '100%' }}
        >
          {result.skipped
            ? t('incidents.acknowledge.doneSkipped', { sent: result.sent, skipped: result.skipped })
            : t('incidents.acknowledge.done', { sent: result.sent })}
        </Alert>
      )}
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('incidents.acknowledge.title')} size="md">
        <Stack gap="sm" data-testid="acknowledge-dialog">
          <Text fw={600}>{t('incidents.acknowledge.confirm', { count: waiting })}</Text>
          <Text size="sm" c="dimmed">
            {t('incidents.acknowledge.how', { name: me?.displayName || me?.name || '' })}
          </Text>
          <Text size="xs" fw={600} c="dimmed">
            {t('incidents.acknowledge.preview')}
          </Text>
          <Paper
            px="sm"
            py={8}
            radius="md"
            style={{ background: 'var(--mantine-color-teal-0)', border: '1px solid var(--mantine-color-teal-2)' }}
          >
            <Text size="sm" className="koe-message-text" data-testid="acknowledge-preview">
              {example}
            </Text>
          </Paper>
          {acknowledge.error && <ErrorAlert error={acknowledge.error} onClose={() => acknowledge.reset()} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('app.cancel')}
            </Button>
            <Button
              color="red"
              loading={acknowledge.isPending}
              onClick={() => acknowledge.mutate(undefined, { onSuccess: () => setOpened(false) })}
              data-testid="acknowledge-submit"
            >
              {t('incidents.acknowledge.submit', { count: waiting })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
