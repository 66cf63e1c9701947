import { useState } from 'react';
import {
  Alert,
  Anchor,
  Autocomplete,
  Box,
  Button,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Tabs,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ARTICLE_LIMITS, type ArticleLang, type ArticleStatus } from '@contracts/knowledge-base-values';
import { useArticle, useArticleFacets, useSaveArticle, type Article } from '../../api/knowledge-base';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Markdown } from '../../components/Markdown';

type Draft = {
  versions: Record<ArticleLang, { title: string; body: string }>;
  category: string;
  tags: string[];
  status: ArticleStatus;
};

const draftOf = (a: Article | undefined): Draft => ({
  versions: {
    ja: { title: a?.versions.ja?.title ?? '', body: a?.versions.ja?.body ?? '' },
    en: { title: a?.versions.en?.title ?? '', body: a?.versions.en?.body ?? '' },
  },
  category: a?.category ?? '',
  tags: a?.tags ?? [],
  status: a?.status ?? 'draft',
});

/** /kb/new and /kb/:id/edit: the article loaded first when editing. */
export function ArticleEditorPage() {
  const { id } = useParams();
  const article = useArticle(id ?? null);
  if (id && article.isPending) return <Loader size="sm" m="lg" />;
  if (id && article.error) return <ErrorAlert error={article.error} onRetry={() => void article.refetch()} />;
  return <ArticleEditor key={id ?? 'new'} article={article.data} />;
}

