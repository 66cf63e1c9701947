import { useState } from 'react';
import {
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ArticleLang } from '@contracts/knowledge-base-values';
import { useRestoreRevision, useRevision, useRevisions, type Article } from '../../api/knowledge-base';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Markdown } from '../../components/Markdown';
import { formatDateTime } from '../../lib/time';
import { langsFor } from './articleText';
import { QuestionList } from './QuestionList';

/** Every save of the article, newest first; one is read whole and can be restored as a new revision. */
export function RevisionDrawer({
  article,
  opened,
  onClose,
  onRestored,
}: {
  article: Article;
  opened: boolean;
  onClose(): void;
  onRestored(n: number): void;
}) {
  const { t, i18n } = useTranslation();
  const revisions = useRevisions(article.id, opened);
  const [number, setNumber] = useState<number | null>(null);
  const revision = useRevision(article.id, number);
  const restore = useRestoreRevision();
  const [picked, setPicked] = useState<ArticleLang | null>(null);
  const content = revision.data?.content;
  const langs = content ? langsFor(content.versions, i18n.language) : [];
  const lang = picked && langs.includes(picked) ? picked : langs[0];
  const version = content && lang ? content.versions[lang] : undefined;

  return (
    <Drawer
      opened={opened}
      onClose={() => {
        setNumber(null);
        restore.reset();
        onClose();
      }}
      position="right"
      size="lg"
      title={t('knowledge.revisions.title')}
      closeButtonProps={{ 'aria-label': t('knowledge.revisions.close') }}
    >
      <Stack gap="xs" data-testid="kb-revisions">
        {revisions.isPending && <Loader size="sm" />}
        {revisions.error && <ErrorAlert error={revisions.error} />}
        {revisions.data?.map((r) => (
          <UnstyledButton
            key={r.number}
            onClick={() => setNumber(r.number)}
            p="xs"
            style={{
              borderRadius: 'var(--mantine-radius-sm)',
              border: `1px solid ${number === r.number ? 'var(--mantine-color-blue-5)' : 'var(--mantine-color-gray-3)'}`,
            }}
            data-testid="kb-revision"
          >
            <Group gap={6} wrap="wrap">
              <Text fw={600} size="sm">
                {t('knowledge.revisions.number', { n: r.number })}
              </Text>
              {r.number === article.revision && (
                <Badge size="xs" variant="light">
                  {t('knowledge.revisions.current')}
                </Badge>
              )}
              <Badge size="xs" variant="outline" color={r.status === 'draft' ? 'yellow' : 'teal'}>
                {t(`knowledge.status.${r.status}`)}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {t('knowledge.revisions.by', { name: r.agent.name, when: formatDateTime(r.createdAt, i18n.language) })}
            </Text>
            {r.restoredFrom !== null && (
              <Text size="xs" c="dimmed">
                {t('knowledge.revisions.restoredFrom', { n: r.restoredFrom })}
              </Text>
            )}
          </UnstyledButton>
        ))}
        <Divider my="xs" />
        {number === null && (
          <Text size="sm" c="dimmed">
            {t('knowledge.revisions.pick')}
          </Text>
        )}
        {revision.isFetching && !content && <Loader size="sm" />}
        {content && number !== null && (
          <Stack gap="xs" data-testid="kb-revision-view">
            <Group justify="space-between" gap="xs">
              <Text fw={600}>{t('knowledge.revisions.number', { n: number })}</Text>
              {number !== article.revision && (
                <Button
                  size="xs"
                  loading={restore.isPending}
                  onClick={() => {
                    if (!window.confirm(t('knowledge.revisions.restoreConfirm', { n: number }))) return;
                    restore.mutate(
                      { id: article.id, number, baseRevision: article.revision },
                      {
                        onSuccess: () => {
                          setNumber(null);
                          onRestored(number);
                        },
                      },
                    );
                  }}
                  data-testid="kb-restore"
                >
                  {t('knowledge.revisions.restore')}
                </Button>
              )}
            </Group>
            {restore.error && <ErrorAlert error={restore.error} onClose={() => restore.reset()} />}
            {langs.length > 1 && (
              <SegmentedControl
                size="xs"
                w="fit-content"
                value={lang}
                onChange={(v) => setPicked(v as ArticleLang)}
                data={langs.map((l) => ({ value: l, label: t(`knowledge.langs.${l}`) }))}
              />
            )}
            {version && (
              <>
                <Title order={3} fz="lg" style={{ overflowWrap: 'anywhere' }}>
                  {version.title}
                </Title>
                <Markdown text={version.body} testId="kb-revision-body" />
                <QuestionList questions={version.questions} testId="kb-revision-questions" />
              </>
            )}
          </Stack>
        )}
      </Stack>
    </Drawer>
  );
}
