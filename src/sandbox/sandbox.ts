import Fastify, { type FastifyInstance } from 'fastify';
import { generateBrandAccounts, PLATFORM_LABEL, SANDBOX_PLATFORMS, type SandboxPlatform } from './accounts';
import { connectSandboxChannels, type ChannelDirectory, type ConnectedChannels } from './connect';
import type { SandboxCustomer } from './customers';
import { sendCustomerMail, startMailRelay } from './mail';
import { SANDBOX_PAGE } from './page';
import { lineApiRoutes } from './platforms/line';
import { metaGraphRoutes } from './platforms/meta';
import { instagramHashtagRoutes } from './platforms/instagram-hashtags';
import { xApiRoutes } from './platforms/x';
import { TALK_TO_PERSON } from '../desk/answer-bot';
import { createRng } from '../simulation/random';
import {
  composePost,
  DEFAULT_MIX,
  faqQuestion,
  TrafficGenerator,
  untaggedText,
  type ComposedPost,
  type TrafficMix,
} from './traffic';
import type { TranscriptEntry } from './transcript';
import { linePostback, lineWebhook, metaWebhook, newPostId, postWebhook, xWebhook } from './webhooks';
import { SandboxWorld } from './world';

/** Of the public X and Instagram posts the traffic draws, the share that names the brand without tagging it. */
const UNTAGGED_SHARE = 0.4;
/** The hashtag a customer adds when they name the brand without tagging it. */
const BRAND_TAG = { ja: '#Koeマート', en: '#KoeMart' } as const;
/** Of the private LINE messages the traffic draws, the share that is a plain FAQ question (the answer bot's work). */
const FAQ_SHARE = 0.13;
/** Of the FAQ customers the bot answers, the share who tap 「担当者と話す」 anyway (the hand-over). */
const FAQ_FOLLOW_UP_SHARE = 0.3;

export interface SandboxOptions {
  /** Port of the fake platform APIs and the page; 0 picks a free one. */
  port?: number;
  /** Port of the mail relay Koe sends email replies to; 0 picks a free one. */
  mailPort?: number;
  /** Generated customer posts per minute once traffic starts; 0 = only what `sendOne` sends. */
  ratePerMinute?: number;
  /** Share of Koe's write calls answered with 429 (the platforms' rate limits). */
  rateLimitShare?: number;
  mix?: TrafficMix;
  seed?: number;
  onError?: (err: unknown) => void;
}

export interface SendOptions {
  visibility?: 'public' | 'private';
  customer?: SandboxCustomer;
  lang?: 'ja' | 'en';
}

/** The simulated platforms on loopback, the customers who use them, and the page that shows what they saw. */
export class Sandbox {
  readonly world: SandboxWorld;
  private app: FastifyInstance;
  private relay: { port: number; close(): Promise<void> } | undefined;
  private traffic: TrafficGenerator;
  private channels: ConnectedChannels | undefined;
  /** FAQ questions whose customer will tap 「担当者と話す」 once the bot's answer (with its button) arrives. */
  private followUps: TranscriptEntry[] = [];
  url = '';

