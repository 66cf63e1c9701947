import type { ChannelContext } from '../plugin';
import {
  DeliveryError,
  type AmplifyAction,
  type AmplifyRequest,
  type ChannelAdapter,
  type OutboundMessage,
} from '../types';
import { readMetaCredentials, type MetaCredentials } from './credentials';
import { GraphClient } from './graph';
import { messagingWindow, PRIVATE_REPLY_WINDOW_MS } from './window';

export type MetaKind = 'facebook' | 'instagram';

const MESSENGER_MAX_CHARS = 2000; // text must be shorter than this
const INSTAGRAM_MAX_BYTES = 1000;

/** Refuses text the platform would reject, with a reason the agent can act on (ja / en). */
export function checkDirectMessageLength(kind: MetaKind, text: string): void {
  if (kind === 'instagram') {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > INSTAGRAM_MAX_BYTES) {
      throw new DeliveryError(
        `InstagramのDMは1,000バイトまでです（現在${bytes}バイト）。短くしてください。 / Instagram DMs are limited to 1,000 bytes (this one is ${bytes}).`,
        true,
      );
    }
  } else {
    const chars = [...text].length;
    if (chars >= MESSENGER_MAX_CHARS) {
      throw new DeliveryError(
        `Messengerのメッセージは2,000文字未満にしてください（現在${chars}文字）。 / Messenger messages must be under 2,000 characters (this one has ${chars}).`,
        true,
      );
    }
  }
}

const windowClosedReason = (kind: MetaKind) => {
  const app = kind === 'instagram' ? 'Instagram' : 'Messenger';
  return (
    `${app}の24時間メッセージ期間が終了しています。お客様から新しいメッセージが届くと再び返信できます。 / ` +
    `The ${app} 24-hour messaging window has closed; you can reply again once the customer writes.`
  );
};

// Quick replies (Messenger and Instagram Send API): up to 13 buttons on a text message, each `content_type: text`
// with a title of at most 20 characters and a payload of at most 1,000 that comes back in the tap's webhook.
const QUICK_REPLY_MAX = 13;
const QUICK_REPLY_TITLE_MAX = 20;
const QUICK_REPLY_PAYLOAD_MAX = 1000;

/** The message's `quick_replies` for the choices Koe offers; a choice whose data the platform would cut is left out. */
export function quickRepliesOf(choices: { label: string; data: string }[] | undefined) {
  const items = (choices ?? [])
    .filter((c) => c.label.trim() && c.data && c.data.length <= QUICK_REPLY_PAYLOAD_MAX)
    .slice(0, QUICK_REPLY_MAX)
    .map((c) => ({
      content_type: 'text' as const,
      title: [...c.label].slice(0, QUICK_REPLY_TITLE_MAX).join(''),
      payload: c.data,
    }));
  return items.length ? items : undefined;
}

/**
 * A DM through the Send API, allowed only while the customer's last DM is under 24 hours old; with `choices`, as
 * quick replies the customer can tap (a survey's scores).
 */
export async function sendDirectMessage(
  graph: GraphClient,
  creds: MetaCredentials,
  kind: MetaKind,
  p: {
    recipientId: string;
    text: string;
    lastCustomerDmAt: string | null | undefined;
    choices?: { label: string; data: string }[];
  },
  now = new Date(),
) {
  if (!messagingWindow(p.lastCustomerDmAt, now).open) throw new DeliveryError(windowClosedReason(kind), true);
  checkDirectMessageLength(kind, p.text);
  const quickReplies = quickRepliesOf(p.choices);
  const res = await graph.post<{ message_id?: string }>(`${creds.pageId}/messages`, {
    recipient: { id: p.recipientId },
    messaging_type: 'RESPONSE',
    message: { text: p.text, ...(quickReplies ? { quick_replies: quickReplies } : {}) },
  });
  return { externalId: res?.message_id };
}

/** A public answer under the customer's comment. Instagram replies attach to the top-level comment only. */
export async function replyToComment(
  graph: GraphClient,
  kind: MetaKind,
  p: { commentId: string; parentId?: string | null; text: string },
) {
  if (kind === 'instagram') {
    const target = p.parentId || p.commentId;
    const res = await graph.post<{ id?: string }>(`${target}/replies`, { message: p.text });
    return { externalId: res?.id };
  }
  const res = await graph.post<{ id?: string }>(`${p.commentId}/comments`, { message: p.text });
  return { externalId: res?.id };
}

