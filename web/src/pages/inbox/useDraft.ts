import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useMe } from '../../api/session';

/**
 * Unsent composer text, per signed-in agent, conversation and mode (reply / private note), kept in localStorage so that
 * switching conversations (an urgent one arrives), reloading or following a notification never loses what was typed.
 * One key per conversation: `koe:draft:v1:<agent>:<conversation>` → {reply, note, mode, at}. An in-memory copy is the
 * source of truth for this tab, so drafts still survive conversation switches when storage is unavailable or full.
 */
export type DraftMode = 'reply' | 'note';
export interface Draft {
  reply: string;
  note: string;
  /** The mode the agent was last writing in, so a note-only draft reopens as a note. */
  mode: DraftMode;
  /**
   * The send guard's baseline: the newest customer-visible reply in the thread when the reply text began (null: there
   * was none). A reply sent by someone else after it makes the server ask before this one goes too.
   */
  since?: string | null;
  /** Last edit, ms since the epoch. */
  at: number;
}
type DraftText = Omit<Draft, 'at'>;

const PREFIX = 'koe:draft:v1:';
export const DRAFT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
export const DRAFT_MAX_COUNT = 200;
const SAVE_DELAY_MS = 300;

const keyOf = (agentId: string, conversationId: string) =>
  `${PREFIX}${encodeURIComponent(agentId)}:${encodeURIComponent(conversationId)}`;

function parseKey(key: string): { agentId: string; conversationId: string } | null {
  if (!key.startsWith(PREFIX)) return null;
  const [agent, conversation, ...rest] = key.slice(PREFIX.length).split(':');
  if (!agent || !conversation || rest.length) return null;
  try {
    return { agentId: decodeURIComponent(agent), conversationId: decodeURIComponent(conversation) };
  } catch {
    return null;
  }
}

function parseDraft(raw: string | null): Draft | null {
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Partial<Draft> | null;
    if (!d || typeof d.reply !== 'string' || typeof d.note !== 'string' || typeof d.at !== 'number') return null;
    if (!hasText(d as Draft)) return null;
    const since = typeof d.since === 'string' || d.since === null ? { since: d.since } : {};
    return { reply: d.reply, note: d.note, mode: d.mode === 'note' ? 'note' : 'reply', ...since, at: d.at };
  } catch {
    return null;
  }
}

const hasText = (d: Pick<Draft, 'reply' | 'note'>) => d.reply.trim().length > 0 || d.note.trim().length > 0;

/** localStorage, or null where it is missing or blocked (private modes, sandboxed frames, disabled cookies). */
function storage(): Storage | null {
  try {
    return typeof window !== 'undefined' && window.localStorage ? window.localStorage : null;
  } catch {
    return null;
  }
}

const cache = new Map<string, Map<string, Draft>>();
/** Agents who signed out in this tab: a composer closing on the way out must not write their draft back. */
const signedOut = new Set<string>();
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** Every stored draft (all agents), dropping the unreadable and those older than 7 days, and beyond 200 the oldest. */
function sweepStorage(s: Storage, now: number): { key: string; draft: Draft }[] {
  const kept: { key: string; draft: Draft }[] = [];
  const dropped: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    const draft = parseKey(key) ? parseDraft(s.getItem(key)) : null;
    if (draft && now - draft.at <= DRAFT_MAX_AGE_MS) kept.push({ key, draft });
    else dropped.push(key);
  }
  kept.sort((a, b) => b.draft.at - a.draft.at);
  for (const { key } of kept.splice(DRAFT_MAX_COUNT)) dropped.push(key);
  for (const key of dropped) s.removeItem(key);
  return kept;
}

/** This agent's drafts; read (and swept) from storage once per page load. */
function draftsOf(agentId: string): Map<string, Draft> {
  let drafts = cache.get(agentId);
  if (drafts) return drafts;
  drafts = new Map();
  cache.set(agentId, drafts);
  const s = storage();
  if (!s) return drafts;
  try {
    // Oldest first, as setDraft keeps them, so eviction drops the oldest.
    for (const { key, draft } of sweepStorage(s, Date.now()).reverse()) {
      const owner = parseKey(key);
      if (owner?.agentId === agentId) drafts.set(owner.conversationId, draft);
    }
  } catch {
    // Unreadable storage: drafts live in memory for this page only.
  }
  return drafts;
}

/** Writes one draft; when storage is full, gives up the oldest stored drafts (a few) before giving up on storing. */
function persist(key: string, draft: Draft | null): void {
  const s = storage();
  if (!s) return;
  try {
    if (!draft) return s.removeItem(key);
  } catch {
    return;
  }
  const value = JSON.stringify(draft);
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      s.setItem(key, value);
      return;
    } catch {
      if (!dropOldestStored(s, key)) return;
    }
  }
}

function dropOldestStored(s: Storage, except: string): boolean {
  try {
    let oldest: { key: string; at: number } | null = null;
    for (let i = 0; i < s.length; i++) {
      const key = s.key(i);
      if (!key?.startsWith(PREFIX) || key === except) continue;
      const at = parseDraft(s.getItem(key))?.at ?? 0;
      if (!oldest || at < oldest.at) oldest = { key, at };
    }
    if (!oldest) return false;
    s.removeItem(oldest.key);
    return true;
  } catch {
    return false;
  }
}

export function getDraft(agentId: string, conversationId: string): Draft | null {
  const draft = draftsOf(agentId).get(conversationId);
  if (draft && Date.now() - draft.at > DRAFT_MAX_AGE_MS) return null;
  return draft ?? null;
}

