import { Anchor, Button, Code, CopyButton, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../api/types';
import { ChannelBadge } from '../../components/badges';
import { formatDateTime } from '../../lib/time';
import { ChannelConnection } from './ChannelConnection';
import { useSetAnswerBot } from '../../api/answer-bot';

/** Where the answer bot may answer: private conversations only (never a public post). */
const BOT_KINDS = ['webchat', 'line', 'facebook', 'instagram'];

export function ChannelCard({ channel, onDelete }: { channel: Channel; onDelete: () => void }) {
  const { t, i18n } = useTranslation();
  const demoHref = `/demo?channel=${encodeURIComponent(channel.publicKey)}`;
  const setAnswerBot = useSetAnswerBot(channel.id);

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      data-testid="channel-card"
      data-channel-id={channel.id}
      data-kind={channel.kind}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              <Text fw={600}>{channel.name}</Text>
              <ChannelBadge kind={channel.kind} />
            </Group>
            <Text size="xs" c="dimmed">
              {t('channels.publicKey')}: <Code>{channel.publicKey}</Code> · {t('channels.createdAt')}:{' '}
              {formatDateTime(channel.createdAt, i18n.language)}
            </Text>
          </Stack>
          <Button size="compact-sm" variant="subtle" color="red" onClick={onDelete}>
            {t('channels.delete')}
          </Button>
        </Group>
        {BOT_KINDS.includes(channel.kind) && (
          <Switch
            checked={channel.answerBot}
            onChange={(e) => setAnswerBot.mutate(e.currentTarget.checked)}
            disabled={setAnswerBot.isPending}
            label={t('answerBot.setting')}
            description={t('answerBot.settingHelp')}
            error={setAnswerBot.isError ? t('answerBot.settingFailed') : undefined}
            data-testid="channel-answer-bot"
          />
        )}
        {channel.kind !== 'webchat' && <ChannelConnection channel={channel} />}
        {channel.kind === 'webchat' && channel.embedSnippet && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('channels.embed')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('channels.embedHelp')}
            </Text>
            <Code block className="koe-snippet" data-testid="embed-snippet">
              {channel.embedSnippet}
            </Code>
            <Group gap="sm">
              <CopyButton value={channel.embedSnippet}>
                {({ copied, copy }) => (
                  <Button size="xs" variant={copied ? 'filled' : 'light'} onClick={copy} data-testid="embed-copy">
                    {copied ? t('app.copied') : t('app.copy')}
                  </Button>
                )}
              </CopyButton>
              <Anchor href={demoHref} target="_blank" rel="noopener" size="sm" data-testid="demo-link">
                {t('channels.demo')} ↗
              </Anchor>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
