// npm run eval:bot — how well the answer bot answers: the sample knowledge base (test/fixtures/bot/kb.jsonl) and two
// halves of labelled customer messages, each naming the article that answers it or null when none should (a
// complaint, spam, something the articles do not cover, a question only a person can settle). Every message goes
// through the bot's whole decision as the desk makes it (triage gate, article match, thresholds) on a web chat channel
// with the bot on. Thresholds are tuned on the tune half only; the test half is read for its figures alone.
//
//   --errors   list the tune half's wrong answers and missed articles (never the test half's)
//   --sweep    precision and coverage of the tune half over a grid of thresholds
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildAnswerIndex,
  DEFAULT_THRESHOLDS,
  matchQuestion,
  type AnswerArticle,
  type AnswerIndex,
} from '../src/knowledge/answer-match';
import type { AnswerThresholds } from '../src/knowledge/answer-match';
import { botDecision, decideFromMatch, type BotDecision } from '../src/knowledge/bot-decision';
import { analyse } from '../src/triage';
import { detectLang } from '../src/triage/normalise';

const fixtures = fileURLToPath(new URL('../test/fixtures/bot/', import.meta.url));
const lines = <T>(file: string): T[] =>
  readFileSync(`${fixtures}${file}`, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

type KbLine = {
  article: string;
  lang: 'ja' | 'en';
  title: string;
  body: string;
  status: string;
  questions?: string[];
};
type Question = { id: string; text: string; lang: string; article: string | null };

const articles: AnswerArticle[] = lines<KbLine>('kb.jsonl')
  .filter((a) => a.status === 'published')
  .map((a) => ({ id: a.article, lang: a.lang, title: a.title, body: a.body, questions: a.questions }));
const indexes: Record<'ja' | 'en', AnswerIndex> = {
  ja: buildAnswerIndex(articles, 'ja'),
  en: buildAnswerIndex(articles, 'en'),
};

interface Outcome {
  q: Question;
  /** The whole decision (triage gate included). */
  decision: BotDecision;
  /** The match's decision alone, as if triage let every message through. */
  matchOnly: BotDecision;
}

function run(questions: Question[], t: AnswerThresholds): Outcome[] {
  return questions.map((q) => {
    const lang = detectLang(q.text);
    const match = matchQuestion(indexes[lang], q.text);
    const triage = analyse({ text: q.text });
    const decision = botDecision(
      {
        channelKind: 'webchat',
        enabled: true,
        visibility: 'private',
        customerMessages: 1,
        handled: false,
        triage,
        text: q.text,
      },
      () => match,
      t,
    );
    return { q, decision, matchOnly: decideFromMatch(match, t) };
  });
}

interface Figures {
  questions: number;
  answerable: number;
  answers: number;
  correct: number;
  precision: number;
  /** answers / questions */
  coverage: number;
  /** right answers / questions that have an article */
  recall: number;
}

function figures(outcomes: Outcome[], pick: (o: Outcome) => BotDecision): Figures {
  const answered = outcomes.filter((o) => pick(o).answer);
  const correct = answered.filter((o) => {
    const d = pick(o);
    return d.answer && d.articleId === o.q.article;
  }).length;
  const answerable = outcomes.filter((o) => o.q.article !== null).length;
  return {
    questions: outcomes.length,
    answerable,
    answers: answered.length,
    correct,
    precision: answered.length ? correct / answered.length : 1,
    coverage: outcomes.length ? answered.length / outcomes.length : 0,
    recall: answerable ? correct / answerable : 0,
  };
}

const f = (n: number) => n.toFixed(3);
const line = (label: string, r: Figures) =>
  `${label.padEnd(26)} precision=${f(r.precision)} (${r.correct}/${r.answers})  coverage=${f(r.coverage)} (${r.answers}/${r.questions})  recall=${f(r.recall)} (${r.correct}/${r.answerable} with an article)`;

function report(name: string, outcomes: Outcome[]): Figures {
  const whole = figures(outcomes, (o) => o.decision);
  console.log(`\n== ${name} (${outcomes.length} messages, ${whole.answerable} with an article) ==`);
  console.log(
    line(
      'article match alone',
      figures(outcomes, (o) => o.matchOnly),
    ),
  );
  console.log(line('full decision (triage gate)', whole));
  const why = new Map<string, number>();
  for (const o of outcomes) if (!o.decision.answer) why.set(o.decision.why, (why.get(o.decision.why) ?? 0) + 1);
  console.log(
    `  not answered: ${[...why]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  return whole;
}

const args = new Set(process.argv.slice(2));
const tune = lines<Question>('questions-tune.jsonl');

if (args.has('--sweep')) {
  console.log('minConfidence minMargin minTitleCover minAsked  precision coverage recall (tune, full decision)');
  for (const minConfidence of [0.4, 0.5, 0.6, 0.7])
    for (const minMargin of [0, 0.1, 0.2, 0.3, 0.4, 0.5])
      for (const minTitleCover of [0, 0.1, 0.3])
        for (const minAsked of [0, 0.3, 0.4, 0.5]) {
          const r = figures(run(tune, { minConfidence, minMargin, minTitleCover, minAsked }), (o) => o.decision);
          console.log(
            `${String(minConfidence).padEnd(13)} ${String(minMargin).padEnd(9)} ${String(minTitleCover).padEnd(13)} ${String(minAsked).padEnd(9)} ${f(r.precision)}     ${f(r.coverage)}    ${f(r.recall)}`,
          );
        }
  process.exit(0);
}

console.log(
  `thresholds: confidence ≥ ${DEFAULT_THRESHOLDS.minConfidence}, margin ≥ ${DEFAULT_THRESHOLDS.minMargin}, ` +
    `said like one of the article's questions ≥ ${DEFAULT_THRESHOLDS.minAsked} (title cover ≥ ${DEFAULT_THRESHOLDS.minTitleCover} for an article without them)`,
);
const tuneOutcomes = run(tune, DEFAULT_THRESHOLDS);
report('tune', tuneOutcomes);
if (args.has('--errors')) {
  console.log('\n-- tune: wrong answers and missed articles --');
  for (const o of tuneOutcomes) {
    const d = o.decision;
    const m = matchQuestion(indexes[detectLang(o.q.text)], o.q.text);
    const got = d.answer ? d.articleId : `(${d.why})`;
    if ((d.answer && d.articleId !== o.q.article) || (!d.answer && o.q.article))
      console.log(
        `${o.q.id} want=${o.q.article} got=${got} best=${m.best?.articleId}:${f(m.best?.confidence ?? 0)} margin=${f(m.margin)} 2nd=${m.runnerUp?.articleId} | ${o.q.text}`,
      );
  }
  process.exit(0);
}
const test = report('test', run(lines<Question>('questions-test.jsonl'), DEFAULT_THRESHOLDS));
console.log(`RESULT bot precision=${f(test.precision)} coverage=${f(test.coverage)}`);
