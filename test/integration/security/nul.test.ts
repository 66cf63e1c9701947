import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, dialects, Visitor, waitFor } from '../harness';
import { openPlatformDesk, samplePayload, type Platform, type PlatformDesk } from './platform-desk';

// PostgreSQL `text` cannot hold U+0000; before, these were 500s, or acknowledged and then never delivered.
describe.each(dialects)('NUL and other refused characters at the edges (%s)', (dialect) => {
  let desk: PlatformDesk;
  beforeAll(async () => {
    desk = await openPlatformDesk(dialect);
  });
  afterAll(() => desk.close());

  it('signs in, replies and looks up with NUL in the input without a server error', async () => {
    expect(
      (
        await new Client(desk.koe.base).post('/api/auth/login', {
          email: `${ADMIN.adminEmail}\u0000`,
          password: ADMIN.adminPassword,
        })
      ).status,
    ).toBe(200);
    expect(
      (await new Client(desk.koe.base).post('/api/auth/login', { email: 'x\u0000@koe.example', password: 'whatever!' }))
        .status,
    ).toBe(401);
    expect([400, 404]).toContain((await desk.admin.get('/api/conversations/%00')).status);
    expect((await desk.admin.get('/api/conversations?channel=%00')).status).toBeLessThan(500);

    const conv = await desk.write('NULのテスト');
    const reply = await desk.admin.post(`/api/conversations/${conv.id}/messages`, { text: 'お待たせ\u0000しました' });
    expect(reply.status).toBe(201);
    const stored = (await desk.admin.get(`/api/conversations/${conv.id}/messages`)).body.items.map((m: any) => m.text);
    expect(stored).toContain('お待たせしました');
  });

  it('delivers a widget message with NUL instead of acknowledging it and failing in the job', async () => {
    const v = new Visitor(desk.koe.base, desk.channel.publicKey);
    await v.open();
    expect((await v.say('届いて\u0000いません')).status).toBe(202);
    await desk.koe.koe.jobs.drain();
    const items = (await desk.admin.get('/api/conversations?limit=100')).body.items as any[];
    expect(items.some((c) => c.preview === '届いていません')).toBe(true);
  });

  it.each(['line', 'facebook', 'instagram', 'x'] as Platform[])(
    'processes a signed %s delivery with NUL in its text',
    async (platform) => {
      const raw = JSON.stringify(samplePayload(platform, 4242, '二重\u0000請求です'));
      expect((await desk.deliver(platform, raw)).status).toBe(200);
      await desk.koe.koe.jobs.drain();
      await waitFor(
        async () =>
          (
            await desk.koe.koe.db
              .selectFrom('messages')
              .select('text')
              .where('text', 'like', '%二重請求です%')
              .execute()
          ).length > 0,
      );
      const failed = await desk.koe.koe.db
        .selectFrom('inbound_events')
        .select('error')
        .where('channel_id', '=', desk.channels[platform].id)
        .where('status', '!=', 'processed')
        .execute();
      expect(failed).toEqual([]);
      // Not even one failed attempt (the post and the DM of one new customer are processed at once on PostgreSQL).
      const retried = await desk.koe.koe.db
        .selectFrom('jobs')
        .select(['name', 'last_error'])
        .where('last_error', 'is not', null)
        .execute();
      expect(retried).toEqual([]);
    },
  );
});

describe.each(dialects)('a rejection reason that quotes NUL (%s)', (dialect) => {
  let desk: PlatformDesk;
  beforeAll(async () => {
    desk = await openPlatformDesk(dialect);
  });
  afterAll(() => desk.close());

  it('parks a Meta body whose object is NUL-laden instead of failing with 500', async () => {
    const body = { ...samplePayload('facebook', 777), object: 'pa\u0000ge' };
    expect((await desk.deliver('facebook', JSON.stringify(body))).status).toBe(200);
    const failed = (await desk.admin.get('/api/admin/inbound-events?status=failed')).body.items as any[];
    expect(failed.map((f) => f.error)).toContain('object "page" was posted to a facebook channel (expected "page")');
  });
});
