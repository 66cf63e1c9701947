import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, dialects, openDesk, type OpenDesk } from './harness';

// Koe's own words come from one catalogue (src/texts): a notification in each receiving agent's language, a thread line
// stored in both and shown in the viewer's, and never an internal code.
describe.each(dialects)("texts in the reader's language (%s)", (dialect) => {
  let desk: OpenDesk;
  let english: Client;
  beforeAll(async () => {
    desk = await openDesk(dialect);
    expect(
      (
        await desk.admin.post('/api/agents', {
          email: 'emma@koe.example',
          name: 'Emma',
          password: 'emma reads english 2026',
          role: 'agent',
          level: 3,
          skills: [],
        })
      ).status,
    ).toBe(201);
    english = new Client(desk.koe.base);
    await english.post('/api/auth/login', { email: 'emma@koe.example', password: 'emma reads english 2026' });
    expect((await english.patch('/api/me', { locale: 'en' })).status).toBe(200);
    expect((await english.put('/api/me/presence', { presence: 'online' })).status).toBe(200);
  });
  afterAll(() => desk.close());

  it('assigns with a notification in English for an English-speaking agent and a thread line in both languages', async () => {
    const conv = await desk.write('カードで二重請求されています。すぐに返金してください');
    await desk.koe.koe.jobs.drain();
    const notes = (await english.get('/api/notifications')).body.items as any[];
    const assigned = notes.find((n) => n.kind === 'assigned' && n.conversationId === conv.id);
    expect(assigned.title).toMatch(/^(Urgent \(L3\)|First response \(L3\)|Assigned to you): /);
    expect(assigned.body).toMatch(/^assigned to Emma/);
    const line = ((await desk.admin.get(`/api/conversations/${conv.id}/messages`)).body.items as any[]).find(
      (m) => m.kind === 'system',
    );
    expect(line.text).toMatch(/^Emmaに割り当て/);
    expect(line.localized).toEqual({ ja: line.text, en: expect.stringMatching(/^assigned to Emma/) });
  });

  it('writes a triage correction reason with category names, not codes', async () => {
    const conv = await desk.write('ポイントが付与されていません');
    await desk.admin.patch(`/api/conversations/${conv.id}`, { categories: ['billing_error'], sentiment: 'negative' });
    const detail = (await desk.admin.get(`/api/conversations/${conv.id}`)).body;
    const reason = detail.reasons.find((r: any) => r.code === 'agent_correction');
    expect(reason.message).toBe('担当者（山田 花子）が修正: ネガティブ / 請求トラブル');
    expect(reason.message).not.toContain('billing_error');
  });
});