  constructor(private opts: SandboxOptions = {}) {
    this.world = new SandboxWorld(generateBrandAccounts(), opts.rateLimitShare ?? 0);
    // Its own random stream, so seeded traffic draws the same posts as before listening existed.
    const untagged = createRng((opts.seed ?? Date.now()) + 1);
    const faq = createRng((opts.seed ?? Date.now()) + 2);
    this.traffic = new TrafficGenerator(
      async (post) => {
        // A failed tap is logged and the post still goes out.
        await this.tapFollowUps().catch((err: unknown) => opts.onError?.(err));
        if (
          (post.platform === 'x' || post.platform === 'instagram') &&
          post.visibility === 'public' &&
          untagged.next() < UNTAGGED_SHARE
        )
          return this.postUntagged(post.platform, `${untaggedText(untagged, post)} ${BRAND_TAG[post.lang]}`, {
            lang: post.lang,
          });
        if (post.platform !== 'line' || post.visibility !== 'private' || faq.next() >= FAQ_SHARE)
          return this.send(post);
        // A new customer's first message, as the bot answers only that.
        const asked = await this.send({
          ...post,
          intent: 'question',
          text: faqQuestion(faq, post.lang),
          returning: false,
        });
        if (faq.next() < FAQ_FOLLOW_UP_SHARE) this.followUps.push(asked);
        return asked;
      },
      {
        ratePerMinute: opts.ratePerMinute ?? 0,
        mix: opts.mix,
        seed: opts.seed,
        onError: opts.onError,
      },
    );
    this.app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
    void this.app.register(async (scope) => lineApiRoutes(scope, this.world));
    void this.app.register(async (scope) => xApiRoutes(scope, this.world));
    void this.app.register(async (scope) => metaGraphRoutes(scope, this.world), { prefix: '/graph' });
    void this.app.register(async (scope) => instagramHashtagRoutes(scope, this.world), { prefix: '/graph' });
    void this.app.register(async (scope) => {
      scope.get('/', async (_req, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .header(
            'content-security-policy',
            "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'",
          )
          .send(SANDBOX_PAGE),
      );
      scope.get('/sandbox/api/transcript', async () => this.transcriptView());
      // The page's quick-reply buttons: the customer taps one (JSON only, so another site cannot post it by a form).
      scope.post<{ Body: { entryId?: unknown; label?: unknown } }>('/sandbox/api/tap', async (req, reply) => {
        const { entryId, label } = (req.body ?? {}) as { entryId?: unknown; label?: unknown };
        if (!req.headers['content-type']?.startsWith('application/json') || typeof entryId !== 'string')
          return reply.status(400).send({ error: 'entryId and label, as JSON' });
        try {
          await this.tap(entryId, String(label));
          return { ok: true };
        } catch (err) {
          return reply.status(400).send({ error: err instanceof Error ? err.message : String(err) });
        }
      });
    });
  }

  async start(): Promise<this> {
    await this.app.listen({ port: this.opts.port ?? 0, host: '127.0.0.1' });
    const address = this.app.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    this.relay = await startMailRelay(this.world, this.opts.mailPort ?? 0);
    return this;
  }

  /** Creates (or reuses) the sandbox channels in Koe and points them at this sandbox. */
  async connect(koeBase: string, directory: ChannelDirectory): Promise<ConnectedChannels> {
    this.channels = await connectSandboxChannels(koeBase, directory, this.world.accounts, {
      origin: this.url,
      mailRelayPort: this.relay!.port,
    });
    return this.channels;
  }

  startTraffic(): void {
    this.traffic.start();
  }

  /** Stops generated posts (the platforms stay up, so Koe's answers still arrive). */
  async stopTraffic(): Promise<void> {
    await this.traffic.stop();
  }

  /** One customer post on one platform, delivered to Koe now; the text is generated when not given. */
  async sendOne(platform: SandboxPlatform, text?: string, opts: SendOptions = {}): Promise<TranscriptEntry> {
    const drawn = composePost(
      this.traffic.rng,
      { ...(this.opts.mix ?? DEFAULT_MIX), ...(opts.lang ? { jaShare: opts.lang === 'ja' ? 1 : 0 } : {}) },
      platform,
    );
    // A post sent on purpose comes from a new customer unless the caller names one (tests find it by its author).
    return this.send(
      { ...drawn, text: text ?? drawn.text, visibility: opts.visibility ?? drawn.visibility, returning: false },
      opts.customer,
    );
  }

  /**
   * A public post that names the brand without tagging it — on X a post with the brand's name or hashtag, on Instagram
   * a post with its hashtag. No webhook reaches Koe: only a listening query finds it (recent or hashtag search).
   */
  async postUntagged(
    platform: 'x' | 'instagram',
    text?: string,
    opts: { lang?: 'ja' | 'en'; customer?: SandboxCustomer } = {},
  ): Promise<TranscriptEntry> {
    const drawn = composePost(
      this.traffic.rng,
      { ...(this.opts.mix ?? DEFAULT_MIX), ...(opts.lang ? { jaShare: opts.lang === 'ja' ? 1 : 0 } : {}) },
      platform,
    );
    const lang = opts.lang ?? drawn.lang;
    const customer =
      opts.customer ?? this.world.customers.create(platform, lang, (n) => Math.floor(this.traffic.rng.next() * n));
    const full = text ?? `${drawn.text} ${BRAND_TAG[lang]}`;
    const entry = this.world.transcript.add({
      platform,
      customer: { id: customer.id, name: customer.name },
      author: 'customer',
      visibility: 'public',
      text: full,
      inReplyTo: null,
      externalId: newPostId(this.world, platform, 'public'),
      untagged: true,
    });
    if (platform === 'x')
      this.world.xUntagged.push({
        id: entry.externalId,
        authorId: customer.id,
        text: full,
        createdAt: entry.at,
        entryId: entry.id,
      });
    else
      this.world.igHashtagMedia.push({
        id: entry.externalId,
        caption: full,
        timestamp: entry.at,
        permalink: `${this.url}/#instagram-${entry.externalId}`,
        entryId: entry.id,
      });
    return entry;
  }

  /**
   * The customer taps one of the buttons a brand message offered (a LINE, Messenger or Instagram quick reply), by its
   * label. LINE sends a postback; Meta posts the button's title into the chat as the customer's message and sends it
   * with the button's payload.
   */
  async tap(entryId: string, label: string): Promise<void> {
    if (!this.channels) throw new Error('The sandbox is not connected to Koe yet');
    const entry = this.world.transcript.list().find((e) => e.id === entryId);
    const choice = entry?.choices?.find((c) => c.label === label);
    if (!entry || !choice) throw new Error(`No button "${label}" on that message`);
    const { platform } = entry;
    if (platform === 'line') {
      await postWebhook(this.channels.webhooks.line!, linePostback(this.world, entry.customer.id, choice.data));
      return;
    }
    if (platform !== 'facebook' && platform !== 'instagram') throw new Error(`${platform} has no quick replies`);
    const customer = this.world.customers.get(platform, entry.customer.id);
    if (!customer) throw new Error('That customer is not known to the sandbox');
    const said = this.world.transcript.add({
      platform,
      customer: entry.customer,
      author: 'customer',
      visibility: 'private',
      text: choice.label,
      inReplyTo: null,
      externalId: newPostId(this.world, platform, 'private'),
    });
    await postWebhook(
      this.channels.webhooks[platform]!,
      metaWebhook(this.world, platform, customer, said, choice.data),
    );
  }

  /**
   * Taps 「担当者と話す」 under the bot's answer for each FAQ customer waiting to, once it has arrived; a question the
   * bot left to people (or still unanswered after a few minutes) is dropped from the list.
   */
  private async tapFollowUps(): Promise<void> {
    const entries = this.world.transcript.list('line');
    for (const asked of [...this.followUps]) {
      const answer = entries.find(
        (e) => e.customer.id === asked.customer.id && e.choices?.some((c) => c.data === TALK_TO_PERSON),
      );
      const stale = Date.now() - Date.parse(asked.at) > 5 * 60_000;
      if (!answer && !stale) continue;
      this.followUps.splice(this.followUps.indexOf(asked), 1);
      if (answer) await this.tap(answer.id, answer.choices!.find((c) => c.data === TALK_TO_PERSON)!.label);
    }
  }

  private async send(post: ComposedPost, given?: SandboxCustomer): Promise<TranscriptEntry> {
    if (!this.channels) throw new Error('The sandbox is not connected to Koe yet');
    const { platform } = post;
    const known = this.world.customers.list(platform);
    const customer =
      given ??
      (post.returning && known.length
        ? known[Math.floor(this.traffic.rng.next() * known.length)]
        : this.world.customers.create(platform, post.lang, (n) => Math.floor(this.traffic.rng.next() * n)));
    // A public X post reaches the brand by mentioning it.
    const text =
      platform === 'x' && post.visibility === 'public' && !post.text.includes(`@${this.world.accounts.x.handle}`)
        ? `@${this.world.accounts.x.handle} ${post.text}`
        : post.text;
    const entry = this.world.transcript.add({
      platform,
      customer: { id: customer.id, name: customer.name },
      author: 'customer',
      visibility: post.visibility,
      text,
      inReplyTo: null,
      externalId: newPostId(this.world, platform, post.visibility),
    });
    if (platform === 'email') {
      await sendCustomerMail(this.world, this.channels.inboundMail, customer, entry);
      return entry;
    }
    if (platform === 'x' && post.visibility === 'public')
      this.world.xMentions.push({
        id: entry.externalId,
        authorId: customer.id,
        text,
        createdAt: entry.at,
        entryId: entry.id,
      });
    const hook =
      platform === 'line'
        ? lineWebhook(this.world, customer, entry)
        : platform === 'x'
          ? xWebhook(this.world, customer, entry)
          : metaWebhook(this.world, platform, customer, entry);
    await postWebhook(this.channels.webhooks[platform]!, hook);
    return entry;
  }

  /** What the page polls: per platform, each customer's thread of posts and the answers they received. */
  transcriptView() {
    return {
      connected: Boolean(this.channels),
      ratePerMinute: this.opts.ratePerMinute ?? 0,
      platforms: SANDBOX_PLATFORMS.map((platform) => ({
        platform,
        label: PLATFORM_LABEL[platform],
        entries: this.world.transcript.list(platform),
      })),
    };
  }

  async stop(): Promise<void> {
    await this.traffic.stop();
    await this.app.close();
    await this.relay?.close();
  }
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  return new Sandbox(opts).start();
}
