import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  ActionIcon,
  Alert,
  Box,
  Button,
  Group,
  Menu,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { onPage } from '../../lib/hotkeys';
import { useTranslation } from 'react-i18next';
import { useComposeCheck, useSendMessage } from '../../api/conversations';
import { ApiError } from '../../api/client';
import type { ConversationStatus, Message, ReplyContext } from '../../api/types';
import { useViewing } from '../../api/viewers';
import { CollisionNotice, useOthersViewing } from './CollisionNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ReplyContextBar } from './ReplyContextBar';
import { ArticleSuggestions } from './ArticleSuggestions';
import { SavedReplyPicker, type PickerHandle } from './SavedReplyPicker';
import { useCountUse, type SavedReply } from '../../api/saved-replies';
import { useComposerDraft } from './useDraft';

const MAX_LENGTH = 5000;

interface Props {
  conversationId: string;
  /** Which follow-ups the send button offers: resolve unless already resolved or closed, wait only when open. */
  status?: ConversationStatus;
  /** From the conversation detail: where replies go and the channel's limits. */
  replyContext?: ReplyContext;
  /** The newest reply the customer has or will have: the send guard's baseline for a draft that begins now. */
  latestReply?: Message | null;
  /** The customer's newest message: the article suggestions match it. */
  lastCustomerMessageId?: string | null;
}

/** The newest customer-visible reply of a thread (a failed one never reached the customer). */
export function latestReplyOf(messages: Message[] | undefined): Message | null {
  return messages?.findLast((m) => m.kind === 'reply' && m.delivery?.status !== 'failed') ?? null;
}

/** 「/」 (or 「／」) at the start or after a space, then the query up to the caret: the saved-reply picker's trigger. */
export function slashQuery(text: string, caret: number): { start: number; query: string } | null {
  // The full-width 「／」 too: a Japanese input method types it for the same key.
  const m = /(^|\s)[/／]([^\s/／]{0,40})$/u.exec(text.slice(0, caret));
  return m ? { start: m.index + m[1]!.length, query: m[2]! } : null;
}

/** Typing = the text changed in the last few seconds. */
const TYPING_MS = 4_000;

type Then = 'resolve' | 'pending';

/**
 * Reply to the customer or add a private note; Ctrl/Cmd+Enter sends, with Shift it also resolves. The send button's
 * menu closes the loop in the same click: send and resolve, or send and wait on the customer. Unsent text is kept per conversation and mode
 * (see useDraft), so opening another conversation, a reload or a notification never loses it.
 */
export function Composer(props: Props) {
  // One composer per conversation: its state (and draft) never carries over to another one.
  return <ConversationComposer key={props.conversationId} {...props} />;
}

