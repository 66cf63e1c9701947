import { createServer } from 'node:net';
import { channelPlugins } from '../channels/registry';
import { encryptSecret } from '../security/secrets';
import type { Koe } from '../server/context';
import { channels, listening, type ChannelKind } from '../store/repositories';
import { PLATFORM_LABEL, SANDBOX_PLATFORMS, type BrandAccounts, type SandboxPlatform } from './accounts';
import type { WebhookTarget } from './webhooks';

/** Sandbox channels are recognised by this name prefix, so a restart reuses them instead of adding more. */
export const SANDBOX_NAME_PREFIX = 'Sandbox';

interface ChannelRow {
  id: string;
  kind: string;
  name: string;
}

/** Where channels are created: Koe's public API (a separate process) or its store (the same process). */
export interface ChannelDirectory {
  list(): Promise<ChannelRow[]>;
  create(kind: SandboxPlatform, name: string, credentials: Record<string, unknown>): Promise<ChannelRow>;
  replaceCredentials(id: string, credentials: Record<string, unknown>): Promise<void>;
  /** Listening queries on a channel (the sandbox adds one on a channel that has none). */
  listeningOn(channelId: string): Promise<number>;
  listen(channelId: string, name: string, terms: string[]): Promise<void>;
}

/** Through the REST API with an admin's API token, exactly as an admin's script would. */
export function apiDirectory(koeBase: string, token: string): ChannelDirectory {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(koeBase.replace(/\/$/, '') + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered HTTP ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    list: async () => (await call<{ items: ChannelRow[] }>('GET', '/api/channels')).items,
    create: (kind, name, credentials) => call<ChannelRow>('POST', '/api/channels', { kind, name, credentials }),
    replaceCredentials: async (id, credentials) => {
      await call('PUT', `/api/channels/${id}/credentials`, { credentials });
    },
    listeningOn: async (channelId) =>
      (await call<{ items: { channel: { id: string } }[] }>('GET', '/api/listening/queries')).items.filter(
        (q) => q.channel.id === channelId,
      ).length,
    listen: async (channelId, name, terms) => {
      await call('POST', '/api/listening/queries', { channelId, name, terms });
    },
  };
}

/** Straight into the store of a desk running in this process; credentials pass the plugin's schema first. */
export function storeDirectory(koe: Koe, workspaceId: string): ChannelDirectory {
  const seal = (kind: ChannelKind, credentials: Record<string, unknown>) => {
    const plugin = channelPlugins.find((p) => p.kinds.includes(kind));
    if (!plugin) throw new Error(`No ${kind} plugin in this build`);
    return encryptSecret(koe.config.secretKey, JSON.stringify(plugin.credentialsSchema.parse(credentials)));
  };
  return {
    list: () => channels.list(koe.db, workspaceId),
    create: (kind, name, credentials) =>
      channels.create(koe.db, {
        workspaceId,
        kind,
        name,
        settings: { greeting: null, sandbox: true },
        credentialsEnc: seal(kind, credentials),
      }),
    replaceCredentials: async (id, credentials) => {
      const c = await channels.get(koe.db, workspaceId, id);
      if (!c) throw new Error(`Channel ${id} not found`);
      await channels.setCredentials(koe.db, id, seal(c.kind, credentials));
    },
    listeningOn: async (channelId) =>
      (await listening.queries(koe.db, workspaceId, new Date().toISOString())).filter((q) => q.channel.id === channelId)
        .length,
    listen: async (channelId, name, terms) => {
      await listening.create(koe.db, { workspaceId, channelId, name, terms, exclusions: [], active: true });
    },
  };
}