/** Saves (or, when both texts are blank, removes) the draft and tells subscribers. */
export function setDraft(agentId: string, conversationId: string, text: DraftText): void {
  if (signedOut.has(agentId)) return;
  const drafts = draftsOf(agentId);
  const key = keyOf(agentId, conversationId);
  if (!hasText(text)) {
    if (!drafts.has(conversationId)) return;
    drafts.delete(conversationId);
    persist(key, null);
  } else {
    const since = text.reply.trim() && text.since !== undefined ? { since: text.since } : {};
    const draft: Draft = { reply: text.reply, note: text.note, mode: text.mode, ...since, at: Date.now() };
    drafts.delete(conversationId); // re-insert: the Map keeps oldest-first order for eviction
    drafts.set(conversationId, draft);
    persist(key, draft);
    for (const [id] of drafts) {
      if (drafts.size <= DRAFT_MAX_COUNT) break;
      drafts.delete(id);
      persist(keyOf(agentId, id), null);
    }
  }
  emit();
}

/** After a successful send: forget that mode's text if it is still what was sent (not what was typed since). */
export function clearSentDraft(agentId: string, conversationId: string, mode: DraftMode, sent: string): void {
  const draft = getDraft(agentId, conversationId);
  if (!draft || draft[mode].trim() !== sent.trim()) return;
  setDraft(agentId, conversationId, { ...draft, [mode]: '' });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab of the same desk wrote or removed a draft: keep this tab's copy (and list markers) in step.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.storageArea !== storage()) return;
    if (e.key === null) {
      cache.clear();
      emit();
      return;
    }
    const owner = parseKey(e.key);
    const drafts = owner && cache.get(owner.agentId);
    if (!owner || !drafts) return;
    const draft = parseDraft(e.newValue);
    if (draft) drafts.set(owner.conversationId, draft);
    else drafts.delete(owner.conversationId);
    emit();
  });
}

/** Whether the signed-in agent has an unsent draft in this conversation (for the list marker). */
export function useHasDraft(conversationId: string): boolean {
  const agentId = useMe().data?.agent.id;
  return useSyncExternalStore(subscribe, () => (agentId ? getDraft(agentId, conversationId) !== null : false));
}

const sameText = (a: DraftText, b: Draft | null) =>
  b ? a.reply === b.reply && a.note === b.note && a.mode === b.mode && a.since === b.since : !hasText(a);

/**
 * The composer's texts for one conversation: restored when it opens, saved 300 ms after typing stops and whenever the
 * composer goes away (conversation switch, page hide), and cleared per mode by `sent` after a successful send.
 */
export function useComposerDraft(conversationId: string, latestReplyId: string | null = null) {
  const agentId = useMe().data?.agent.id ?? null;
  const [state, setState] = useState<DraftText>(() => {
    const saved = agentId ? getDraft(agentId, conversationId) : null;
    return saved
      ? { reply: saved.reply, note: saved.note, mode: saved.mode, since: saved.since }
      : { reply: '', note: '', mode: 'reply' };
  });
  const latestReply = useRef(latestReplyId);
  latestReply.current = latestReplyId;
  const latest = useRef(state);

  useEffect(() => {
    latest.current = state;
    if (!agentId) return;
    const timer = window.setTimeout(() => {
      if (!sameText(state, getDraft(agentId, conversationId))) setDraft(agentId, conversationId, state);
    }, SAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [agentId, conversationId, state]);

  // Save at once when leaving: unmount (another conversation opened) or the page being hidden/reloaded.
  useEffect(() => {
    if (!agentId) return;
    const flush = () => {
      if (!sameText(latest.current, getDraft(agentId, conversationId)))
        setDraft(agentId, conversationId, latest.current);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      flush();
    };
  }, [agentId, conversationId]);

  const mode = state.mode;
  const setText = useCallback(
    (text: string) =>
      setState((s) => {
        if (s.mode !== 'reply') return { ...s, note: text };
        // A reply begins now: what the thread held at this moment is what the agent is answering.
        const since = !text.trim() ? undefined : !s.reply.trim() ? latestReply.current : s.since;
        return { ...s, reply: text, since };
      }),
    [],
  );
  /** The agent has read the reply that arrived meanwhile: the draft now answers the thread as it stands. */
  const rebase = useCallback(() => setState((s) => ({ ...s, since: latestReply.current })), []);
  const setMode = useCallback((next: DraftMode) => setState((s) => (s.mode === next ? s : { ...s, mode: next })), []);
  /** Call when a send in `mode` succeeded; works even if the composer has gone away meanwhile. */
  const sent = useCallback(
    (sentMode: DraftMode, text: string) => {
      setState((s) =>
        s[sentMode].trim() !== text.trim()
          ? s
          : { ...s, [sentMode]: '', ...(sentMode === 'reply' ? { since: undefined } : {}) },
      );
      if (agentId) clearSentDraft(agentId, conversationId, sentMode, text);
    },
    [agentId, conversationId],
  );

  // A draft from before the guard existed answers the thread as it is now.
  const since = state.since !== undefined ? state.since : latestReplyId;
  return { text: state[mode], mode, setText, setMode, sent, since, rebase };
}

/**
 * Signing out on purpose forgets the agent's drafts, so a shared computer does not keep customers' details; an
 * expired session keeps them (the agent signs in again and carries on).
 */
export function clearDraftsOf(agentId: string): void {
  signedOut.add(agentId);
  cache.delete(agentId);
  const s = storage();
  if (s) {
    try {
      const mine: string[] = [];
      for (let i = 0; i < s.length; i++) {
        const key = s.key(i);
        if (key && parseKey(key)?.agentId === agentId) mine.push(key);
      }
      for (const key of mine) s.removeItem(key);
    } catch {
      // Storage unavailable: nothing stored to forget.
    }
  }
  emit();
}

/** After signing in: this tab may keep the agent's drafts again. */
export function resumeDraftsOf(agentId: string): void {
  signedOut.delete(agentId);
}
