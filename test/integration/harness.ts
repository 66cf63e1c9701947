import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/config';
import { buildApp } from '../../src/server/app';
import { createKoe, type Koe } from '../../src/server/context';
import type { ConversationTriage } from '../../src/ingest/triage-hook';

export type TestDialect = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when KOE_TEST_PG_URL points at a server (CI sets it). */
export const dialects: TestDialect[] = (
  process.env.KOE_TEST_PG_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)
)
  // KOE_TEST_DIALECTS=postgres narrows a run to one store (CI runs the suite once per dialect).
  .filter((d) => !process.env.KOE_TEST_DIALECTS || process.env.KOE_TEST_DIALECTS.split(',').includes(d));

export interface TestDatabase {
  url?: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database per test file: a temp SQLite file, or a new PostgreSQL database. */
export async function freshDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'koe-test-'));
  if (dialect === 'sqlite') return { dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const admin = new URL(process.env.KOE_TEST_PG_URL!);
  const name = `koe_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    drop: async () => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RunningKoe {
  koe: Koe;
  app: FastifyInstance;
  base: string;
  stop(): Promise<void>;
}

/** The real server on a random loopback port, talking to the given database. */
export async function startKoe(
  db: TestDatabase,
  opts: { triage?: ConversationTriage; env?: Record<string, string>; webDist?: string } = {},
): Promise<RunningKoe> {
  const config = loadConfig({
    KOE_DATA_DIR: db.dataDir,
    KOE_DATABASE_URL: db.url,
    KOE_LOG_LEVEL: 'silent',
    PORT: '0',
    ...opts.env,
  });
  const koe = await createKoe(config, { log: pino({ level: 'silent' }), triage: opts.triage });
  const app = await buildApp(koe, { webDist: opts.webDist ?? path.join(db.dataDir, 'no-web') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    koe,
    app,
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      await app.close();
      await koe.close();
    },
  };
}

/** A browser-like client: keeps cookies and echoes the CSRF cookie on writes. */
export class Client {
  private cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    private bearer?: string,
  ) {}

  /** The fetch Response itself (cookies kept); for streams and statuses without reading the body. */
  async raw(
    method: string,
    url: string,
    body?: unknown,
    signal?: AbortSignal,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['content-type'] ??= 'application/json';
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const csrf = this.cookies.get('koe_csrf');
    if (csrf && method !== 'GET' && !('x-csrf-token' in headers)) h['x-csrf-token'] = csrf;
    const res = await fetch(this.base + url, {
      method,
      headers: h,
      signal,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const [k, v] = [pair.slice(0, i), pair.slice(i + 1)];
      if (v === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    return res;
  }

  async req(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const res = await this.raw(method, url, body, undefined, headers);
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* keep text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }
  get = (url: string) => this.req('GET', url);
  post = (url: string, body?: unknown, headers?: Record<string, string>) => this.req('POST', url, body ?? {}, headers);
  patch = (url: string, body: unknown) => this.req('PATCH', url, body);
  put = (url: string, body: unknown) => this.req('PUT', url, body);
  del = (url: string) => this.req('DELETE', url);
  cookie = (name: string) => this.cookies.get(name);
}

export const ADMIN = {
  workspaceName: 'Koeマート',
  adminEmail: 'admin@koe.example',
  adminPassword: 'correct-horse-battery',
  adminName: '山田 花子',
};

/** An agent the admin adds (L1 鈴木 by default), signed in with their own client. */
export async function signedInAgent(
  base: string,
  admin: Client,
  agent: { email?: string; name?: string; role?: string; level?: number } = {},
): Promise<{ client: Client; id: string }> {
  const a = { email: 'suzuki@koe.example', name: '鈴木', role: 'agent', level: 1, ...agent };
  const password = 'agent-password-1';
  const created = await admin.post('/api/agents', { ...a, password });
  if (created.status !== 201) throw new Error(`adding an agent failed: ${JSON.stringify(created.body)}`);
  const client = new Client(base);
  const login = await client.post('/api/auth/login', { email: a.email, password });
  if (login.status !== 200) throw new Error(`the agent could not sign in: ${JSON.stringify(login.body)}`);
  return { client, id: created.body.id };
}

/** Setup done, an admin signed in, and a web chat channel. */
export async function seededDesk(base: string) {
  const admin = new Client(base);
  const setup = await admin.post('/api/setup', ADMIN);
  if (setup.status !== 201) throw new Error(`setup failed: ${JSON.stringify(setup.body)}`);
  const channel = (
    await admin.post('/api/channels', { kind: 'webchat', name: 'サイトのチャット', greeting: 'いらっしゃいませ！' })
  ).body;
  return { admin, channel };
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((r) => setTimeout(r, 30));
  }
}

/** A visitor writing from the chat widget. */
export class Visitor {
  token?: string;
  constructor(
    private base: string,
    private publicKey: string,
  ) {}
  private client = () => new Client(this.base);
  async open() {
    const r = await this.client().post(
      `/api/widget/${this.publicKey}/session`,
      this.token ? { visitorToken: this.token } : {},
    );
    this.token = r.body.visitorToken;
    return r;
  }
  async say(text: string, clientMessageId = `cm-${Math.random().toString(36).slice(2)}`) {
    return this.client().post(`/api/widget/${this.publicKey}/messages`, {
      visitorToken: this.token,
      clientMessageId,
      text,
    });
  }
  async history() {
    return (await this.client().get(`/api/widget/${this.publicKey}/messages?visitorToken=${this.token}`)).body
      .items as any[];
  }
}

/** A running desk on a fresh database: set up, an admin signed in, one web chat channel. */
export interface OpenDesk {
  db: TestDatabase;
  koe: RunningKoe;
  admin: Client;
  channel: any;
  /** A new (or the given) visitor writes `text`; resolves with the conversation once processing is done. */
  write(text: string, visitor?: Visitor): Promise<any>;
  close(): Promise<void>;
}

export async function openDesk(dialect: TestDialect): Promise<OpenDesk> {
  const db = await freshDatabase(dialect);
  const koe = await startKoe(db);
  const { admin, channel } = await seededDesk(koe.base);
  return {
    db,
    koe,
    admin,
    channel,
    async write(text, visitor) {
      const v = visitor ?? new Visitor(koe.base, channel.publicKey);
      if (!v.token) await v.open();
      await v.say(text);
      await koe.koe.jobs.drain();
      return ((await admin.get('/api/conversations?limit=100')).body.items as any[]).find((c) => c.preview === text);
    },
    async close() {
      await koe.stop();
      await db.drop();
    },
  };
}