function ConversationComposer({
  conversationId,
  status,
  replyContext,
  latestReply = null,
  lastCustomerMessageId = null,
}: Props) {
  const { t } = useTranslation();
  const { text, setText, mode, setMode, sent, since, rebase } = useComposerDraft(
    conversationId,
    latestReply?.id ?? null,
  );
  const isPrivate = mode === 'note';
  const send = useSendMessage(conversationId);
  // Collision control: this tab reports itself on the conversation, and whether the agent is writing.
  const [typing, setTyping] = useState(false);
  useEffect(() => {
    if (!typing) return;
    const timer = window.setTimeout(() => setTyping(false), TYPING_MS);
    return () => window.clearTimeout(timer);
  }, [typing, text]);
  useViewing(conversationId, typing);
  // Saved replies: 「/」 opens the picker; what follows is its query; choosing replaces 「/query」 with the reply.
  const [slash, setSlash] = useState<{ start: number; query: string; end: number } | null>(null);
  const picker = useRef<PickerHandle>(null);
  const countUse = useCountUse();
  const onEdit = (next: string, caret: number) => {
    setText(next);
    setTyping(next.trim().length > 0);
    const found = slashQuery(next, caret);
    setSlash(found ? { ...found, end: caret } : null);
  };
  const placeCaret = (at: number) =>
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(at, at);
    });
  const pick = (inserted: string, reply: SavedReply) => {
    if (!slash) return;
    const next = text.slice(0, slash.start) + inserted + text.slice(slash.end);
    setText(next);
    setTyping(true);
    setSlash(null);
    countUse.mutate(reply.id);
    placeCaret(slash.start + inserted.length);
  };
  /** The button types the 「/」 for the agent (after a space when the caret follows a word). */
  const openPicker = () => {
    const el = input.current;
    const caret = el ? el.selectionStart : text.length;
    const before = text.slice(0, caret);
    const lead = before && !/\s$/u.test(before) ? ' ' : '';
    const next = `${before}${lead}/${text.slice(caret)}`;
    const end = caret + lead.length + 1;
    setText(next);
    setSlash({ start: end - 1, query: '', end });
    placeCaret(end);
  };
  // The send guard said a colleague replied after this draft began: show that reply before anything else goes.
  const [guarded, setGuarded] = useState<{ then?: Then } | null>(null);
  // Soft lock (desk setting): a colleague is typing here; replying over them asks first.
  const [locked, setLocked] = useState<{ then?: Then } | null>(null);
  const typingNames = useOthersViewing(conversationId)
    .filter((v) => v.typing)
    .map((v) => v.name);
  const input = useRef<HTMLTextAreaElement>(null);
  // Urgent and unanswered: an acknowledge-and-apologise first reply the agent inserts and edits (never sent by itself).
  const ackDraft = !isPrivate ? (replyContext?.acknowledgementDraft ?? null) : null;
  const insertAckDraft = () => {
    if (!ackDraft) return;
    const next = text.trim() ? `${ackDraft}\n\n${text}` : ackDraft;
    setText(next);
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(next.length, next.length);
    });
  };
  /** An article suggestion goes in at the caret (after a space or a line), the caret after it. */
  const insertAtCaret = (inserted: string) => {
    const el = input.current;
    const caret = el ? el.selectionStart : text.length;
    const before = text.slice(0, caret);
    const lead = before && !/\s$/u.test(before) ? '\n' : '';
    setText(`${before}${lead}${inserted}${text.slice(caret)}`);
    setTyping(true);
    placeCaret(caret + lead.length + inserted.length);
  };
  // Keyboard: r writes a reply, n a private note (the composer takes the focus).
  const focusAs = (next: 'reply' | 'note') => {
    setMode(next);
    placeCaret(input.current?.value.length ?? 0);
  };
  useHotkeys([
    ['r', onPage(() => focusAs('reply'))],
    ['n', onPage(() => focusAs('note'))],
  ]);
  const trimmed = text.trim();
  // The server counts as the platform does (X: weighted, CJK = 2); asked 300 ms after typing stops.
  const [debounced] = useDebouncedValue(text, 300);
  const checking = !isPrivate && Boolean(replyContext);
  const check = useComposeCheck(conversationId, debounced, checking);
  const max = replyContext && !isPrivate ? replyContext.limit.max : MAX_LENGTH;
  const length = !text ? 0 : check.data && checking ? check.data.length : [...text].length;
  const over = text.length > 0 && (length > max || (checking && debounced === text && check.data?.fits === false));
  const tooLong = text.length > MAX_LENGTH || over;
  const windowClosed = !isPrivate && replyContext?.messagingWindow?.open === false;
  const canSend = trimmed.length > 0 && !tooLong && !windowClosed && !send.isPending;

  const followUps: Then[] = isPrivate
    ? []
    : [
        ...(status === 'open' || status === 'pending' ? (['resolve'] as const) : []),
        ...(status === 'open' ? (['pending'] as const) : []),
      ];

  const submit = (then?: Then, force = false) => {
    if (!canSend) return;
    const sentMode = mode;
    // The draft goes only once the server took it (mutateAsync: also when the agent has already moved on); a failure keeps it.
    const guard = isPrivate ? {} : force ? { force: true } : { sinceReplyId: since };
    send.mutateAsync({ text: trimmed, private: isPrivate, ...(then ? { then } : {}), ...guard }).then(
      () => {
        sent(sentMode, trimmed);
        setTyping(false);
      },
      (err) => {
        if (err instanceof ApiError && err.code === 'replied_since_draft') setGuarded({ then });
        if (err instanceof ApiError && err.code === 'soft_locked') setLocked({ then });
      },
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (slash && !e.nativeEvent.isComposing && picker.current?.handleKey(e)) return;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit(e.shiftKey && followUps.includes('resolve') ? 'resolve' : undefined);
    }
  };

  return (
    <Box
      px="md"
      py="sm"
      bg={isPrivate ? 'yellow.0' : 'white'}
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Group gap={4} mb={6} role="group">
        <Button
          size="compact-sm"
          variant={isPrivate ? 'subtle' : 'light'}
          color="teal"
          aria-pressed={!isPrivate}
          onClick={() => setMode('reply')}
          data-testid="composer-reply-toggle"
        >
          {t('composer.reply')}
        </Button>
        <Button
          size="compact-sm"
          variant={isPrivate ? 'filled' : 'subtle'}
          color={isPrivate ? 'yellow' : 'gray'}
          c={isPrivate ? 'dark' : undefined}
          aria-pressed={isPrivate}
          onClick={() => setMode(isPrivate ? 'reply' : 'note')}
          data-testid="composer-private-toggle"
        >
          {t('composer.note')}
        </Button>
        <Tooltip label={t('savedReplies.openHint')} withArrow>
          <Button
            size="compact-sm"
            variant="subtle"
            color="gray"
            ml="auto"
            onClick={openPicker}
            aria-haspopup="dialog"
            data-testid="composer-saved-replies"
          >
            {t('savedReplies.open')}
          </Button>
        </Tooltip>
        {ackDraft && (
          <Tooltip label={t('ackDraft.hint')} multiline w={260} withArrow>
            <Button
              size="compact-sm"
              variant="light"
              color="red"
              onClick={insertAckDraft}
              disabled={text.includes(ackDraft)}
              data-testid="composer-ack-draft"
            >
              {t('ackDraft.button')}
            </Button>
          </Tooltip>
        )}
      </Group>
      {!isPrivate && (
        <ArticleSuggestions
          conversationId={conversationId}
          lastCustomerMessageId={lastCustomerMessageId}
          onInsert={insertAtCaret}
        />
      )}
      {replyContext && !isPrivate && <ReplyContextBar conversationId={conversationId} context={replyContext} />}
      <CollisionNotice conversationId={conversationId} />
      {send.error &&
        !(send.error instanceof ApiError && ['replied_since_draft', 'soft_locked'].includes(send.error.code ?? '')) && (
          <Box mb="xs">
            <ErrorAlert error={send.error} onClose={() => send.reset()} />
          </Box>
        )}
      {slash && (
        <SavedReplyPicker
          ref={picker}
          conversationId={conversationId}
          query={slash.query}
          onPick={pick}
          onClose={() => {
            setSlash(null);
            input.current?.focus();
          }}
        />
      )}
      <Textarea
        ref={input}
        value={text}
        onChange={(e) => onEdit(e.currentTarget.value, e.currentTarget.selectionStart)}
        onBlur={(e) => {
          // Leaving the composer (not for the picker's own fields) closes the picker.
          if (!e.relatedTarget?.closest('[data-testid="saved-reply-picker"]')) setSlash(null);
        }}
        onKeyDown={onKeyDown}
        placeholder={isPrivate ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
        aria-label={isPrivate ? t('composer.note') : t('composer.reply')}
        autosize
        minRows={2}
        maxRows={8}
        error={over ? t('replyContext.overLimit', { max }) : tooLong ? t('composer.tooLong') : undefined}
        data-testid="composer-input"
        styles={
          isPrivate
            ? { input: { background: 'var(--mantine-color-yellow-0)', borderColor: 'var(--mantine-color-yellow-5)' } }
            : undefined
        }
      />
      {checking && check.data && check.data.warnings.length > 0 && trimmed && (
        <Alert
          color="yellow"
          variant="light"
          mt={6}
          p="xs"
          title={t('composer.warningsTitle')}
          data-testid="reply-warnings"
        >
          <Stack gap={4}>
            {check.data.warnings.map((w) => (
              <Text key={w.code} size="xs" data-testid="reply-warning" data-code={w.code}>
                {w.code === 'copy_paste'
                  ? t('composer.warnings.copy_paste', { count: w.count })
                  : w.code === 'unsigned'
                    ? t('composer.warnings.unsigned', { name: w.name })
                    : t('composer.warnings.defensive', { phrase: w.phrase })}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <Group justify="space-between" mt={6}>
        <Text size="xs" c="dimmed" visibleFrom="sm">
          {t('composer.shortcut')}
        </Text>
        {checking && replyContext && (
          <Text
            size="xs"
            c={over ? 'red' : 'dimmed'}
            fw={over ? 700 : undefined}
            ml="auto"
            data-testid="reply-length"
            data-over={over ? 'true' : 'false'}
            data-length={length}
          >
            {t(replyContext.limit.weighted ? 'replyContext.lengthWeighted' : 'replyContext.length', { length, max })}
          </Text>
        )}
        <Group gap={0} wrap="nowrap" ml={checking ? undefined : 'auto'}>
          <Button
            onClick={() => submit()}
            disabled={!canSend}
            loading={send.isPending}
            color={isPrivate ? 'yellow' : 'teal'}
            c={isPrivate ? 'dark' : undefined}
            data-testid="composer-send"
            style={followUps.length ? { borderTopRightRadius: 0, borderBottomRightRadius: 0 } : undefined}
          >
            {isPrivate ? t('composer.addNote') : t('composer.send')}
          </Button>
          {followUps.length > 0 && (
            <Menu position="top-end" withinPortal>
              <Menu.Target>
                <ActionIcon
                  size={36}
                  color="teal"
                  variant="filled"
                  disabled={!canSend}
                  aria-label={t('composer.sendOptions')}
                  data-testid="composer-send-options"
                  style={{
                    borderTopLeftRadius: 0,
                    borderBottomLeftRadius: 0,
                    borderLeft: '1px solid var(--mantine-color-teal-8)',
                  }}
                >
                  <span aria-hidden>▾</span>
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('composer.sendOptions')}</Menu.Label>
                {followUps.map((then) => (
                  <Menu.Item
                    key={then}
                    onClick={() => submit(then)}
                    rightSection={
                      then === 'resolve' ? (
                        <Text size="xs" c="dimmed">
                          Ctrl/⌘+Shift+Enter
                        </Text>
                      ) : undefined
                    }
                    data-testid={`composer-send-${then}`}
                  >
                    {t(then === 'resolve' ? 'composer.sendAndResolve' : 'composer.sendAndPending')}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Group>
      <Modal
        opened={guarded !== null}
        onClose={() => setGuarded(null)}
        title={t('collision.repliedTitle', { name: latestReply?.author.name ?? '' })}
        data-testid="send-guard"
      >
        <Text size="sm" mb="sm">
          {t('collision.repliedBody')}
        </Text>
        {latestReply && (
          <Paper withBorder p="sm" mb="md" bg="teal.0" data-testid="send-guard-reply">
            <Text size="xs" c="dimmed" mb={4}>
              {latestReply.author.name}
            </Text>
            <Text size="sm" className="koe-message-text">
              {latestReply.text}
            </Text>
          </Paper>
        )}
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => {
              rebase();
              setGuarded(null);
              send.reset();
            }}
            data-testid="send-guard-review"
          >
            {t('collision.review')}
          </Button>
          <Button
            color="teal"
            onClick={() => {
              const then = guarded?.then;
              setGuarded(null);
              submit(then, true);
            }}
            data-testid="send-guard-send"
          >
            {t('collision.sendAnyway')}
          </Button>
        </Group>
      </Modal>
      <Modal
        opened={locked !== null}
        onClose={() => setLocked(null)}
        title={t('collision.lockedTitle', { names: typingNames.join('、') || t('collision.colleague') })}
        data-testid="soft-lock"
      >
        <Text size="sm" mb="md">
          {t('collision.lockedBody')}
        </Text>
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => {
              setLocked(null);
              send.reset();
            }}
            data-testid="soft-lock-wait"
          >
            {t('collision.wait')}
          </Button>
          <Button
            color="teal"
            onClick={() => {
              const then = locked?.then;
              setLocked(null);
              submit(then, true);
            }}
            data-testid="soft-lock-send"
          >
            {t('collision.sendAnyway')}
          </Button>
        </Group>
      </Modal>
    </Box>
  );
}
