import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDesk, type OpenDesk, type TestDialect } from '../harness';

export const SECRETS = {
  line: 'line-secret-for-probes',
  meta: 'meta-app-secret-for-probes',
  x: 'x-consumer-secret-for-probes',
} as const;
export const IDS = { page: '448242228374517', ig: '17841400000000001', xBrand: '2244994945' } as const;

/** Every platform API Koe may call while acknowledging or processing (LINE profiles, Graph, X): answers 200 with little. */
async function quietPlatformApi() {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ displayName: 'プローブ', data: {} }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type Platform = 'line' | 'facebook' | 'instagram' | 'x';

/** A desk with one channel per signed-webhook platform and a way to send correctly signed deliveries to each. */
export interface PlatformDesk extends OpenDesk {
  channels: Record<Platform, { id: string; webhookUrl: string }>;
  /** POST the exact bytes with the platform's signature over them. */
  deliver(platform: Platform, raw: string | Buffer): Promise<Response>;
}

export async function openPlatformDesk(dialect: TestDialect): Promise<PlatformDesk> {
  const desk = await openDesk(dialect);
  const api = await quietPlatformApi();
  const create = async (body: object) => {
    const r = await desk.admin.post('/api/channels', body);
    if (r.status !== 201) throw new Error(`channel not created: ${JSON.stringify(r.body)}`);
    return r.body as { id: string; webhookUrl: string };
  };
  const meta = {
    appSecret: SECRETS.meta,
    verifyToken: 'verify',
    pageAccessToken: 'page-token',
    pageId: IDS.page,
    igAccountId: IDS.ig,
    graphBaseUrl: api.url,
  };
  const channels: PlatformDesk['channels'] = {
    line: await create({
      kind: 'line',
      name: 'LINE',
      credentials: { channelSecret: SECRETS.line, channelAccessToken: 't', apiBaseUrl: api.url },
    }),
    facebook: await create({ kind: 'facebook', name: 'Facebook', credentials: meta }),
    instagram: await create({ kind: 'instagram', name: 'Instagram', credentials: meta }),
    x: await create({
      kind: 'x',
      name: 'X',
      credentials: {
        consumerSecret: SECRETS.x,
        accessToken: 'a',
        apiBaseUrl: api.url,
        handle: '@KoeMart',
        userId: IDS.xBrand,
        pollIntervalSeconds: 0,
      },
    }),
  };
  const sign = (platform: Platform, raw: Buffer): Record<string, string> => {
    if (platform === 'line')
      return { 'x-line-signature': createHmac('sha256', SECRETS.line).update(raw).digest('base64') };
    if (platform === 'x')
      return {
        'x-twitter-webhooks-signature': `sha256=${createHmac('sha256', SECRETS.x).update(raw).digest('base64')}`,
      };
    return { 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRETS.meta).update(raw).digest('hex')}` };
  };
  return {
    ...desk,
    channels,
    deliver: (platform, raw) => {
      const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8');
      return fetch(channels[platform].webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...sign(platform, bytes) },
        body: bytes,
      });
    },
    close: async () => {
      await desk.close();
      await api.close();
    },
  };
}

/** A well-formed delivery of one customer message per platform (the shapes the platforms document). */
export function samplePayload(platform: Platform, n: number, text = `サンプル ${n}`): object {
  const now = Date.now();
  if (platform === 'line') {
    return {
      destination: 'U0',
      events: [
        {
          type: 'message',
          webhookEventId: `01PROBE${n}`,
          timestamp: now,
          replyToken: `rt-${n}`,
          mode: 'active',
          deliveryContext: { isRedelivery: false },
          source: { type: 'user', userId: `Uprobe${n % 50}` },
          message: { type: 'text', id: `${9000000 + n}`, text, quoteToken: 'q' },
        },
      ],
    };
  }
  if (platform === 'facebook') {
    return {
      object: 'page',
      entry: [
        {
          id: IDS.page,
          time: now,
          messaging: [
            {
              sender: { id: `psid-${n % 50}` },
              recipient: { id: IDS.page },
              timestamp: now,
              message: {
                mid: `m_probe_${n}`,
                text,
                attachments: [{ type: 'image', payload: { url: 'https://example.com/a.png' } }],
              },
            },
          ],
        },
      ],
    };
  }
  if (platform === 'instagram') {
    return {
      object: 'instagram',
      entry: [
        {
          id: IDS.ig,
          time: Math.floor(now / 1000),
          changes: [
            {
              field: 'comments',
              value: {
                id: `1786${n}`,
                text,
                from: { id: `igsid-${n % 50}`, username: `user_${n % 50}` },
                media: { id: '17887498072083520' },
              },
            },
          ],
        },
      ],
    };
  }
  return {
    for_user_id: IDS.xBrand,
    tweet_create_events: [
      {
        id_str: `18523456789${n}`,
        text: `@KoeMart ${text}`,
        timestamp_ms: String(now),
        user: { id_str: `66${n % 50}`, name: `ユーザー${n % 50}`, screen_name: `user${n % 50}` },
        in_reply_to_status_id_str: null,
      },
    ],
    direct_message_events: [
      {
        type: 'message_create',
        id: `17${n}`,
        created_timestamp: String(now),
        message_create: { sender_id: `66${n % 50}`, target: { recipient_id: IDS.xBrand }, message_data: { text } },
      },
    ],
    users: { [`66${n % 50}`]: { id_str: `66${n % 50}`, name: `ユーザー${n % 50}`, screen_name: `user${n % 50}` } },
  };
}
