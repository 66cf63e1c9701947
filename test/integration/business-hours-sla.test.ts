import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, dialects, openDesk, signedInAgent, type OpenDesk } from './harness';

const MIN = 60_000;
/** Today and the next days in Tokyo, YYYY-MM-DD: as company holidays they close the desk whenever this runs. */
const tokyoDays = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(Date.now() + i * 86_400_000)),
  );

/** Issue 12 item 9: business hours reach the SLA clocks (per level) and the chat widget's promise. */
describe.each(dialects)('business hours in SLA clocks and the widget (%s)', (dialect) => {
  let desk: OpenDesk;
  let settings: any;
  const put = async (patch: Record<string, unknown>) => {
    const r = await desk.admin.req('PUT', '/api/settings/desk', { ...settings, ...patch });
    expect(r.status).toBe(200);
    settings = r.body;
  };
  const detail = async (id: string) => (await desk.admin.get(`/api/conversations/${id}`)).body;
  const availability = async () =>
    (await new Client(desk.koe.base).post(`/api/widget/${desk.channel.publicKey}/session`, {})).body.availability;

  beforeAll(async () => {
    desk = await openDesk(dialect);
    settings = (await desk.admin.get('/api/settings/desk')).body;
  });
  afterAll(async () => {
    await desk.close();
  });

  it('by default L1 and L2 wait for opening time while urgent L3 runs around the clock', async () => {
    expect(settings.sla.businessHoursLevels).toEqual([1, 2]);
    // Closed today and for the next three days (company holidays), whatever the hour.
    await put({ businessHours: { ...settings.businessHours, holidays: tokyoDays(4) } });
    const question = await desk.write('ポイントの有効期限はいつまでですか？');
    const urgent = await desk.write('昨日カードで払ったら二重請求されてました。至急返金してください');
    expect([question.level, urgent.level]).toEqual([1, 3]);
    const q = await detail(question.id);
    const u = await detail(urgent.id);
    // L1's hour starts when the desk opens, at least three days from now; L3's five minutes started at once.
    expect(Date.parse(q.sla.dueAt) - Date.parse(q.createdAt)).toBeGreaterThan(3 * 24 * 60 * MIN);
    expect(q.sla.state).toBe('ok');
    expect(Date.parse(u.sla.dueAt) - Date.parse(u.createdAt)).toBe(5 * MIN);
    // The inbox says the L1 clock stands still until the desk opens; L3's runs.
    expect(Date.parse(q.sla.closedUntil)).toBeGreaterThan(Date.now() + 2 * 86_400_000);
    expect(u.sla.closedUntil).toBeNull();

    // Counting L1 around the clock too: its hour runs from the message.
    await put({ sla: { ...settings.sla, businessHoursLevels: [] } });
    expect(Date.parse((await detail(question.id)).sla.dueAt) - Date.parse(q.createdAt)).toBe(60 * MIN);
    expect((await detail(question.id)).sla.closedUntil).toBeNull();
  });

  it('never lets a week without opening hours stop a clock (it counts around the clock instead)', async () => {
    await put({
      businessHours: { ...settings.businessHours, weekly: {} },
      sla: { ...settings.sla, businessHoursLevels: [1, 2, 3] },
    });
    const c = await desk.write('営業時間は何時までですか？');
    const d = await detail(c.id);
    expect(d.level).toBe(1);
    expect(Date.parse(d.sla.dueAt) - Date.parse(d.createdAt)).toBe(60 * MIN);
  });

  it('tells widget visitors the truth: minutes when someone is online, else when the desk opens', async () => {
    const agent = await signedInAgent(desk.koe.base, desk.admin, { email: 'bh@koe.example', name: '佐藤' });
    // Closed now (holidays), nobody online: the widget names the next opening.
    await put({
      businessHours: {
        ...settings.businessHours,
        weekly: {
          1: [['09:00', '18:00']],
          2: [['09:00', '18:00']],
          3: [['09:00', '18:00']],
          4: [['09:00', '18:00']],
          5: [['09:00', '18:00']],
        },
        holidays: tokyoDays(4),
      },
    });
    const closed = await availability();
    expect(closed).toMatchObject({ state: 'closed', timeZone: 'Asia/Tokyo' });
    expect(Date.parse(closed.opensAt)).toBeGreaterThan(Date.now() + 2 * 86_400_000);
    // Someone online answers whatever the hours say.
    await agent.client.req('PUT', '/api/me/presence', { presence: 'online' });
    expect(await availability()).toMatchObject({ state: 'online', opensAt: null });
    // Open around the clock, nobody online: "we will reply", without promising minutes.
    await agent.client.req('PUT', '/api/me/presence', { presence: 'offline' });
    const allDay = Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, [['00:00', '24:00']]]));
    await put({
      businessHours: { ...settings.businessHours, weekly: allDay, holidays: [], includeJapaneseHolidays: false },
    });
    expect(await availability()).toMatchObject({ state: 'busy', opensAt: null });
  });
});
