import type { ChannelContext } from '../plugin';
import { DeliveryError, type ChannelAdapter, type OutboundMessage } from '../types';
import { xAmplify } from './amplify';
import { rateLimitWaitMs, XApiError, xRequest } from './api';
import type { XCredentials } from './credentials';
import { X_DM_LIMIT, X_POST_LIMIT, xWeightedLength } from './weighted-length';

function deliveryErrorFrom(err: unknown): unknown {
  if (!(err instanceof XApiError)) return err; // network trouble or timeout: retried with backoff
  if (err.status === 429)
    return new DeliveryError(`${err.message} (rate limited)`, false, rateLimitWaitMs(err.headers));
  if (err.status >= 500) return new DeliveryError(err.message, false);
  return new DeliveryError(err.message, true);
}

type Route = { kind: 'dm'; participantId: string } | { kind: 'post'; inReplyToTweetId: string };

/** Answer where the customer last wrote: a DM gets a DM, a public post gets a public reply in its thread. */
function routeOf(out: OutboundMessage): Route {
  const meta = out.inReplyTo?.meta;
  if (!meta)
    throw new DeliveryError(
      'The customer has not written on X in this conversation, so there is nothing to reply to',
      true,
    );
  // "Continue privately": the agent moved the public thread to DMs with the same person.
  if (out.via === 'dm') {
    return {
      kind: 'dm',
      participantId: typeof meta.dmConversationWith === 'string' ? meta.dmConversationWith : out.recipient.externalId,
    };
  }
  if (meta.visibility === 'private') {
    return {
      kind: 'dm',
      participantId: typeof meta.dmConversationWith === 'string' ? meta.dmConversationWith : out.recipient.externalId,
    };
  }
  if (typeof meta.tweetId !== 'string')
    throw new DeliveryError('The customer message has no X post id to reply to', true);
  return { kind: 'post', inReplyToTweetId: meta.tweetId };
}

export function xAdapter(ctx: ChannelContext): ChannelAdapter {
  return {
    kind: 'x',
    async send(out) {
      const text = out.message.text;
      const route = routeOf(out);
      // Checked before calling X: an over-long post is refused there anyway and would cost a rate-limited call.
      if (route.kind === 'post') {
        const weighted = xWeightedLength(text);
        if (weighted > X_POST_LIMIT)
          throw new DeliveryError(
            `Too long for an X post: ${weighted} of ${X_POST_LIMIT} weighted characters (Japanese characters count 2, links 23). Shorten the reply or continue in a DM.`,
            true,
          );
      } else if (text.length > X_DM_LIMIT) {
        throw new DeliveryError(
          `X direct messages are limited to ${X_DM_LIMIT} characters (this reply has ${text.length})`,
          true,
        );
      }
      const creds = await ctx.credentials<XCredentials>(out.channel.id);
      if (!creds.accessToken)
        throw new DeliveryError(
          'This X channel has no user access token (accessToken), so Koe can listen but not reply',
          true,
        );
      try {
        if (route.kind === 'dm') {
          const { data } = await xRequest<{ data?: { dm_event_id?: string } }>(
            creds,
            creds.accessToken,
            'POST',
            `/2/dm_conversations/with/${encodeURIComponent(route.participantId)}/messages`,
            { text },
          );
          return { externalId: data.data?.dm_event_id };
        }
        const { data } = await xRequest<{ data?: { id?: string } }>(creds, creds.accessToken, 'POST', '/2/tweets', {
          text,
          reply: { in_reply_to_tweet_id: route.inReplyToTweetId },
        });
        return { externalId: data.data?.id };
      } catch (err) {
        throw deliveryErrorFrom(err);
      }
    },
    async amplify(req) {
      return xAmplify(await ctx.credentials<XCredentials>(req.channel.id), req);
    },
  };
}
