import { describe, expect, it } from 'vitest';
import { buildAnswerIndex, matchQuestion } from '../knowledge/answer-match';
import { botDecision } from '../knowledge/bot-decision';
import { analyse } from '../triage';
import { detectLang } from '../triage/normalise';
import { DEMO_ARTICLES } from './help-center';
import { FAQ_QUESTIONS } from './traffic';

// The sandbox's FAQ customers and its sample articles go together: edit one, and this says whether the bot still
// answers them, through the bot's whole decision as the desk makes it (triage gate, match, thresholds).
const articles = DEMO_ARTICLES.flatMap((a, i) =>
  (['ja', 'en'] as const).map((lang) => ({ id: String(i), lang, ...a[lang] })),
);
const index = { ja: buildAnswerIndex(articles, 'ja'), en: buildAnswerIndex(articles, 'en') };
const decide = (text: string) => {
  const lang = detectLang(text);
  return botDecision(
    {
      channelKind: 'line',
      enabled: true,
      visibility: 'private',
      customerMessages: 1,
      handled: false,
      triage: analyse({ text }),
      text,
    },
    () => matchQuestion(index[lang], text),
  );
};

describe('the sandbox FAQ questions against the sample knowledge base', () => {
  it('are mostly answered by the bot, in both languages', () => {
    for (const lang of ['ja', 'en'] as const) {
      const answered = FAQ_QUESTIONS[lang].filter((q) => decide(q).answer).length;
      expect(answered / FAQ_QUESTIONS[lang].length, lang).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('never answers a complaint about a defective item, though an article covers defects', () => {
    for (const q of [
      '届いたケトルが壊れていました。交換してください',
      '商品が破損していたので交換してほしい',
      'The blender I got is broken, I want a replacement',
    ])
      expect(decide(q), q).toMatchObject({ answer: false });
  });
});
