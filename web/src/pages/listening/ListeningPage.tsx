import { BarChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import '@mantine/charts/styles.css';
import {
  useListenedPosts,
  useListeningQueries,
  useListeningSummary,
  type ListenedPost,
  type ListeningShow,
} from '../../api/listening';
import { useMe } from '../../api/session';
import { CategoryBadge, ChannelBadge, FlagBadge, LevelBadge, SentimentBadge } from '../../components/badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatShortTime } from '../../lib/time';
import { QueryList } from './QueryList';

const DAYS = 14;
const SHOWS: ListeningShow[] = ['all', 'needs_answer', 'competitor', 'set_aside'];

/**
 * What customers say about the brand without tagging it: volume and sentiment per day, and the posts themselves;
 * admins manage the queries here too. The query and the filter live in the address.
 */
export function ListeningPage() {
  const { t } = useTranslation();
  const role = useMe().data?.agent.role;
  const [search, setSearch] = useSearchParams();
  const queries = useListeningQueries();
  // A removed query leaves the list: its address falls back to all queries (its posts stay among them).
  const asked = search.get('query');
  const queryId = asked && queries.data?.some((q) => q.id === asked) ? asked : null;
  const show = (SHOWS as string[]).includes(search.get('show') ?? '') ? (search.get('show') as ListeningShow) : 'all';
  const set = (k: string, v: string) =>
    setSearch(
      (old) => {
        const next = new URLSearchParams(old);
        if (v && v !== 'all') next.set(k, v);
        else next.delete(k);
        return next;
      },
      { replace: true },
    );
  return (
    <Stack p={{ base: 'sm', sm: 'lg' }} maw={1200} gap="md">
      <div>
        <Title order={2} fz="xl">
          {t('listening.title')}
        </Title>
        <Text size="sm" c="dimmed" mt={4}>
          {t('listening.intro')}
        </Text>
      </div>
      {queries.error && <ErrorAlert error={queries.error} />}
      <QueryList queries={queries.data ?? []} admin={role === 'admin'} canSearch={role !== 'agent'} />
      {(queries.data?.length ?? 0) > 0 && (
        <NativeSelect
          size="xs"
          maw={360}
          label={t('listening.queries')}
          value={queryId ?? ''}
          onChange={(e) => set('query', e.currentTarget.value)}
          data={[
            { value: '', label: t('listening.allQueries') },
            ...(queries.data ?? []).map((q) => ({ value: q.id, label: q.name })),
          ]}
          data-testid="listening-query-filter"
        />
      )}
      <Summary queryId={queryId} />
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={3} fz="md">
          {t('listening.posts')}
        </Title>
        <SegmentedControl
          size="xs"
          value={show}
          onChange={(v) => set('show', v)}
          data={SHOWS.map((s) => ({ value: s, label: t(`listening.show.${s}`) }))}
          data-testid="listening-show"
        />
      </Group>
      <Posts queryId={queryId} show={show} />
    </Stack>
  );
}

function Summary({ queryId }: { queryId: string | null }) {
  const { t, i18n } = useTranslation();
  const summary = useListeningSummary(queryId, DAYS);
  const s = summary.data;
  if (summary.error) return <ErrorAlert error={summary.error} />;
  if (!s) return <Loader size="sm" />;
  const label = (day: string) =>
    new Intl.DateTimeFormat(i18n.language, { month: 'numeric', day: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${day}T00:00:00Z`),
    );
  const data = s.days.map((d) => ({
    label: label(d.day),
    [t('listening.summary.negative')]: d.negative,
    [t('listening.summary.neutral')]: d.neutral,
    [t('listening.summary.positive')]: d.positive,
  }));
  const figures: [string, number, string][] = [
    ['posts', s.totals.posts, 'dark'],
    ['negative', s.totals.negative, 'red'],
    ['needsAnswer', s.totals.needsAnswer, 'orange'],
    ['inInbox', s.totals.inInbox, 'blue'],
    ['competitor', s.totals.competitor, 'indigo'],
  ];
  return (
    <Paper withBorder p="md" radius="md" data-testid="listening-summary">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={3} fz="md">
          {t('listening.summary.title', { days: DAYS })}
        </Title>
        <Text size="xs" c="dimmed">
          {t('listening.summary.timeZone', { tz: s.timeZone })}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 2, xs: 3, md: 5 }} spacing="xs" mb="sm">
        {figures.map(([key, value, color]) => (
          <div key={key} data-testid={`listening-total-${key}`}>
            <Text size="xs" c="dimmed">
              {t(`listening.summary.${key}` as 'listening.summary.posts')}
            </Text>
            <Text fw={700} fz="xl" c={color}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <BarChart
        h={220}
        data={data}
        dataKey="label"
        type="stacked"
        withLegend
        tickLine="none"
        series={[
          { name: t('listening.summary.negative'), color: 'red.6' },
          { name: t('listening.summary.neutral'), color: 'gray.5' },
          { name: t('listening.summary.positive'), color: 'teal.6' },
        ]}
        data-testid="listening-chart"
      />
    </Paper>
  );
}

function Posts({ queryId, show }: { queryId: string | null; show: ListeningShow }) {
  const { t } = useTranslation();
  const posts = useListenedPosts(queryId, show);
  const items = posts.data?.pages.flatMap((p) => p.items) ?? [];
  if (posts.error) return <ErrorAlert error={posts.error} />;
  if (posts.isPending) return <Loader size="sm" />;
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="listening-no-posts">
        {t('listening.noPosts')}
      </Text>
    );
  return (
    <Stack gap="xs" data-testid="listening-posts">
      {items.map((p) => (
        <PostCard key={p.id} post={p} />
      ))}
      {posts.hasNextPage && (
        <Button
          variant="default"
          size="xs"
          onClick={() => void posts.fetchNextPage()}
          loading={posts.isFetchingNextPage}
        >
          {t('listening.more')}
        </Button>
      )}
    </Stack>
  );
}

function PostCard({ post }: { post: ListenedPost }) {
  const { t, i18n } = useTranslation();
  const author = post.author
    ? [post.author.name, post.author.handle ? `@${post.author.handle}` : null].filter(Boolean).join(' ')
    : t('listening.instagramAuthor');
  return (
    <Paper withBorder p="sm" radius="md" data-testid="listened-post" data-needs-answer={post.needsAnswer}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text size="sm" fw={600} lineClamp={1}>
          {author}
        </Text>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {formatShortTime(post.postedAt, i18n.language)}
        </Text>
      </Group>
      <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {post.text}
      </Text>
      <Group gap={4} mt="xs" wrap="wrap">
        <ChannelBadge kind={post.channel.kind} />
        <FlagBadge flag={post.flag} />
        {post.level > 0 && <LevelBadge level={post.level} />}
        <SentimentBadge sentiment={post.sentiment} />
        {post.competitor && (
          <Badge size="xs" variant="light" color="indigo" radius="sm" data-testid="listened-competitor">
            {t('triage.marks.competitor')}
          </Badge>
        )}
        {post.categories.map((c) => (
          <CategoryBadge key={c} category={c} />
        ))}
        <Text size="xs" c="dimmed">
          {t('listening.foundBy', { name: post.query.name })}
        </Text>
      </Group>
      {post.needsAnswer && !post.conversationId && post.channel.kind === 'instagram' && (
        <Alert variant="light" color="yellow" p="xs" mt="xs">
          <Text size="xs">{t('listening.cannotAnswer')}</Text>
        </Alert>
      )}
      <Group gap="md" mt="xs">
        {post.conversationId && (
          <Anchor component={Link} to={`/conversations/${post.conversationId}`} size="sm" data-testid="listened-open">
            {t('listening.openConversation')}
          </Anchor>
        )}
        {post.url && (
          <Anchor href={post.url} target="_blank" rel="noopener noreferrer" size="sm">
            {t('listening.openPost')}
          </Anchor>
        )}
      </Group>
    </Paper>
  );
}
