import { createHmac, randomBytes } from 'node:crypto';
import type { SandboxPlatform } from './accounts';
import type { SandboxCustomer } from './customers';
import type { TranscriptEntry } from './transcript';
import type { SandboxWorld } from './world';

/** Where Koe receives one platform's webhooks. */
export interface WebhookTarget {
  channelId: string;
  url: string;
}

export interface SignedWebhook {
  body: string;
  headers: Record<string, string>;
}

const ulid = () => `01${randomBytes(12).toString('hex').toUpperCase().slice(0, 24)}`;

/** LINE: base64 HMAC-SHA256 of the exact body with the channel secret. */
export function lineWebhook(world: SandboxWorld, customer: SandboxCustomer, entry: TranscriptEntry): SignedWebhook {
  const replyToken = randomBytes(16).toString('hex');
  world.lineReplyTokens.set(replyToken, { userId: customer.id, entryId: entry.id, issuedAt: Date.now(), used: false });
  const body = JSON.stringify({
    destination: world.accounts.line.botUserId,
    events: [
      {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        webhookEventId: ulid(),
        deliveryContext: { isRedelivery: false },
        replyToken,
        source: { type: 'user', userId: customer.id },
        message: {
          id: entry.externalId,
          type: 'text',
          text: entry.text,
          quoteToken: randomBytes(12).toString('base64url'),
        },
      },
    ],
  });
  return {
    body,
    headers: {
      'x-line-signature': createHmac('sha256', world.accounts.line.channelSecret).update(body).digest('base64'),
    },
  };
}

/** LINE: the customer tapped a quick-reply button with postback data. */
export function linePostback(world: SandboxWorld, customerId: string, data: string): SignedWebhook {
  const body = JSON.stringify({
    destination: world.accounts.line.botUserId,
    events: [
      {
        type: 'postback',
        mode: 'active',
        timestamp: Date.now(),
        webhookEventId: ulid(),
        deliveryContext: { isRedelivery: false },
        replyToken: randomBytes(16).toString('hex'),
        source: { type: 'user', userId: customerId },
        postback: { data },
      },
    ],
  });
  return {
    body,
    headers: {
      'x-line-signature': createHmac('sha256', world.accounts.line.channelSecret).update(body).digest('base64'),
    },
  };
}

/** Meta escapes non-ASCII in the JSON it signs; doing the same keeps the sandbox honest about raw-byte checks. */
const metaJson = (value: unknown) =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * Facebook and Instagram: a comment (`changes`) or a DM (`messaging`), signed with X-Hub-Signature-256. A tapped quick
 * reply is a DM whose text is the button's title, with the button's payload in `message.quick_reply`.
 */
export function metaWebhook(
  world: SandboxWorld,
  platform: 'facebook' | 'instagram',
  customer: SandboxCustomer,
  entry: TranscriptEntry,
  quickReplyPayload?: string,
): SignedWebhook {
  const { pageId, igAccountId, appSecret } = world.accounts.meta;
  const ownId = platform === 'facebook' ? pageId : igAccountId;
  const now = Date.now();
  let item: Record<string, unknown>;
  if (entry.visibility === 'public') {
    world.metaComments.set(entry.externalId, {
      platform,
      customerId: customer.id,
      entryId: entry.id,
      at: now,
      privatelyAnswered: false,
    });
    const value =
      platform === 'facebook'
        ? {
            from: { id: customer.id, name: customer.name },
            item: 'comment',
            verb: 'add',
            message: entry.text,
            post_id: `${pageId}_${entry.externalId.split('_')[0]}`,
            comment_id: entry.externalId,
            parent_id: `${pageId}_${entry.externalId.split('_')[0]}`,
            created_time: Math.floor(now / 1000),
            post: {
              id: `${pageId}_${entry.externalId.split('_')[0]}`,
              status_type: 'mobile_status_update',
              is_published: true,
            },
          }
        : {
            id: entry.externalId,
            text: entry.text,
            from: { id: customer.id, username: customer.handle },
            media: { id: '17887498072083520', media_product_type: 'FEED' },
          };
    item = { changes: [{ field: platform === 'facebook' ? 'feed' : 'comments', value }] };
  } else {
    item = {
      messaging: [
        {
          sender: { id: customer.id },
          recipient: { id: ownId },
          timestamp: now,
          message: {
            ...(quickReplyPayload !== undefined ? { quick_reply: { payload: quickReplyPayload } } : {}),
            mid: entry.externalId,
            text: entry.text,
          },
        },
      ],
    };
  }
  const body = metaJson({
    object: platform === 'facebook' ? 'page' : 'instagram',
    entry: [{ id: ownId, time: now, ...item }],
  });
  return {
    body,
    headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}` },
  };
}

/** X Account Activity: a mention (v1.1 Tweet) or a DM event, signed with the consumer secret. */
export function xWebhook(world: SandboxWorld, customer: SandboxCustomer, entry: TranscriptEntry): SignedWebhook {
  const { userId, handle, consumerSecret } = world.accounts.x;
  const now = Date.now();
  const user = { id_str: customer.id, name: customer.name, screen_name: customer.handle };
  const payload =
    entry.visibility === 'public'
      ? {
          for_user_id: userId,
          tweet_create_events: [
            {
              created_at: new Date(now).toUTCString(),
              id_str: entry.externalId,
              text: entry.text,
              timestamp_ms: String(now),
              truncated: false,
              in_reply_to_status_id_str: null,
              in_reply_to_user_id_str: userId,
              in_reply_to_screen_name: handle,
              user,
              is_quote_status: false,
            },
          ],
        }
      : {
          for_user_id: userId,
          direct_message_events: [
            {
              type: 'message_create',
              id: entry.externalId,
              created_timestamp: String(now),
              message_create: {
                target: { recipient_id: userId },
                sender_id: customer.id,
                message_data: {
                  text: entry.text,
                  entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] },
                },
              },
            },
          ],
          users: { [customer.id]: user },
        };
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      'x-twitter-webhooks-signature': `sha256=${createHmac('sha256', consumerSecret).update(body).digest('base64')}`,
    },
  };
}

/** The platform id of a new customer post, in that platform's format. */
export function newPostId(world: SandboxWorld, platform: SandboxPlatform, visibility: 'public' | 'private'): string {
  switch (platform) {
    case 'line':
      return world.snowflake().slice(-14);
    case 'facebook':
      return visibility === 'public'
        ? `${world.snowflake()}_${world.snowflake().slice(-16)}`
        : `m_${randomBytes(20).toString('base64url')}`;
    case 'instagram':
      return visibility === 'public'
        ? world.snowflake().slice(0, 17) + String(world.nextSeq()).padStart(2, '0')
        : `aWdfZAG1f${randomBytes(24).toString('base64url')}`;
    case 'x':
      return world.snowflake();
    case 'email':
      return `<${randomBytes(10).toString('hex')}@mail.example.jp>`;
  }
}

/** Posts a signed webhook; like the platforms, retries a few times when Koe does not acknowledge. */
export async function postWebhook(target: WebhookTarget, hook: SignedWebhook, attempts = 3): Promise<void> {
  let last = '';
  for (let i = 0; i < attempts; i++) {
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...hook.headers },
        body: hook.body,
        signal: AbortSignal.timeout(10_000),
      });
      if (res.ok) {
        await res.arrayBuffer();
        return;
      }
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`;
      if (res.status < 500 && res.status !== 429) break; // Koe refused it for good (bad signature, unknown channel)
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 500 * (i + 1)));
  }
  throw new Error(`Koe did not accept the webhook at ${target.url}: ${last}`);
}
