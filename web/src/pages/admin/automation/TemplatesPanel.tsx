import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCreateTemplate, useTemplates } from '../../../api/automation';
import { ErrorAlert } from '../../../components/ErrorAlert';

/** Reply templates that `send_template` actions use. */
export function TemplatesPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const templates = useTemplates();
  const create = useCreateTemplate();
  const [name, setName] = useState('');
  const [body, setBody] = useState('');
  const submit = () =>
    create.mutate(
      { name: name.trim(), body: body.trim() },
      {
        onSuccess: () => {
          setName('');
          setBody('');
        },
      },
    );

  return (
    <Paper withBorder p="md" radius="md" data-testid="templates">
      <Title order={3} fz="md" mb="sm">
        {t('automation.templates')}
      </Title>
      <Stack gap="xs">
        {templates.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('automation.noTemplates')}
          </Text>
        )}
        {templates.data?.map((tpl) => (
          <Stack key={tpl.id} gap={0} data-testid="template-row">
            <Text size="sm" fw={600}>
              {tpl.name}
            </Text>
            <Text size="xs" c="dimmed" lineClamp={2} className="koe-message-text">
              {tpl.body}
            </Text>
          </Stack>
        ))}
        {templates.error && <ErrorAlert error={templates.error} />}
        {canEdit && (
          <Stack gap="xs" mt="xs">
            <TextInput
              size="xs"
              label={t('automation.templateName')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-testid="template-name"
            />
            <Textarea
              size="xs"
              label={t('automation.templateBody')}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              autosize
              minRows={2}
              data-testid="template-body"
            />
            {create.error && <ErrorAlert error={create.error} onClose={() => create.reset()} />}
            <Group>
              <Button
                size="xs"
                onClick={submit}
                disabled={!name.trim() || !body.trim()}
                loading={create.isPending}
                data-testid="template-add"
              >
                {t('automation.addTemplate')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
