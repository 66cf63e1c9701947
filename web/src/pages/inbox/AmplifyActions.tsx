import { useState } from 'react';
import { Button, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAmplify } from '../../api/customers';
import type { AmplifyAction, Message } from '../../api/types';
import { errorMessage } from '../../components/ErrorAlert';

/** Like / repost a customer's public post on its platform. These are public: the tooltip says so. */
export function AmplifyActions({ message, actions }: { message: Message; actions: AmplifyAction[] }) {
  const { t } = useTranslation();
  const amplify = useAmplify(message.conversationId);
  const [done, setDone] = useState<AmplifyAction[]>([]);
  const remaining = actions.filter((a) => !done.includes(a));
  const label = (a: AmplifyAction) => (a === 'like' ? t('amplify.like') : t('amplify.repost'));
  const tooltip = (a: AmplifyAction) => (a === 'like' ? t('amplify.likeTooltip') : t('amplify.repostTooltip'));

  const run = (action: AmplifyAction) =>
    amplify.mutate(
      { messageId: message.id, action },
      { onSuccess: () => setDone((d) => (d.includes(action) ? d : [...d, action])) },
    );

  return (
    <Group gap={6} mt={4} data-testid="amplify-actions">
      {remaining.map((a) => (
        <Tooltip key={a} label={tooltip(a)} withArrow>
          <Button
            size="compact-xs"
            variant="light"
            color={a === 'like' ? 'pink' : 'blue'}
            onClick={() => run(a)}
            loading={amplify.isPending && amplify.variables?.action === a}
            disabled={amplify.isPending}
            aria-label={`${label(a)} — ${tooltip(a)}`}
            data-testid={`amplify-${a}`}
          >
            {label(a)}
          </Button>
        </Tooltip>
      ))}
      {done.map((a) => (
        <Text key={a} size="xs" c="teal.7" data-testid="amplify-done" data-action={a}>
          {a === 'like' ? t('amplify.liked') : t('amplify.reposted')}
        </Text>
      ))}
      {amplify.error && (
        <Text size="xs" c="red.7" role="alert" data-testid="amplify-error">
          {t('amplify.failed')}: {errorMessage(amplify.error, t)}
        </Text>
      )}
    </Group>
  );
}
