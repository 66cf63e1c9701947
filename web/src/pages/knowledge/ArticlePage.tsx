import { useState } from 'react';
import { Alert, Anchor, Box, Button, Group, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ArticleLang } from '@contracts/knowledge-base-values';
import { useArchiveArticle, useArticle } from '../../api/knowledge-base';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Markdown } from '../../components/Markdown';
import { formatDateTime } from '../../lib/time';
import { summaryOf } from './summary';
import { ArticleBadges } from './ArticleBadges';
import { langsFor } from './articleText';
import { QuestionList } from './QuestionList';
import { RevisionDrawer } from './RevisionDrawer';

/** One article to read, in either of its languages; supervisors and admins edit, see its history and delete it. */
export function ArticlePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const role = useMe().data?.agent.role;
  const canWrite = role === 'admin' || role === 'supervisor';
  const article = useArticle(id);
  const archive = useArchiveArticle();
  const [picked, setPicked] = useState<ArticleLang | null>((params.get('lang') as ArticleLang | null) ?? null);
  const [history, setHistory] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const a = article.data;
  const langs = a ? langsFor(a.versions, i18n.language) : [];
  const lang = picked && langs.includes(picked) ? picked : langs[0];
  const version = a && lang ? a.versions[lang] : undefined;

  return (
    <Box p={{ base: 'sm', sm: 'lg' }} maw={960}>
      <Anchor component={Link} to="/kb" size="sm">
        ← {t('knowledge.back')}
      </Anchor>
      {article.isPending && <Loader size="sm" mt="md" />}
      {article.error &&
        (article.error instanceof ApiError && article.error.status === 404 ? (
          <Alert color="yellow" variant="light" mt="md">
            {t('knowledge.notFound')}
          </Alert>
        ) : (
          <ErrorAlert error={article.error} onRetry={() => void article.refetch()} />
        ))}
      {a && version && (
        <Stack gap="sm" mt="sm">
          <Group justify="space-between" align="flex-start" gap="sm">
            <Title
              order={2}
              fz="xl"
              style={{ overflowWrap: 'anywhere', flex: '1 1 260px' }}
              data-testid="kb-article-title"
            >
              {version.title}
            </Title>
            {canWrite && (
              <Group gap="xs">
                <Button component={Link} to={`/kb/${encodeURIComponent(a.id)}/edit?lang=${lang}`} data-testid="kb-edit">
                  {t('knowledge.edit')}
                </Button>
                <Button variant="default" onClick={() => setHistory(true)} data-testid="kb-history">
                  {t('knowledge.history')}
                </Button>
                <Button
                  variant="subtle"
                  color="red"
                  loading={archive.isPending}
                  onClick={() => {
                    if (window.confirm(t('knowledge.deleteConfirm', { title: version.title })))
                      archive.mutate(a.id, { onSuccess: () => navigate('/kb') });
                  }}
                  data-testid="kb-delete"
                >
                  {t('knowledge.delete')}
                </Button>
              </Group>
            )}
          </Group>
          <ArticleBadges article={summaryOf(a)} />
          <Text size="xs" c="dimmed">
            {t('knowledge.updated', { name: a.updatedBy.name, when: formatDateTime(a.updatedAt, i18n.language) })}
          </Text>
          {notice && (
            <Alert color="teal" variant="light" withCloseButton onClose={() => setNotice(null)} data-testid="kb-notice">
              {notice}
            </Alert>
          )}
          {archive.error && <ErrorAlert error={archive.error} onClose={() => archive.reset()} />}
          {langs.length > 1 && (
            <SegmentedControl
              w="fit-content"
              value={lang}
              onChange={(v) => setPicked(v as ArticleLang)}
              data={langs.map((l) => ({ value: l, label: t(`knowledge.langs.${l}`) }))}
              data-testid="kb-lang"
            />
          )}
          <Markdown text={version.body} testId="kb-article-body" />
          <QuestionList questions={version.questions} testId="kb-article-questions" />
        </Stack>
      )}
      {a && canWrite && (
        <RevisionDrawer
          article={a}
          opened={history}
          onClose={() => setHistory(false)}
          onRestored={(n) => {
            setHistory(false);
            setNotice(t('knowledge.revisions.restored', { n }));
          }}
        />
      )}
    </Box>
  );
}
