import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, freshDatabase, seededDesk, startKoe, Visitor, type RunningKoe, type TestDatabase } from './harness';

const KB = readFileSync(new URL('../fixtures/bot/kb.jsonl', import.meta.url), 'utf8');

/** A tiny OpenAI-compatible chat-completions server on loopback that records what it was asked. */
async function fakeModel() {
  const asked: { auth: string | undefined; body: any }[] = [];
  let status = 200;
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => resolve(data));
    });
  const server: Server = createServer(async (req, res) => {
    const body = JSON.parse(await read(req));
    asked.push({ auth: req.headers.authorization, body });
    if (req.url !== '/v1/chat/completions' || status !== 200) {
      res.writeHead(req.url === '/v1/chat/completions' ? status : 404).end('{}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        choices: [{ message: { role: 'assistant', content: '  駐車場は吉祥寺パークをご利用ください。  ' } }],
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    asked,
    fail: (s: number) => (status = s),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.each(dialects)('reply drafts from a language model (%s)', (dialect) => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let model: Awaited<ReturnType<typeof fakeModel>>;
  let admin: Awaited<ReturnType<typeof seededDesk>>['admin'];
  let conversationId: string;

  beforeAll(async () => {
    model = await fakeModel();
    db = await freshDatabase(dialect);
    koe = await startKoe(db, { env: { KOE_LLM_URL: model.url, KOE_LLM_MODEL: 'tiny', KOE_LLM_API_KEY: 'sk-test' } });
    const desk = await seededDesk(koe.base);
    admin = desk.admin;
    expect((await admin.post('/api/kb/import', { text: KB })).status).toBe(200);
    const visitor = new Visitor(koe.base, desk.channel.publicKey);
    await visitor.open();
    await visitor.say('吉祥寺のお店に車で行きたいんですが、駐車場はありますか？');
    await koe.koe.jobs.drain();
    conversationId = ((await admin.get('/api/conversations?limit=10')).body.items as any[])[0].id;
  }, 30_000);
  afterAll(async () => {
    await koe?.stop();
    await db?.drop();
    await model?.close();
  });

  it('gives no draft until an admin turns drafts on', async () => {
    const r = await admin.post(`/api/conversations/${conversationId}/draft`);
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('llm_drafts_off');
    expect(model.asked).toHaveLength(0);
  });

  it('drafts from the customer messages and the best articles, and sends nothing', async () => {
    const settings = (await admin.get('/api/settings/desk')).body;
    expect(settings.llmDrafts).toEqual({ enabled: false });
    expect((await admin.req('PUT', '/api/settings/desk', { ...settings, llmDrafts: { enabled: true } })).status).toBe(
      200,
    );
    const r = await admin.post(`/api/conversations/${conversationId}/draft`);
    expect(r.status).toBe(200);
    expect(r.body.text).toBe('駐車場は吉祥寺パークをご利用ください。');
    expect(r.body.articleIds.length).toBeGreaterThan(0);
    const [call] = model.asked;
    expect(call.auth).toBe('Bearer sk-test');
    expect(call.body.model).toBe('tiny');
    expect(call.body.messages[0].role).toBe('system');
    expect(call.body.messages[0].content).toContain('Japanese');
    expect(call.body.messages[0].content).toContain('駐車場');
    expect(call.body.messages.at(-1)).toEqual({
      role: 'user',
      content: '吉祥寺のお店に車で行きたいんですが、駐車場はありますか？',
    });
    // A draft is for the agent only: nothing new in the thread, nothing in the outbox.
    const thread = (await admin.get(`/api/conversations/${conversationId}/messages`)).body.items as any[];
    expect(thread.filter((m) => m.kind === 'reply')).toEqual([]);
    const outbox = await koe.koe.db.selectFrom('outbox').selectAll().execute();
    expect(outbox).toEqual([]);
  });

  it('says the model failed when it answers with an error', async () => {
    model.fail(500);
    const r = await admin.post(`/api/conversations/${conversationId}/draft`);
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('llm_failed');
    model.fail(200);
  });

  it('is refused without signing in', async () => {
    const anonymous = await fetch(`${koe.base}/api/conversations/${conversationId}/draft`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });
});
