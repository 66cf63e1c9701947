import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ArticleSummary } from '../../api/knowledge-base';

/** Status (drafts stand out), category, the languages written and the tags of an article. */
export function ArticleBadges({ article }: { article: ArticleSummary }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      <Badge
        size="sm"
        variant={article.status === 'draft' ? 'filled' : 'light'}
        color={article.status === 'draft' ? 'yellow' : 'teal'}
        c={article.status === 'draft' ? 'dark' : undefined}
        data-testid="kb-status"
      >
        {t(`knowledge.status.${article.status}`)}
      </Badge>
      {article.category && (
        <Badge size="sm" variant="light" color="blue">
          {article.category}
        </Badge>
      )}
      {(['ja', 'en'] as const)
        .filter((l) => article.titles[l] !== undefined)
        .map((l) => (
          <Badge key={l} size="sm" variant="outline" color="gray">
            {t(`knowledge.langs.${l}`)}
          </Badge>
        ))}
      {article.tags.map((tag) => (
        <Badge key={tag} size="sm" variant="dot" color="gray" tt="none">
          {tag}
        </Badge>
      ))}
    </Group>
  );
}
