import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useResolveIncident, type IncidentDetail } from '../../api/incidents';
import { useMe } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FOLLOW_UP_TEMPLATES, pickTemplate } from './templates';
import { MessageTextarea } from './parts';

/** 「復旧を宣言」: follow-up texts (pre-filled, editable) go to every linked customer, then the incident is resolved. */
export function ResolveButton({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  return (
    <>
      <Button variant="outline" color="teal" onClick={() => setOpened(true)} data-testid="incident-resolve">
        {t('incidents.resolve.button')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('incidents.resolve.title')}
        size="lg"
        fullScreen={phone}
      >
        {opened && <ResolveForm incident={incident} onDone={() => setOpened(false)} />}
      </Modal>
    </>
  );
}

function ResolveForm({ incident, onDone }: { incident: IncidentDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const resolve = useResolveIncident(incident.id);
  const me = useMe().data?.agent;
  const replied = incident.conversations.filter((c) => c.firstResponseAt).length;
  const template = pickTemplate(FOLLOW_UP_TEMPLATES, incident.categories);
  const [followUpJa, setFollowUpJa] = useState(template.ja);
  const [followUpEn, setFollowUpEn] = useState(template.en);
  const conflict = resolve.error instanceof ApiError && resolve.error.status === 409;
  const empty = !followUpJa.trim() && !followUpEn.trim();

  return (
    <Stack gap="sm" data-testid="resolve-dialog">
      <Text size="sm">{t('incidents.resolve.intro', { count: replied })}</Text>
      <MessageTextarea
        label={t('incidents.resolve.followUpJa')}
        description={t('incidents.resolve.followUpHelp', { name: me?.displayName || me?.name || '' })}
        value={followUpJa}
        onChange={setFollowUpJa}
        testId="resolve-follow-up-ja"
      />
      <MessageTextarea
        label={t('incidents.resolve.followUpEn')}
        value={followUpEn}
        onChange={setFollowUpEn}
        testId="resolve-follow-up-en"
      />
      {resolve.error && (
        <ErrorAlert
          error={resolve.error}
          summary={conflict ? t('incidents.resolve.already') : undefined}
          onClose={() => resolve.reset()}
        />
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onDone}>
          {t('app.cancel')}
        </Button>
        <Button
          color="teal"
          disabled={empty}
          loading={resolve.isPending}
          onClick={() =>
            resolve.mutate({ followUpJa: followUpJa.trim(), followUpEn: followUpEn.trim() }, { onSuccess: onDone })
          }
          data-testid="resolve-submit"
        >
          {t('incidents.resolve.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