/** A port nobody listens on right now, for Koe's inbound mailbox (Koe opens it when the channel appears). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

export interface SandboxEndpoints {
  origin: string;
  mailRelayPort: number;
  inboundMailPort: number;
}

/** The credentials each Koe channel gets: the sandbox's secrets and base URLs instead of the platforms'. */
export function sandboxCredentials(
  platform: SandboxPlatform,
  accounts: BrandAccounts,
  at: SandboxEndpoints,
): Record<string, unknown> {
  const meta = {
    appSecret: accounts.meta.appSecret,
    verifyToken: accounts.meta.verifyToken,
    pageAccessToken: accounts.meta.pageAccessToken,
    pageId: accounts.meta.pageId,
    graphBaseUrl: `${at.origin}/graph`,
    graphVersion: accounts.meta.graphVersion,
  };
  switch (platform) {
    case 'line':
      return {
        channelSecret: accounts.line.channelSecret,
        channelAccessToken: accounts.line.channelAccessToken,
        apiBaseUrl: at.origin,
      };
    case 'facebook':
      return meta;
    case 'instagram':
      return { ...meta, igAccountId: accounts.meta.igAccountId };
    case 'x':
      return {
        consumerSecret: accounts.x.consumerSecret,
        accessToken: accounts.x.accessToken,
        userId: accounts.x.userId,
        handle: accounts.x.handle,
        apiBaseUrl: at.origin,
        pollIntervalSeconds: 30,
      };
    case 'email':
      return {
        address: accounts.email.address,
        smtpHost: '127.0.0.1',
        smtpPort: at.mailRelayPort,
        smtpSecure: false,
        smtpUser: accounts.email.smtpUser,
        smtpPass: accounts.email.smtpPass,
        inboundPort: at.inboundMailPort,
        inboundHost: '127.0.0.1',
      };
  }
}

const SANDBOX_LISTENING: Partial<Record<SandboxPlatform, { name: string; terms: string[] }>> = {
  x: { name: 'Koeマート（名前とハッシュタグ）', terms: ['KoeMart', 'Koeマート', '#KoeMart', '#Koeマート'] },
  instagram: { name: 'Koeマートのハッシュタグ', terms: ['#KoeMart', '#Koeマート'] },
};

export interface ConnectedChannels {
  webhooks: Partial<Record<SandboxPlatform, WebhookTarget>>;
  channelIds: Record<SandboxPlatform, string>;
  inboundMail: { host: string; port: number };
}

/**
 * One Koe channel per simulated platform, pointed at the sandbox. Existing sandbox channels (by name prefix) are
 * reused and given this run's secrets, so restarting the sandbox keeps the desk's history in the same channels.
 */
export async function connectSandboxChannels(
  koeBase: string,
  directory: ChannelDirectory,
  accounts: BrandAccounts,
  endpoints: Omit<SandboxEndpoints, 'inboundMailPort'>,
): Promise<ConnectedChannels> {
  const existing = await directory.list();
  const at = { ...endpoints, inboundMailPort: await freePort() };
  const channelIds = {} as Record<SandboxPlatform, string>;
  const webhooks: ConnectedChannels['webhooks'] = {};
  for (const platform of SANDBOX_PLATFORMS) {
    const credentials = sandboxCredentials(platform, accounts, at);
    const reuse = existing.find((c) => c.kind === platform && c.name.startsWith(SANDBOX_NAME_PREFIX));
    const channel =
      reuse ?? (await directory.create(platform, `${SANDBOX_NAME_PREFIX} ${PLATFORM_LABEL[platform]}`, credentials));
    if (reuse) await directory.replaceCredentials(reuse.id, credentials);
    channelIds[platform] = channel.id;
    // The brand's name and hashtags, so posts that do not tag it reach the Listening view from the first minute.
    const listen = SANDBOX_LISTENING[platform];
    if (listen && (await directory.listeningOn(channel.id)) === 0)
      await directory.listen(channel.id, listen.name, listen.terms);
    if (platform !== 'email')
      webhooks[platform] = {
        channelId: channel.id,
        url: `${koeBase.replace(/\/$/, '')}/webhooks/${platform}/${channel.id}`,
      };
  }
  return { webhooks, channelIds, inboundMail: { host: '127.0.0.1', port: at.inboundMailPort } };
}
