import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshReportFacts } from '../../src/desk/reports/facts';
import { SURVEY_ASK, surveyToken } from '../../src/desk/satisfaction';
import { Client, dialects, openDesk, Visitor, type OpenDesk } from './harness';

describe.each(dialects)('satisfaction surveys (%s)', (dialect) => {
  let desk: OpenDesk;

  beforeAll(async () => {
    desk = await openDesk(dialect);
  });
  afterAll(() => desk.close());

  const settings = async (change: (s: any) => void) => {
    const s = (await desk.admin.get('/api/settings/desk')).body;
    change(s.satisfaction);
    expect((await desk.admin.req('PUT', '/api/settings/desk', s)).status).toBe(200);
  };
  /** A visitor writes, an agent answers and resolves; resolves with the visitor and the conversation. */
  const resolvedChat = async (text: string) => {
    const visitor = new Visitor(desk.koe.base, desk.channel.publicKey);
    const conv = await desk.write(text, visitor);
    expect(
      (await desk.admin.post(`/api/conversations/${conv.id}/messages`, { text: '担当の山田です。対応いたしました。' }))
        .status,
    ).toBe(201);
    expect((await desk.admin.patch(`/api/conversations/${conv.id}`, { status: 'resolved' })).status).toBe(200);
    await desk.koe.koe.jobs.drain();
    return { visitor, conv };
  };
  const thread = async (id: string) =>
    ((await desk.admin.get(`/api/conversations/${id}/messages`)).body.items as any[]).map((m) => m.text);

  it('asks a widget visitor once the conversation is resolved, and the score reaches the conversation and the report', async () => {
    const { visitor, conv } = await resolvedChat('ポイントの有効期限を知りたいです');
    const session = (await visitor.open()).body;
    expect(session.survey).toMatchObject({ kind: 'csat', score: null, open: true });
    expect(session.survey.question).toContain('1（不満）〜5（満足）');
    expect(await thread(conv.id)).toContain('お客様に満足度をおたずねしました');

    const answer = (body: Record<string, unknown>, token = visitor.token) =>
      new Client(desk.koe.base).post(`/api/widget/${desk.channel.publicKey}/survey`, {
        visitorToken: token,
        surveyId: session.survey.id,
        ...body,
      });
    expect((await answer({ score: 0 })).status).toBe(400); // CSAT is 1–5
    const stranger = new Visitor(desk.koe.base, desk.channel.publicKey);
    await stranger.open();
    expect((await answer({ score: 1 }, stranger.token)).status).toBe(404);
    const r = await answer({ score: 5, comment: 'すぐに答えてもらえて助かりました' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ score: 5, comment: 'すぐに答えてもらえて助かりました' });
    expect((await visitor.open()).body.survey.score).toBe(5);
    expect(await thread(conv.id)).toContain('お客様の満足度: 5/5「すぐに答えてもらえて助かりました」');

    while ((await refreshReportFacts(desk.koe.koe.db, 1000)) > 0);
    const report = (await desk.admin.get('/api/reports/summary')).body;
    expect(report.current).toMatchObject({ csatResponses: 1, csatAverage: 5, csatSatisfied: 1 });
    // The same resolution is never asked twice, however often the job runs.
    await desk.koe.koe.jobs.enqueue(SURVEY_ASK, { conversationId: conv.id });
    await desk.koe.koe.jobs.drain();
    expect(
      await desk.koe.koe.db.selectFrom('surveys').select('id').where('conversation_id', '=', conv.id).execute(),
    ).toHaveLength(1);
  });

  it('takes answers on the linked page, and a low score with a comment alerts the owner and supervisors', async () => {
    const { conv } = await resolvedChat('配送状況を確認したいです');
    const s = await desk.koe.koe.db
      .selectFrom('surveys')
      .selectAll()
      .where('conversation_id', '=', conv.id)
      .executeTakeFirstOrThrow();
    const token = surveyToken(desk.koe.koe.config.secretKey, s.id);
    const web = new Client(desk.koe.base);
    const page = await web.raw('GET', `/rate/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('今回の対応はいかがでしたか');
    expect(html).not.toMatch(/<script/i);
    // A forged or altered token opens nothing.
    expect((await web.raw('GET', `/rate/${s.id}.forged`)).status).toBe(404);
    const altered = token.slice(0, -10) + (token.at(-10) === 'A' ? 'B' : 'A') + token.slice(-9);
    expect((await web.raw('GET', `/rate/${altered}`)).status).toBe(404);

    const post = (body: string) =>
      web.raw('POST', `/rate/${token}`, body, undefined, { 'content-type': 'application/x-www-form-urlencoded' });
    expect((await post('comment=x')).status).toBe(400); // no score chosen
    const answered = await post(`score=2&comment=${encodeURIComponent('返事が遅くて困りました')}`);
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('ご回答ありがとうございました');
    const notes = (await desk.admin.get('/api/notifications')).body.items as any[];
    expect(notes.find((n) => n.kind === 'low_satisfaction')).toMatchObject({
      conversationId: conv.id,
      title: '低い評価（2/5）が届きました',
      body: '返事が遅くて困りました',
    });
    // Correcting a low answer (another low score, a new comment) alerts nobody a second time.
    const lowAlerts = async () =>
      ((await desk.admin.get('/api/notifications')).body.items as any[]).filter(
        (n) => n.kind === 'low_satisfaction' && n.conversationId === conv.id,
      ).length;
    expect(await lowAlerts()).toBe(1);
    expect((await post(`score=1&comment=${encodeURIComponent('やはり不満です')}`)).status).toBe(200);
    expect(await lowAlerts()).toBe(1);
    // Alert only (the default): the conversation stays resolved.
    expect((await desk.admin.get(`/api/conversations/${conv.id}`)).body.status).toBe('resolved');
  });

  it('reopens the conversation on a low score when the desk says so', async () => {
    await settings((s) => {
      s.csat.lowScore = 'reopen';
    });
    const { visitor, conv } = await resolvedChat('返品の手続きを教えてください');
    const survey = (await visitor.open()).body.survey;
    const r = await new Client(desk.koe.base).post(`/api/widget/${desk.channel.publicKey}/survey`, {
      visitorToken: visitor.token,
      surveyId: survey.id,
      score: 1,
      comment: '説明がわかりにくかったです',
    });
    expect(r.status).toBe(200);
    const after = (await desk.admin.get(`/api/conversations/${conv.id}`)).body;
    expect(after.status).toBe('open');
    expect(after.waitingSince).not.toBeNull();
  });

  it('asks nothing when surveys are off, and NPS instead of CSAT when a customer is due one', async () => {
    await settings((s) => {
      s.csat.enabled = false;
    });
    const { visitor: quiet } = await resolvedChat('店舗の場所を教えてください');
    expect((await quiet.open()).body.survey).toBeNull();

    await settings((s) => {
      s.csat.enabled = true;
      s.nps.enabled = true;
    });
    const { visitor, conv } = await resolvedChat('会員登録の方法を教えてください');
    const nps = (await visitor.open()).body.survey;
    expect(nps).toMatchObject({ kind: 'nps', score: null });
    const r = await new Client(desk.koe.base).post(`/api/widget/${desk.channel.publicKey}/survey`, {
      visitorToken: visitor.token,
      surveyId: nps.id,
      score: 9,
    });
    expect(r.body.score).toBe(9);
    // The same customer, resolved again within the cooldown: CSAT this time.
    await visitor.say('もう一つ質問があります');
    await desk.koe.koe.jobs.drain();
    expect((await desk.admin.patch(`/api/conversations/${conv.id}`, { status: 'resolved' })).status).toBe(200);
    await desk.koe.koe.jobs.drain();
    expect((await visitor.open()).body.survey).toMatchObject({ kind: 'csat', score: null });
    while ((await refreshReportFacts(desk.koe.koe.db, 1000)) > 0);
    const report = (await desk.admin.get('/api/reports/summary')).body;
    expect(report.current).toMatchObject({ npsResponses: 1, nps: 1 });
  });
});
