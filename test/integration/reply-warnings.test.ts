import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDirectory, startSandbox, type Sandbox } from '../../src/sandbox';
import { dialects, openDesk, waitFor, type OpenDesk } from './harness';

/** Issue 12: "reply like a person" — the composer's warnings (copy-paste, unsigned, defensive), never a block. */
describe.each(dialects)('reply warnings in the compose check (%s)', (dialect) => {
  let desk: OpenDesk;
  let sandbox: Sandbox;

  /** A public X mention becomes a conversation; resolves with it. */
  const mention = async (text: string) => {
    const entry = await sandbox.sendOne('x', text, { visibility: 'public' });
    return waitFor(async () => {
      await desk.koe.koe.jobs.drain();
      const items = (await desk.admin.get('/api/conversations?limit=100')).body.items as any[];
      return items.find((c) => c.channel.kind === 'x' && String(c.preview).includes(entry.text.slice(-12)));
    }, 10_000);
  };
  const check = async (id: string, text: string) => {
    const r = await desk.admin.post(`/api/conversations/${id}/compose-check`, { text });
    expect(r.status).toBe(200);
    return r.body.warnings as any[];
  };

  beforeAll(async () => {
    desk = await openDesk(dialect);
    const token = (await desk.admin.post('/api/tokens', { name: 'sandbox' })).body.token;
    sandbox = await startSandbox({ port: 0, ratePerMinute: 0 });
    await sandbox.connect(desk.koe.base, apiDirectory(desk.koe.base, token));
  }, 20_000);
  afterAll(async () => {
    await sandbox?.stop();
    await desk?.close();
  });

  const PASTED =
    'ご迷惑をおかけし申し訳ございません。ただいま状況を確認しておりますので、詳細をDMでお送りいただけますか。';

  it('asks for a signature on a public first reply, and is satisfied by the agent’s family name', async () => {
    const c = await mention('@koemart 注文した商品がまだ届きません。どうなっていますか？');
    expect((await check(c.id, PASTED)).map((w) => w.code)).toEqual(['unsigned']);
    expect((await check(c.id, PASTED)).find((w) => w.code === 'unsigned').name).toBe('山田 花子');
    expect(await check(c.id, `${PASTED}（担当: 山田）`)).toEqual([]);
    // Sent (signed), the same text is now on record for the next check.
    const sent = await desk.admin.post(`/api/conversations/${c.id}/messages`, { text: `山田です。${PASTED}` });
    expect(sent.status).toBe(201);
  });

  it('points out the same text going to another customer within a day', async () => {
    const other = await mention('@koemart 届いた箱が潰れていました。交換できますか？');
    const warnings = await check(other.id, `山田です。${PASTED}`);
    expect(warnings).toEqual([{ code: 'copy_paste', count: 1, example: `山田です。${PASTED}` }]);
    // Written for this customer, it passes.
    expect(
      await check(
        other.id,
        '山田です。箱の潰れ、申し訳ございません。交換品をすぐ手配しますので、DMでご住所をお知らせください。',
      ),
    ).toEqual([]);
  });

  it('flags defensive wording in a reply to a complaint, from the desk’s editable list', async () => {
    const c = await desk.write('二重請求されています。すぐに返金してください！');
    expect(c.level).toBe(3);
    const warnings = await check(c.id, '規約によりご返金はできかねます。');
    expect(warnings.find((w) => w.code === 'defensive')).toEqual({ code: 'defensive', phrase: '規約により' });
    // Web chat is private: no copy-paste or signature checks there.
    expect(warnings.map((w) => w.code)).toEqual(['defensive']);
    const settings = (await desk.admin.get('/api/settings/desk')).body;
    expect(settings.replyStyle.defensivePhrases.ja).toContain('仕様です');
    const put = await desk.admin.req('PUT', '/api/settings/desk', {
      ...settings,
      replyStyle: { defensivePhrases: { ja: ['あいにく'], en: [] } },
    });
    expect(put.status).toBe(200);
    expect(await check(c.id, '規約によりご返金はできかねます。')).toEqual([]);
    expect((await check(c.id, 'あいにく返金はできません。')).map((w) => w.phrase)).toEqual(['あいにく']);
    // A question is no complaint: the same words are fine there.
    const q = await desk.write('ポイントの有効期限はいつまでですか？');
    expect(await check(q.id, 'あいにくポイントは1年で失効します。')).toEqual([]);
  });
});
