import type { Db } from '../store/repositories';
import { channels, messages } from '../store/repositories';
import { amplifyOptions, latestPublicCustomerMessage, type AmplifyAction } from './amplify';

const DAY = 86_400_000;

/** What the composer needs to know before an agent writes: where the reply goes and the channel's limits. */
export interface ReplyContext {
  channelKind: string;
  /** Where the customer last wrote. */
  lastInboundVisibility: 'public' | 'private' | null;
  replyMode: 'auto' | 'dm';
  /** Where the next reply goes: 'public' (visible thread) or 'private' (DM / private channel). */
  replyGoes: 'public' | 'private';
  canContinuePrivately: boolean;
  /** Characters allowed; `weighted` = X's weighted count (CJK 2, links 23). */
  limit: { max: number; weighted: boolean; unit: 'characters' | 'bytes' };
  /** Meta's 24-hour window for DMs, from the customer's last DM. */
  messagingWindow: { open: boolean; remainingMs: number } | null;
  /** Like/repost still possible on the latest public customer message (not yet done); empty when none. */
  amplify: AmplifyAction[];
  /** The customer message those actions apply to (POST /api/messages/{id}/amplify), or null. */
  amplifyMessageId: string | null;
}

const PUBLIC_PLATFORMS = new Set(['x', 'facebook', 'instagram']);

export async function replyContext(db: Db, conversation: { id: string; channel_id: string; reply_mode: string }): Promise<ReplyContext> {
  const channel = await channels.byId(db, conversation.channel_id);
  const kind = channel?.kind ?? 'webchat';
  const last = await messages.lastInbound(db, conversation.id);
  const visibility = last ? (last.meta.visibility === 'public' ? 'public' : 'private') : null;
  const replyMode = conversation.reply_mode === 'dm' ? 'dm' : 'auto';
  const replyGoes = replyMode === 'dm' || visibility !== 'public' ? 'private' : 'public';
  const limit: ReplyContext['limit'] =
    kind === 'x' ? (replyGoes === 'public' ? { max: 280, weighted: true, unit: 'characters' } : { max: 10_000, weighted: false, unit: 'characters' })
    : kind === 'facebook' ? (replyGoes === 'private' ? { max: 2000, weighted: false, unit: 'characters' } : { max: 8000, weighted: false, unit: 'characters' })
    : kind === 'instagram' ? (replyGoes === 'private' ? { max: 1000, weighted: false, unit: 'bytes' } : { max: 2200, weighted: false, unit: 'characters' })
    : { max: 5000, weighted: false, unit: 'characters' };
  let messagingWindow: ReplyContext['messagingWindow'] = null;
  if ((kind === 'facebook' || kind === 'instagram') && replyGoes === 'private' && last && visibility === 'private') {
    const remainingMs = Date.parse(last.createdAt) + DAY - Date.now();
    messagingWindow = { open: remainingMs > 0, remainingMs: Math.max(0, remainingMs) };
  }
  return {
    channelKind: kind, lastInboundVisibility: visibility, replyMode, replyGoes,
    canContinuePrivately: PUBLIC_PLATFORMS.has(kind) && replyMode !== 'dm' && visibility === 'public',
    limit, messagingWindow,
    ...(await amplifyFor(db, kind, conversation.id)),
  };
}

async function amplifyFor(db: Db, kind: string, conversationId: string): Promise<{ amplify: AmplifyAction[]; amplifyMessageId: string | null }> {
  const target = PUBLIC_PLATFORMS.has(kind) ? await latestPublicCustomerMessage(db, conversationId) : undefined;
  const amplify = target ? amplifyOptions(kind, target.meta) : [];
  return { amplify, amplifyMessageId: target && amplify.length ? target.id : null };
}
