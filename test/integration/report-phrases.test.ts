import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openDesk, signedInAgent, type OpenDesk } from './harness';

describe.each(dialects)('rising phrases in reports (%s)', (dialect) => {
  let desk: OpenDesk;
  // Days as the desk counts them (its default time zone, Asia/Tokyo): from 15:00 UTC it is already tomorrow there.
  const tokyoDay = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10);
  const today = tokyoDay(Date.now());
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

  beforeAll(async () => {
    desk = await openDesk(dialect);
    await desk.admin.put('/api/triage/brands', {
      brands: { brands: ['Koeマート'], products: [], hashtags: ['#Koeマート'], competitors: [] },
    });
    // This week: three conversations about earphones, two about refunds.
    for (const text of [
      'Koeマートで買ったイヤホンが片方鳴りません',
      'イヤホンの充電ケースが壊れました',
      'イヤホンが届いたけど箱が潰れていた #Koeマート',
      '返金はいつになりますか',
      '返金の手続きを教えてください',
    ])
      await desk.write(text);
    // The week before: refunds were talked about as much (three), earphones not at all.
    for (const text of ['返金してほしい', '返金の状況は？', '返金されていません']) {
      const conv = await desk.write(text);
      // Moved into the previous period the way a month of history would have been written.
      await desk.koe.koe.db
        .updateTable('conversations')
        .set({ created_at: daysAgo(10) })
        .where('id', '=', conv.id)
        .execute();
    }
  }, 60_000);
  afterAll(async () => {
    await desk?.close();
  });

  it('names what customers talk about more than before, and not the brand itself', async () => {
    const from = tokyoDay(Date.now() - 6 * 86_400_000);
    const res = await desk.admin.get(`/api/reports/phrases?from=${from}&to=${today}`);
    expect(res.status).toBe(200);
    expect(res.body.conversations).toBe(5);
    expect(res.body.sampled).toBe(false);
    expect(res.body.phrases).toEqual([{ phrase: 'イヤホン', conversations: 3, before: 0, change: 3 }]);
    // 返金: two now against three the week before, so it is not rising; Koeマート is the brand's own name.
    expect(JSON.stringify(res.body)).not.toMatch(/返金|koe/i);
  });

  it('follows the channel filter and is for supervisors and admins', async () => {
    const other = await desk.admin.get(`/api/reports/phrases?channel=00000000-0000-4000-8000-000000000000`);
    expect(other.body).toMatchObject({ phrases: [], conversations: 0 });
    const { client: agent } = await signedInAgent(desk.koe.base, desk.admin);
    expect((await agent.get('/api/reports/phrases')).status).toBe(403);
  });
});
