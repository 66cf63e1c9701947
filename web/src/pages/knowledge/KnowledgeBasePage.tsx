import { useState } from 'react';
import { Anchor, Button, Group, Loader, Paper, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ARTICLE_STATUSES, type ArticleStatus } from '@contracts/knowledge-base-values';
import {
  EXPORT_URL,
  useArticleFacets,
  useArticles,
  useArticleSearch,
  type ArticleSummary,
} from '../../api/knowledge-base';
import { useMe } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/time';
import { AdminPage } from '../admin/AdminPage';
import { ArticleBadges } from './ArticleBadges';
import { titleFor } from './articleText';
import { HelpCenterSection } from './HelpCenterSection';
import { ImportButton } from './ImportButton';

type StatusFilter = 'all' | ArticleStatus;

/** Every agent's page: search and browse articles; supervisors and admins write, import and export. */
export function KnowledgeBasePage() {
  const { t, i18n } = useTranslation();
  const role = useMe().data?.agent.role;
  const canWrite = role === 'admin' || role === 'supervisor';
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [category, setCategory] = useState<string | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const facets = useArticleFacets().data;
  const statusParam = status === 'all' ? undefined : status;
  const searching = debounced.trim().length > 0;
  const list = useArticles({ status: statusParam, category: category ?? undefined, tag: tag ?? undefined });
  const hits = useArticleSearch(debounced, statusParam);
  // Search answers by status; category and tag narrow its hits here.
  const shownHits = (hits.data ?? []).filter(
    (h) => (!category || h.article.category === category) && (!tag || h.article.tags.includes(tag)),
  );
  const articles = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = status !== 'all' || category !== null || tag !== null;

  return (
    <AdminPage
      title={t('knowledge.title')}
      allow={['agent', 'supervisor', 'admin']}
      actions={
        canWrite ? (
          <Group gap="xs">
            <Button component="a" href={EXPORT_URL} download variant="default" data-testid="kb-export">
              {t('knowledge.transfer.export')}
            </Button>
            <ImportButton />
            <Button component={Link} to="/kb/new" data-testid="kb-write">
              {t('knowledge.write')}
            </Button>
          </Group>
        ) : null
      }
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed" maw={760}>
          {t('knowledge.intro')}
        </Text>
        {role === 'admin' && <HelpCenterSection />}
        <TextInput
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          placeholder={t('knowledge.search')}
          aria-label={t('knowledge.searchLabel')}
          type="search"
          maxLength={200}
          data-testid="kb-search"
        />
        <Group gap="sm" wrap="wrap">
          <SegmentedControl
            value={status}
            onChange={(v) => setStatus(v as StatusFilter)}
            data={[
              { value: 'all', label: t('knowledge.allStatuses') },
              ...ARTICLE_STATUSES.map((s) => ({ value: s, label: t(`knowledge.status.${s}`) })),
            ]}
            data-testid="kb-status-filter"
          />
          <Select
            aria-label={t('knowledge.categoryFilter')}
            placeholder={t('knowledge.allCategories')}
            data={(facets?.categories ?? []).map((c) => ({ value: c.name, label: `${c.name} (${c.count})` }))}
            value={category}
            onChange={setCategory}
            clearable
            w={{ base: '100%', xs: 200 }}
            data-testid="kb-category-filter"
          />
          <Select
            aria-label={t('knowledge.tagFilter')}
            placeholder={t('knowledge.allTags')}
            data={(facets?.tags ?? []).map((c) => ({ value: c.name, label: `${c.name} (${c.count})` }))}
            value={tag}
            onChange={setTag}
            clearable
            searchable
            w={{ base: '100%', xs: 200 }}
            data-testid="kb-tag-filter"
          />
        </Group>

        {searching ? (
          <>
            {hits.isFetching && !hits.data && <Loader size="sm" />}
            {hits.error && <ErrorAlert error={hits.error} />}
            {hits.data && shownHits.length === 0 && (
              <Text c="dimmed" size="sm" data-testid="kb-no-hits">
                {t('knowledge.noHits', { q: debounced.trim() })}
              </Text>
            )}
            <Stack gap="xs" data-testid="kb-hits">
              {shownHits.map((h) => (
                <ArticleRow key={h.article.id} article={h.article} lang={h.lang} testId="kb-hit">
                  {h.inTitle && (
                    <Text size="xs" c="blue" fw={600}>
                      {t('knowledge.inTitle')}
                    </Text>
                  )}
                  {h.snippet && (
                    <Text size="sm" c="dimmed" lineClamp={2} data-testid="kb-snippet">
                      {h.snippet}
                    </Text>
                  )}
                </ArticleRow>
              ))}
            </Stack>
          </>
        ) : (
          <>
            {list.isPending && <Loader size="sm" />}
            {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
            {list.data && articles.length === 0 && (
              <Text c="dimmed" size="sm">
                {filtered ? t('knowledge.noMatch') : t('knowledge.empty')}
              </Text>
            )}
            <Stack gap="xs" data-testid="kb-list">
              {articles.map((a) => (
                <ArticleRow key={a.id} article={a} testId="kb-row">
                  <Text size="xs" c="dimmed">
                    {t('knowledge.updated', {
                      name: a.updatedBy.name,
                      when: formatDateTime(a.updatedAt, i18n.language),
                    })}
                  </Text>
                </ArticleRow>
              ))}
            </Stack>
            {list.hasNextPage && (
              <Button
                variant="subtle"
                w="fit-content"
                loading={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                {t('knowledge.more')}
              </Button>
            )}
          </>
        )}
      </Stack>
    </AdminPage>
  );
}

function ArticleRow({
  article,
  lang,
  testId,
  children,
}: {
  article: ArticleSummary;
  lang?: 'ja' | 'en';
  testId: string;
  children?: React.ReactNode;
}) {
  const { i18n } = useTranslation();
  const title = lang
    ? (article.titles[lang] ?? titleFor(article.titles, i18n.language))
    : titleFor(article.titles, i18n.language);
  return (
    <Paper withBorder radius="md" p="sm" data-testid={testId}>
      <Stack gap={6}>
        <Anchor
          component={Link}
          to={`/kb/${encodeURIComponent(article.id)}${lang ? `?lang=${lang}` : ''}`}
          fw={600}
          style={{ overflowWrap: 'anywhere' }}
          data-testid="kb-open"
        >
          {title}
        </Anchor>
        <ArticleBadges article={article} />
        {children}
      </Stack>
    </Paper>
  );
}
