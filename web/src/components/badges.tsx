import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  CATEGORIES,
  type Category,
  type ChannelKind,
  type ConversationFlag,
  type ConversationLevel,
  type ConversationStatus,
  type Sentiment,
  type TriageMark,
} from '../api/types';

const CHANNEL_COLORS: Record<ChannelKind, string> = {
  webchat: 'teal',
  line: 'green',
  facebook: 'blue',
  instagram: 'pink',
  x: 'dark',
  email: 'indigo',
};

// Small platform marks (text glyphs: no icon font or brand assets needed).
const CHANNEL_ICONS: Record<ChannelKind, string> = {
  webchat: '◎',
  line: '●',
  facebook: 'f',
  instagram: '◉',
  x: '𝕏',
  email: '✉',
};

export function ChannelBadge({ kind }: { kind: ChannelKind }) {
  const { t } = useTranslation();
  return (
    <Badge
      size="xs"
      variant={kind === 'x' || kind === 'line' ? 'filled' : 'light'}
      color={CHANNEL_COLORS[kind] ?? 'gray'}
      radius="sm"
      style={{ flexShrink: 0 }}
      leftSection={
        <span aria-hidden style={{ fontWeight: 700 }}>
          {CHANNEL_ICONS[kind] ?? '•'}
        </span>
      }
      data-testid="channel-badge"
      data-kind={kind}
    >
      {t(`channelKind.${kind}`, { defaultValue: kind })}
    </Badge>
  );
}

const STATUS_COLORS: Record<ConversationStatus, string> = {
  open: 'teal',
  pending: 'yellow',
  resolved: 'gray',
  closed: 'dark',
};

/**
 * 新規 (new) is an open conversation no agent has replied to yet; 対応中 (open) one that is being handled. The server
 * keeps one `open` status (SLA clocks tell the two apart by the first reply); this is how a team reads it.
 */
export function statusKey(status: ConversationStatus, firstResponseAt?: string | null) {
  return status === 'open' && firstResponseAt === null ? ('status.new' as const) : (`status.${status}` as const);
}

export function StatusBadge({
  status,
  firstResponseAt,
}: {
  status: ConversationStatus;
  /** When known: an open conversation without a first reply reads 新規. */
  firstResponseAt?: string | null;
}) {
  const { t } = useTranslation();
  const key = statusKey(status, firstResponseAt);
  return (
    <Badge
      size="xs"
      variant="dot"
      color={key === 'status.new' ? 'blue' : STATUS_COLORS[status]}
      data-testid="status-badge"
      data-status={key === 'status.new' ? 'new' : status}
    >
      {t(key)}
    </Badge>
  );
}

// Higher levels need more senior agents, so they get warmer colours.
const LEVEL_COLORS = ['gray', 'blue', 'orange', 'red'];

export function LevelBadge({ level }: { level: ConversationLevel | number }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('inbox.levelTitle')} withArrow>
      <Badge
        size="xs"
        variant="outline"
        color={LEVEL_COLORS[level] ?? 'gray'}
        radius="sm"
        data-testid="level-badge"
        data-level={level}
      >
        {t('inbox.level', { level })}
      </Badge>
    </Tooltip>
  );
}

/** The assignee only acknowledges this urgent conversation (a first responder); it then goes to L3. */
export function FirstResponderBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('escalation.firstResponderHint')} withArrow multiline maw={280}>
      <Badge size="xs" variant="light" color="red" radius="sm" data-testid="first-responder-badge">
        {t('escalation.firstResponder')}
      </Badge>
    </Tooltip>
  );
}

/** Triage's mark: unsure whether urgent (shown above level 2), or a competitor mention (an opportunity, not an alarm). */
export function MarkBadge({ mark, size = 'xs' }: { mark: TriageMark | null | undefined; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  if (!mark) return null;
  return (
    <Tooltip label={t(`triage.markHints.${mark}`)} withArrow multiline maw={280}>
      <Badge
        size={size}
        variant="light"
        color={mark === 'needs_look' ? 'orange' : 'indigo'}
        radius="sm"
        data-testid="mark-badge"
        data-mark={mark}
      >
        {t(`triage.marks.${mark}`)}
      </Badge>
    </Tooltip>
  );
}

/** The conversation began with a public post found by listening: the customer named the brand without tagging it. */
export function ListeningBadge({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('listening.badgeHint')} withArrow multiline maw={280}>
      <Badge size={size} variant="light" color="cyan" radius="sm" data-testid="listening-badge">
        {t('listening.badge')}
      </Badge>
    </Tooltip>
  );
}

export function PriorityBadge({ priority }: { priority: number }) {
  const { t } = useTranslation();
  const color = priority >= 80 ? 'red' : priority >= 50 ? 'orange' : 'gray';
  return (
    <Badge size="xs" variant={priority >= 80 ? 'filled' : 'light'} color={color} radius="sm">
      {t('inbox.priority', { value: priority })}
    </Badge>
  );
}

const SENTIMENT_ICON: Record<Sentiment, string> = { negative: '☹', neutral: '・', positive: '☺' };
const SENTIMENT_COLOR: Record<Sentiment, string> = { negative: 'red', neutral: 'gray', positive: 'green' };

export function SentimentBadge({ sentiment }: { sentiment: Sentiment | null }) {
  const { t } = useTranslation();
  if (!sentiment) return null;
  return (
    <Badge size="xs" variant="light" color={SENTIMENT_COLOR[sentiment]} radius="sm">
      {SENTIMENT_ICON[sentiment]} {t(`sentiment.${sentiment}`)}
    </Badge>
  );
}

export const isCategory = (value: string): value is Category => (CATEGORIES as readonly string[]).includes(value);

// Urgent categories (money, service, safety, reputation) in warm colours; the rest calm.
const CATEGORY_COLORS: Record<Category, string> = {
  billing_error: 'red',
  outage: 'red',
  defect: 'orange',
  safety: 'red',
  backlash: 'orange',
  purchase_intent: 'teal',
  question: 'blue',
  request: 'indigo',
  praise: 'green',
  spam: 'gray',
};

export function CategoryBadge({ category }: { category: string }) {
  const { t } = useTranslation();
  const known = isCategory(category);
  return (
    <Badge
      size="xs"
      variant="light"
      color={known ? CATEGORY_COLORS[category] : 'grape'}
      radius="sm"
      data-testid="category-badge"
      data-category={category}
    >
      {known ? t(`category.${category}`) : category}
    </Badge>
  );
}

/** Marks a conversation triage set aside as spam or a likely troll (it stays visible in the flagged view). */
export function FlagBadge({ flag }: { flag: ConversationFlag | null }) {
  const { t } = useTranslation();
  if (!flag) return null;
  return (
    <Badge
      size="xs"
      variant="filled"
      color={flag === 'spam' ? 'gray' : 'orange'}
      radius="sm"
      data-testid="flag-badge"
      data-flag={flag}
    >
      ⚑ {t(`flag.${flag}`)}
    </Badge>
  );
}