/**
 * "Continue privately": one DM to the author of a comment, within 7 days of it. Meta allows exactly one
 * and it does not open the 24-hour window; the customer's answer does.
 */
export async function sendPrivateReply(
  creds: MetaCredentials,
  kind: MetaKind,
  p: { commentId: string; text: string; commentCreatedAt?: string | null },
  opts: { now?: Date; fetchImpl?: typeof fetch } = {},
) {
  const now = opts.now ?? new Date();
  if (p.commentCreatedAt && !messagingWindow(p.commentCreatedAt, now, PRIVATE_REPLY_WINDOW_MS).open) {
    throw new DeliveryError(
      'コメントから7日以上経過しているため、非公開で返信できません。 / Private replies are only possible within 7 days of the comment.',
      true,
    );
  }
  checkDirectMessageLength(kind, p.text);
  const graph = new GraphClient(creds, opts.fetchImpl);
  const res = await graph.post<{ recipient_id?: string; message_id?: string }>(`${creds.pageId}/messages`, {
    recipient: { comment_id: p.commentId },
    message: { text: p.text },
  });
  return { externalId: res?.message_id, recipientId: res?.recipient_id };
}

/**
 * Likes a customer's Facebook Page comment as the page (`POST /{comment-id}/likes`). Facebook has no API to share
 * a comment, and Instagram none to like one, so both are refused with the reason.
 */
export async function likeComment(
  graph: GraphClient,
  kind: MetaKind,
  action: AmplifyAction,
  meta: Record<string, unknown>,
) {
  if (kind === 'instagram')
    throw new DeliveryError(
      `Instagram does not allow ${action === 'like' ? 'liking' : 'reposting'} comments through the API`,
      true,
    );
  if (action !== 'like')
    throw new DeliveryError('Facebook does not allow reposting (sharing) a comment through the API', true);
  if (meta.visibility !== 'public' || typeof meta.commentId !== 'string')
    throw new DeliveryError('Only public posts can be amplified; this is a direct message', true);
  const res = await graph.post<{ success?: boolean }>(`${meta.commentId}/likes`, undefined);
  if (res && res.success === false) throw new DeliveryError('Meta: the comment could not be liked', true);
  return {};
}

/** Sends an agent's reply where the customer last wrote: under their comment, or in their DMs. */
export function metaAdapter(kind: MetaKind, ctx: ChannelContext, fetchImpl?: typeof fetch): ChannelAdapter {
  return {
    kind,
    async send(out: OutboundMessage) {
      const creds = readMetaCredentials(await ctx.credentials(out.channel.id));
      const graph = new GraphClient(creds, fetchImpl);
      const meta = out.inReplyTo?.meta ?? {};
      if (out.via === 'dm' && meta.visibility === 'public' && typeof meta.commentId === 'string') {
        // Moved to DMs from a comment: Meta's private reply (one message) reaches the commenter's inbox. No messaging
        // window is open (only the customer's own DM opens one), so no quick replies: the text carries what to do.
        return sendPrivateReply(
          creds,
          kind,
          { commentId: meta.commentId, text: out.message.text, commentCreatedAt: out.inReplyTo?.createdAt },
          { fetchImpl },
        );
      }
      if (meta.visibility === 'public' && typeof meta.commentId === 'string') {
        return replyToComment(graph, kind, {
          commentId: meta.commentId,
          parentId: meta.parentId as string | null,
          text: out.message.text,
        });
      }
      const recipientId = String(meta.psid ?? meta.igsid ?? out.recipient.externalId);
      return sendDirectMessage(graph, creds, kind, {
        recipientId,
        text: out.message.text,
        lastCustomerDmAt: out.inReplyTo?.createdAt,
        choices: out.choices,
      });
    },
    // Instagram has no like API for comments: its adapter offers no amplify at all.
    ...(kind === 'facebook'
      ? {
          async amplify(req: AmplifyRequest) {
            const creds = readMetaCredentials(await ctx.credentials(req.channel.id));
            return likeComment(new GraphClient(creds, fetchImpl), kind, req.action, req.target.meta);
          },
        }
      : {}),
  };
}
