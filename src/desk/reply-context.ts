import { xWeightedLength } from '../channels/x/weighted-length';
import { customers, type Db } from '../store/repositories';
import { channels, messages } from '../store/repositories';
import { parseJson } from '../store/repositories/types';
import { detectLang } from '../triage/normalise';
import { URGENT_CATEGORIES, type Category } from '../triage/types';
import { threadFacts } from '../domain/thread-facts';
import { acknowledgementDraft } from './ack-draft';
import { publicFollowUpOffer } from './public-follow-up';
import type { ReplyContext } from '../contracts/conversations';
import { amplifyOptions, latestPublicCustomerMessage, type AmplifyAction } from './amplify';

const DAY = 86_400_000;

export type { ReplyContext } from '../contracts/conversations';

/** The conversation fields the reply context reads (a conversations row has them all). */
export interface ReplyContextConversation {
  id: string;
  channel_id: string;
  reply_mode: string;
  customer_id: string;
  level: number;
  categories: string;
  first_response_at: string | null;
  flag: string | null;
  status: string;
  resolved_at: string | null;
}

const PUBLIC_PLATFORMS = new Set(['x', 'facebook', 'instagram']);

export async function replyContext(db: Db, conversation: ReplyContextConversation): Promise<ReplyContext> {
  const channel = await channels.byId(db, conversation.channel_id);
  const kind = channel?.kind ?? 'webchat';
  const last = await messages.lastInbound(db, conversation.id);
  const visibility = last ? (last.meta.visibility === 'public' ? 'public' : 'private') : null;
  const replyMode = conversation.reply_mode === 'dm' ? 'dm' : 'auto';
  const replyGoes = replyMode === 'dm' || visibility !== 'public' ? 'private' : 'public';
  const limit: ReplyContext['limit'] =
    kind === 'x'
      ? replyGoes === 'public'
        ? { max: 280, weighted: true, unit: 'characters' }
        : { max: 10_000, weighted: false, unit: 'characters' }
      : kind === 'facebook'
        ? replyGoes === 'private'
          ? { max: 2000, weighted: false, unit: 'characters' }
          : { max: 8000, weighted: false, unit: 'characters' }
        : kind === 'instagram'
          ? replyGoes === 'private'
            ? { max: 1000, weighted: false, unit: 'bytes' }
            : { max: 2200, weighted: false, unit: 'characters' }
          : { max: 5000, weighted: false, unit: 'characters' };
  let messagingWindow: ReplyContext['messagingWindow'] = null;
  if ((kind === 'facebook' || kind === 'instagram') && replyGoes === 'private' && last && visibility === 'private') {
    const remainingMs = Date.parse(last.createdAt) + DAY - Date.now();
    messagingWindow = { open: remainingMs > 0, remainingMs: Math.max(0, remainingMs) };
  }
  const canContinuePrivately = PUBLIC_PLATFORMS.has(kind) && replyMode !== 'dm' && visibility === 'public';
  return {
    channelKind: kind,
    lastInboundVisibility: visibility,
    replyMode,
    replyGoes,
    canContinuePrivately,
    limit,
    messagingWindow,
    ...(await amplifyFor(db, kind, conversation.id)),
    publicFollowUp: await publicFollowUpOffer(db, conversation, kind),
    acknowledgementDraft: await ackDraftFor(db, conversation, last?.text, {
      channelIsPublic: replyGoes === 'public',
      canMoveToDm: canContinuePrivately,
      limit,
    }),
  };
}

/** Urgent and unanswered: L3, or a category that puts money, service, safety or reputation at stake. */
export function needsAcknowledgement(
  c: Pick<ReplyContextConversation, 'level' | 'categories' | 'first_response_at' | 'flag'>,
): boolean {
  if (c.first_response_at || c.flag === 'spam' || c.flag === 'troll') return false;
  return c.level >= 3 || parseJson<string[]>(c.categories, []).some((x) => URGENT_CATEGORIES.has(x as Category));
}

async function ackDraftFor(
  db: Db,
  c: ReplyContextConversation,
  lastText: string | undefined,
  where: { channelIsPublic: boolean; canMoveToDm: boolean; limit: ReplyContext['limit'] },
): Promise<string | null> {
  if (!needsAcknowledgement(c)) return null;
  const name = await customers.addressableName(db, c.customer_id);
  const facts = threadFacts((await messages.customerTextsOf(db, [c.id])).map((m) => m.text));
  const input = {
    lang: lastText !== undefined ? detectLang(lastText) : ('ja' as const),
    customerName: name,
    categories: parseJson<string[]>(c.categories, []),
    channelIsPublic: where.channelIsPublic,
    canMoveToDm: where.canMoveToDm,
    known: { orderNumber: facts.orderNumbers[0] ?? null, date: facts.dates[0] ?? null },
  };
  const text = acknowledgementDraft(input);
  // A very long display name must not push the draft over X's limit: greet without it then.
  const fits = (t: string) => !where.limit.weighted || xWeightedLength(t) <= where.limit.max;
  return fits(text) || !name ? text : acknowledgementDraft({ ...input, customerName: null });
}

async function amplifyFor(
  db: Db,
  kind: string,
  conversationId: string,
): Promise<{ amplify: AmplifyAction[]; amplifyMessageId: string | null }> {
  const target = PUBLIC_PLATFORMS.has(kind) ? await latestPublicCustomerMessage(db, conversationId) : undefined;
  const amplify = target ? amplifyOptions(kind, target.meta) : [];
  return { amplify, amplifyMessageId: target && amplify.length ? target.id : null };
}
