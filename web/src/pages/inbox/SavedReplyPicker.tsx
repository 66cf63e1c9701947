import { useEffect, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { Anchor, Badge, Box, Button, Group, Loader, Paper, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import Fuse from 'fuse.js';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useSavedReplies, type SavedReply } from '../../api/saved-replies';

export interface PickerHandle {
  /** The composer's textarea forwards its keys while the picker is open; true when the picker used the key. */
  handleKey(e: KeyboardEvent<HTMLTextAreaElement>): boolean;
}

interface Props {
  conversationId: string;
  /** What the agent typed after「/」. */
  query: string;
  onPick(text: string, reply: SavedReply): void;
  onClose(): void;
  ref?: Ref<PickerHandle>;
}

/** Fills the agent's answers into the rendered text: every occurrence of each prompt's key. */
export function withAnswers(text: string, prompts: { key: string }[], answers: string[]): string {
  return prompts.reduce((out, p, i) => out.split(p.key).join(answers[i]?.trim() ?? ''), text);
}

/**
 * The saved-reply picker above the composer: typed after「/」(or opened with the button), fuzzy over titles and text,
 * most used first, with a preview of the reply as the customer will get it. Variables Koe could not fill (and
 * `ask:` prompts) are asked for before the text goes into the composer.
 */
export function SavedReplyPicker({ conversationId, query, onPick, onClose, ref }: Props) {
  const { t } = useTranslation();
  const { data: items, isLoading } = useSavedReplies(conversationId);
  const fuse = useMemo(
    () =>
      new Fuse(items ?? [], {
        keys: [
          { name: 'title', weight: 2 },
          { name: 'rendered.text', weight: 1 },
        ],
        threshold: 0.4,
        ignoreLocation: true,
      }),
    [items],
  );
  const matches = useMemo(
    () => (query.trim() ? fuse.search(query.trim()).map((r) => r.item) : (items ?? [])).slice(0, 50),
    [fuse, items, query],
  );
  const [active, setActive] = useState(0);
  const [asking, setAsking] = useState<SavedReply | null>(null);
  const [answers, setAnswers] = useState<string[]>([]);
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const choose = (reply: SavedReply | undefined) => {
    if (!reply?.rendered) return;
    if (reply.rendered.prompts.length) {
      setAsking(reply);
      setAnswers(reply.rendered.prompts.map(() => ''));
      return;
    }
    onPick(reply.rendered.text, reply);
  };
  const finish = () => {
    if (!asking?.rendered) return;
    onPick(withAnswers(asking.rendered.text, asking.rendered.prompts, answers), asking);
  };

  useImperativeHandle(ref, () => ({
    handleKey(e) {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
        return true;
      }
      if (asking) return false;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const n = matches.length;
        if (n) setActive((i) => (e.key === 'ArrowDown' ? (i + 1) % n : (i - 1 + n) % n));
        return true;
      }
      if ((e.key === 'Enter' || e.key === 'Tab') && !e.ctrlKey && !e.metaKey && !e.shiftKey && matches.length) {
        e.preventDefault();
        choose(matches[active]);
        return true;
      }
      return false;
    },
  }));

  const current = matches[active];
  return (
    <Paper
      withBorder
      shadow="md"
      radius="md"
      mb="xs"
      data-testid="saved-reply-picker"
      role="dialog"
      aria-label={t('savedReplies.open')}
    >
      {asking?.rendered ? (
        <Stack gap="xs" p="sm" data-testid="saved-reply-prompts">
          <Text size="sm" fw={700}>
            {asking.title} — {t('savedReplies.promptsTitle')}
          </Text>
          {asking.rendered.prompts.map((p, i) => (
            <TextInput
              key={p.key}
              label={p.label}
              size="sm"
              autoFocus={i === 0}
              value={answers[i] ?? ''}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setAnswers((a) => a.map((x, j) => (j === i ? value : x)));
              }}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  onClose();
                } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  if (i === asking.rendered!.prompts.length - 1) finish();
                  else
                    (
                      e.currentTarget.closest('[data-testid="saved-reply-prompts"]')?.querySelectorAll('input')[
                        i + 1
                      ] as HTMLInputElement | undefined
                    )?.focus();
                }
              }}
              data-testid="saved-reply-prompt"
            />
          ))}
          <Text size="xs" c="dimmed" className="koe-message-text" lineClamp={4}>
            {withAnswers(asking.rendered.text, asking.rendered.prompts, answers)}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setAsking(null)}>
              {t('savedReplies.cancel')}
            </Button>
            <Button size="xs" color="teal" onClick={finish} data-testid="saved-reply-insert">
              {t('savedReplies.insert')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <>
          <Group gap={0} align="stretch" wrap="nowrap">
            <ScrollArea.Autosize mah={260} style={{ flex: '1 1 45%', minWidth: 0 }} viewportRef={list}>
              {isLoading ? (
                <Loader size="sm" m="sm" />
              ) : matches.length === 0 ? (
                <Text size="sm" c="dimmed" p="sm" data-testid="saved-reply-none">
                  {items?.length ? t('savedReplies.none') : t('savedReplies.empty')}
                </Text>
              ) : (
                <Stack gap={0} role="listbox">
                  {matches.map((r, i) => (
                    <Box
                      key={r.id}
                      role="option"
                      aria-selected={i === active}
                      data-index={i}
                      data-testid="saved-reply-option"
                      px="sm"
                      py={6}
                      bg={i === active ? 'teal.0' : undefined}
                      style={{ cursor: 'pointer' }}
                      onMouseEnter={() => setActive(i)}
                      onMouseDown={(e) => {
                        // Keep the textarea's focus (and caret) while choosing with the mouse.
                        e.preventDefault();
                        choose(r);
                      }}
                    >
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" fw={600} truncate style={{ minWidth: 0 }}>
                          {r.title}
                        </Text>
                        <Badge size="xs" variant="light" color={r.shared ? 'blue' : 'grape'} style={{ flexShrink: 0 }}>
                          {r.shared ? t('savedReplies.shared') : t('savedReplies.personal')}
                        </Badge>
                      </Group>
                      <Text size="xs" c="dimmed" truncate>
                        {r.rendered?.text}
                      </Text>
                    </Box>
                  ))}
                </Stack>
              )}
            </ScrollArea.Autosize>
            {current?.rendered && (
              <Box
                p="sm"
                visibleFrom="sm"
                style={{ flex: '1 1 55%', minWidth: 0, borderLeft: '1px solid var(--mantine-color-gray-3)' }}
                data-testid="saved-reply-preview"
              >
                <Group gap={6} mb={4}>
                  <Text size="xs" c="dimmed">
                    {current.rendered.lang === 'en'
                      ? t('savedReplies.englishVersion')
                      : t('savedReplies.japaneseVersion')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    · {t('savedReplies.uses', { count: current.usageCount })}
                  </Text>
                </Group>
                <ScrollArea.Autosize mah={220}>
                  <Text size="sm" className="koe-message-text">
                    {current.rendered.text}
                  </Text>
                </ScrollArea.Autosize>
              </Box>
            )}
          </Group>
          <Group justify="space-between" px="sm" py={4} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <Text size="xs" c="dimmed" visibleFrom="sm">
              {t('savedReplies.pickHint')}
            </Text>
            <Anchor component={Link} to="/saved-replies" size="xs" ml="auto">
              {t('savedReplies.manage')}
            </Anchor>
          </Group>
        </>
      )}
    </Paper>
  );
}
