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
import type { TFunction } from 'i18next';
import { ARTICLE_LIMITS, type ArticleLang, type ArticleStatus } from '@contracts/knowledge-base-values';
import { useArticle, useArticleFacets, useSaveArticle, type Article } from '../../api/knowledge-base';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Markdown } from '../../components/Markdown';

type Draft = {
  /** `questions` as typed: one per line. */
  versions: Record<ArticleLang, { title: string; body: string; questions: string }>;
  category: string;
  tags: string[];
  status: ArticleStatus;
};

const versionDraft = (v: Article['versions']['ja']) => ({
  title: v?.title ?? '',
  body: v?.body ?? '',
  questions: v?.questions.join('\n') ?? '',
});

const draftOf = (a: Article | undefined): Draft => ({
  versions: { ja: versionDraft(a?.versions.ja), en: versionDraft(a?.versions.en) },
  category: a?.category ?? '',
  tags: a?.tags ?? [],
  status: a?.status ?? 'draft',
});

/** The questions typed, one per line: trimmed, empty lines and repeats dropped (as the server keeps them). */
const questionsOf = (text: string) => [...new Set(text.split('\n').map((q) => q.trim()))].filter(Boolean);

/** What is wrong with the questions typed, in the reader's words; null when nothing. */
function questionsProblem(text: string, t: TFunction): string | null {
  const questions = questionsOf(text);
  if (questions.length > ARTICLE_LIMITS.questions)
    return t('knowledge.editor.questionsTooMany', { max: ARTICLE_LIMITS.questions, count: questions.length });
  const long = text.split('\n').findIndex((q) => q.trim().length > ARTICLE_LIMITS.question);
  return long >= 0 ? t('knowledge.editor.questionsTooLong', { max: ARTICLE_LIMITS.question, line: long + 1 }) : null;
}

/** /kb/new and /kb/:id/edit: the article loaded first when editing. */
export function ArticleEditorPage() {
  const { id } = useParams();
  const article = useArticle(id ?? null);
  if (id && article.isPending) return <Loader size="sm" m="lg" />;
  if (id && article.error) return <ErrorAlert error={article.error} onRetry={() => void article.refetch()} />;
  return <ArticleEditor key={id ?? 'new'} article={article.data} />;
}

/**
 * Language tabs, each a title, a Markdown body beside its live preview and the ways customers ask; category, tags and
 * the status.
 */
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

  const set = (lang: ArticleLang, field: 'title' | 'body' | 'questions', value: string) =>
    setDraft((d) => ({ ...d, versions: { ...d.versions, [lang]: { ...d.versions[lang], [field]: value } } }));
  // Questions alone do not make a language: they would be lost, so they ask for its title and body too.
  const filled = (lang: ArticleLang) =>
    Boolean(
      draft.versions[lang].title.trim() || draft.versions[lang].body.trim() || draft.versions[lang].questions.trim(),
    );
  const half = (lang: ArticleLang) =>
    filled(lang) && !(draft.versions[lang].title.trim() && draft.versions[lang].body.trim());
  const questionsWrong = (lang: ArticleLang) => questionsProblem(draft.versions[lang].questions, t);
  const problem = (['ja', 'en'] as const).some(half)
    ? t('knowledge.editor.needBoth')
    : !filled('ja') && !filled('en')
      ? t('knowledge.editor.needOne')
      : ((['ja', 'en'] as const).map(questionsWrong).find(Boolean) ?? null);

  const submit = () => {
    setChecked(true);
    if (problem) return;
    const versions = Object.fromEntries(
      (['ja', 'en'] as const)
        .filter(filled)
        .map((l) => [l, { ...draft.versions[l], questions: questionsOf(draft.versions[l].questions) }]),
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
                <Textarea
                  label={t('knowledge.editor.questions')}
                  description={t('knowledge.editor.questionsHint')}
                  value={draft.versions[l].questions}
                  onChange={(e) => set(l, 'questions', e.currentTarget.value)}
                  autosize
                  minRows={3}
                  maxRows={12}
                  error={questionsWrong(l)}
                  data-testid="kb-questions"
                />
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
