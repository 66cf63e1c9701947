import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TALK_TO_PERSON } from '../../src/desk/answer-bot';
import { DEFAULT_MIX, FAQ_QUESTIONS } from '../../src/sandbox/traffic';
import { DEMO_ARTICLES, openDemoHelpCenter, turnOnDemoAnswerBot } from '../../src/sandbox/help-center';
import { runSandboxWithDesk } from '../../src/sandbox/with-desk';
import { dialects, openDesk, waitFor, type OpenDesk } from './harness';

/** `KOE_SANDBOX=1`: the sample knowledge base, the answer bot on the sandbox's LINE, and customers asking FAQs. */
describe.each(dialects)('the sandbox FAQ customers and the answer bot (%s)', (dialect) => {
  let desk: OpenDesk;
  let run: Awaited<ReturnType<typeof runSandboxWithDesk>>;
  let ws: string;
  let lineId: string;

  const faqs = new Set([...FAQ_QUESTIONS.ja, ...FAQ_QUESTIONS.en]);
  /** The bot's answers the sandbox's LINE customers received, each with the question it answers. */
  const botAnswers = () => {
    const entries = run.sandbox.world.transcript.list('line');
    return entries.flatMap((answer) => {
      if (!answer.choices?.some((c) => c.data === TALK_TO_PERSON)) return [];
      const asked = entries.find((e) => e.author === 'customer' && e.customer.id === answer.customer.id);
      return asked ? [{ answer, asked }] : [];
    });
  };

  beforeAll(async () => {
    desk = await openDesk(dialect);
    ws = (await desk.admin.get('/api/me')).body.workspace.id;
    // Only LINE, seeded: the traffic's ~13% FAQ questions show up within a few dozen posts. Slow enough that a loaded
    // machine keeps up, so the queue can empty once the traffic stops.
    run = await runSandboxWithDesk(desk.koe.koe, {
      koeBase: desk.koe.base,
      port: 0,
      ratePerMinute: 600,
      seed: 16,
      mix: { ...DEFAULT_MIX, platforms: { line: 1, x: 0, instagram: 0, facebook: 0, email: 0 } },
    });
    lineId = ((await desk.admin.get('/api/channels')).body.items as any[]).find((c) => c.kind === 'line').id;
  }, 20_000);
  afterAll(async () => {
    await run?.stop();
    await desk?.close();
  });

  it('publishes the sample articles in both languages and turns the bot on for the sandbox LINE only', async () => {
    const articles = (await desk.admin.get('/api/kb/articles?limit=100')).body.items as any[];
    expect(articles).toHaveLength(DEMO_ARTICLES.length);
    expect(articles.every((a) => a.status === 'published')).toBe(true);
    const channels = (await desk.admin.get('/api/channels')).body.items as any[];
    expect(channels.find((c) => c.id === lineId)).toMatchObject({ kind: 'line', answerBot: true });
    expect(channels.filter((c) => c.answerBot).map((c) => c.kind)).toEqual(['line']);
  });

  it('answers an FAQ question from the traffic, and hands over when the customer taps 「担当者と話す」', async () => {
    // The runner works through the traffic by itself; draining here could never finish while posts keep arriving.
    const answered = await waitFor(async () => botAnswers().find((b) => faqs.has(b.asked.text)), 25_000);
    await run.sandbox.stopTraffic();
    await desk.koe.koe.jobs.drain(30_000);
    expect(answered.answer.text).toMatch(/【自動応答】|\[Automatic answer\]/);
    expect(run.sandbox.world.transcript.list('line').some((e) => e.author === 'customer' && !faqs.has(e.text))).toBe(
      true,
    );

    // An English question is answered in English from the English article.
    const en = await run.sandbox.sendOne('line', 'I forgot my password, how do I reset it?', { lang: 'en' });
    const enAnswer = await waitFor(async () => {
      await desk.koe.koe.jobs.drain();
      return botAnswers().find((b) => b.asked.id === en.id)?.answer;
    }, 10_000);
    expect(enAnswer.text).toContain('Forgot your password');

    await run.sandbox.tap(enAnswer.id, 'Talk to a person');
    const handed = await waitFor(async () => {
      await desk.koe.koe.jobs.drain();
      return desk.koe.koe.db
        .selectFrom('conversations')
        .select(['id'])
        .where('workspace_id', '=', ws)
        .where('bot_state', '=', 'handed_over')
        .executeTakeFirst();
    }, 10_000);
    expect(handed.id).toBeTruthy();
  }, 90_000);

  it('never overrides an admin: the bot switched off stays off, and a restart adds no articles', async () => {
    expect((await desk.admin.put(`/api/channels/${lineId}/answer-bot`, { enabled: false })).status).toBe(200);
    expect(await turnOnDemoAnswerBot(desk.koe.koe.db, ws, lineId)).toBe(false);
    expect(await openDemoHelpCenter(desk.koe.koe.db, ws)).toBe(false);
    const channels = (await desk.admin.get('/api/channels')).body.items as any[];
    expect(channels.find((c) => c.id === lineId).answerBot).toBe(false);
    expect((await desk.admin.get('/api/kb/articles?limit=100')).body.items).toHaveLength(DEMO_ARTICLES.length);
  });
});