/** Language tabs, each a title and a Markdown body beside its live preview; category, tags and the status. */
function ArticleEditor({ article }: { article: Article | undefined }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const facets = useArticleFacets().data;
  const save = useSaveArticle();
  const [draft, setDraft] = useState<Draft>(() => draftOf(article));
  const [tab, setTab] = useState<ArticleLang>(
    (params.get('lang') as ArticleLang | null) ?? (i18n.language === 'en' && article?.versions.en ? 'en' : 'ja'),
  );
  const [checked, setChecked] = useState(false);
  // The revision this edit started from: a save is refused if someone saved meanwhile, whatever refetched since.
  const [baseRevision] = useState(article?.revision ?? 0);

  const set = (lang: ArticleLang, field: 'title' | 'body', value: string) =>
    setDraft((d) => ({ ...d, versions: { ...d.versions, [lang]: { ...d.versions[lang], [field]: value } } }));
  const filled = (lang: ArticleLang) => Boolean(draft.versions[lang].title.trim() || draft.versions[lang].body.trim());
  const half = (lang: ArticleLang) =>
    filled(lang) && !(draft.versions[lang].title.trim() && draft.versions[lang].body.trim());
  const problem = (['ja', 'en'] as const).some(half)
    ? t('knowledge.editor.needBoth')
    : !filled('ja') && !filled('en')
      ? t('knowledge.editor.needOne')
      : null;

  const submit = () => {
    setChecked(true);
    if (problem) return;
    const versions = Object.fromEntries(
      (['ja', 'en'] as const).filter(filled).map((l) => [l, draft.versions[l]]),
    ) as Article['versions'];
    const content = { versions, category: draft.category.trim() || null, tags: draft.tags, status: draft.status };
    save.mutate(article ? { id: article.id, ...content, baseRevision } : content, {
      onSuccess: (saved) => navigate(`/kb/${encodeURIComponent(saved.id)}?lang=${tab}`),
    });
  };
  // A refusal the page cannot name field by field (lengths the inputs already limit) is said in the reader's words.
  const unnamed = save.error instanceof ApiError && save.error.status === 400 && !save.error.code;

  return (
    <Box p={{ base: 'sm', sm: 'lg' }} maw={1400}>
      <Anchor component={Link} to={article ? `/kb/${encodeURIComponent(article.id)}` : '/kb'} size="sm">
        ← {t('knowledge.back')}
      </Anchor>
      <Title order={2} fz="xl" mt="sm" mb="md">
        {article ? t('knowledge.editor.editTitle') : t('knowledge.editor.newTitle')}
      </Title>
      <Stack gap="md" data-testid="kb-editor">
        <Tabs value={tab} onChange={(v) => v && setTab(v as ArticleLang)} keepMounted={false}>
          <Tabs.List>
            {(['ja', 'en'] as const).map((l) => (
              <Tabs.Tab
                key={l}
                value={l}
                data-testid={`kb-tab-${l}`}
                rightSection={
                  filled(l) ? null : (
                    <Text size="xs" c="dimmed">
                      {t('knowledge.editor.empty')}
                    </Text>
                  )
                }
              >
                {t(`knowledge.langs.${l}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {(['ja', 'en'] as const).map((l) => (
            <Tabs.Panel key={l} value={l} pt="sm">
              <Stack gap="sm">
                <TextInput
                  label={t('knowledge.editor.title')}
                  value={draft.versions[l].title}
                  onChange={(e) => set(l, 'title', e.currentTarget.value)}
                  maxLength={ARTICLE_LIMITS.title}
                  error={checked && half(l) && !draft.versions[l].title.trim()}
                  data-testid="kb-title"
                />
                <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                  <Textarea
                    label={t('knowledge.editor.body')}
                    description={t('knowledge.editor.bodyHint')}
                    value={draft.versions[l].body}
                    onChange={(e) => set(l, 'body', e.currentTarget.value)}
                    maxLength={ARTICLE_LIMITS.body}
                    autosize
                    minRows={14}
                    maxRows={30}
                    error={checked && half(l) && !draft.versions[l].body.trim()}
                    styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 14 } }}
                    data-testid="kb-body"
                  />
                  <Stack gap={4}>
                    <Text size="sm" fw={500}>
                      {t('knowledge.editor.preview')}
                    </Text>
                    <Paper withBorder radius="sm" p="sm" mih={200} style={{ overflow: 'auto' }}>
                      {draft.versions[l].body.trim() ? (
                        <Markdown text={draft.versions[l].body} testId="kb-preview" />
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('knowledge.editor.previewEmpty')}
                        </Text>
                      )}
                    </Paper>
                  </Stack>
                </SimpleGrid>
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Autocomplete
            label={t('knowledge.category')}
            placeholder={t('knowledge.noCategory')}
            data={(facets?.categories ?? []).map((c) => c.name)}
            value={draft.category}
            onChange={(category) => setDraft((d) => ({ ...d, category }))}
            maxLength={ARTICLE_LIMITS.category}
            data-testid="kb-category"
          />
          <TagsInput
            label={t('knowledge.tags')}
            description={t('knowledge.tagsHint')}
            data={(facets?.tags ?? []).map((c) => c.name)}
            value={draft.tags}
            onChange={(tags) => setDraft((d) => ({ ...d, tags }))}
            maxTags={ARTICLE_LIMITS.tags}
            maxLength={ARTICLE_LIMITS.tag}
            clearable
            data-testid="kb-tags"
          />
        </SimpleGrid>
        <Switch
          label={t('knowledge.editor.publish')}
          description={t('knowledge.editor.publishHint')}
          checked={draft.status === 'published'}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            setDraft((d) => ({ ...d, status: on ? 'published' : 'draft' }));
          }}
          data-testid="kb-publish"
        />
        {checked && problem && (
          <Alert color="red" variant="light" data-testid="kb-editor-problem">
            {problem}
          </Alert>
        )}
        {save.error &&
          (unnamed ? (
            <Alert color="red" variant="light" role="alert">
              {t('knowledge.editor.invalid')}
            </Alert>
          ) : (
            <ErrorAlert error={save.error} onClose={() => save.reset()} />
          ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => navigate(article ? `/kb/${encodeURIComponent(article.id)}` : '/kb')}>
            {t('knowledge.editor.cancel')}
          </Button>
          <Button onClick={submit} loading={save.isPending} data-testid="kb-save">
            {t('knowledge.editor.save')}
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}
