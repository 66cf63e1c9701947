import { describe, expect, it } from 'vitest';
import {
  articleExcerpt,
  buildAnswerIndex,
  confidentAnswer,
  matchQuestion,
  questionTokens,
  type AnswerArticle,
} from './answer-match';

// A few invented articles in a shop's knowledge base, in both languages.
const ARTICLES: AnswerArticle[] = [
  {
    id: 'hours',
    lang: 'ja',
    title: '営業時間のご案内',
    body: '# 営業時間\n\n当店の営業時間は平日10時〜19時、土日祝日は11時〜18時です。年末年始は休業します。',
  },
  {
    id: 'returns',
    lang: 'ja',
    title: '返品・交換について',
    body: '商品到着後8日以内であれば返品を承ります。返品の送料はお客様のご負担となります。',
  },
  {
    id: 'points',
    lang: 'ja',
    title: 'ポイントの有効期限',
    body: 'ポイントの有効期限は最後にご利用いただいた日から1年間です。営業時間外のご購入にもポイントは付きます。',
  },
  {
    id: 'hours',
    lang: 'en',
    title: 'Opening hours',
    body: 'We are open 10:00–19:00 on weekdays and 11:00–18:00 at weekends and on public holidays.',
  },
  {
    id: 'returns',
    lang: 'en',
    title: 'Returns and exchanges',
    body: 'You can return an item within 8 days of delivery. Return shipping is paid by the customer.',
  },
];

const ja = buildAnswerIndex(ARTICLES, 'ja');
const en = buildAnswerIndex(ARTICLES, 'en');

describe('matchQuestion', () => {
  it('finds the article a Japanese question is about, the title weighing over a passing mention', () => {
    const m = matchQuestion(ja, '営業時間を教えてください');
    expect(m.best?.articleId).toBe('hours');
    expect(m.runnerUp?.articleId).toBe('points');
    expect(m.margin).toBeGreaterThan(0.3);
    expect(confidentAnswer(m)?.articleId).toBe('hours');
  });

  it('folds a general question form to the word articles use (何時まで → 営業時間)', () => {
    expect(questionTokens('土曜日は何時までですか')).toContain('営業');
    expect(confidentAnswer(matchQuestion(ja, '土日は何時まで開いてますか？'))?.articleId).toBe('hours');
  });

  it('answers in English from the English articles only', () => {
    const m = matchQuestion(en, 'Can I return shoes I bought last week?');
    expect(m.best?.articleId).toBe('returns');
    expect(m.ranked.every((r) => r.articleId !== 'points')).toBe(true);
  });

  it('is not confident about a question the knowledge base does not cover', () => {
    const m = matchQuestion(ja, '配送業者を指定することはできますか');
    expect(confidentAnswer(m)).toBeNull();
  });

  it('returns nothing for filler alone or an empty knowledge base', () => {
    expect(matchQuestion(ja, 'すみません、教えてください').best).toBeNull();
    expect(matchQuestion(buildAnswerIndex([], 'ja'), '営業時間').best).toBeNull();
  });

  it("matches the customer's own words through an article's customer questions", () => {
    const withQuestions: AnswerArticle[] = [
      ...ARTICLES.filter((a) => a.lang === 'ja'),
      {
        id: 'redelivery',
        lang: 'ja',
        title: '再配達のお申し込み',
        body: 'ヤマト運輸の再配達受付へお申し込みください。伝票番号が必要です。',
        questions: ['不在票が入ってたんですが、どうすればいいですか', 'もう一度届けてもらうには？'],
      },
    ];
    const index = buildAnswerIndex(withQuestions, 'ja');
    // 不在票 is in no title or body: only the article's customer question knows it.
    const m = matchQuestion(index, '不在票が入ってました。どうしたらいい？');
    expect(m.best?.articleId).toBe('redelivery');
    expect(m.best?.asked).toBeGreaterThan(0.3);
    expect(confidentAnswer(m)?.articleId).toBe('redelivery');
    // An article without customer questions has no such figure; its title decides whether it is on the subject.
    expect(matchQuestion(index, '営業時間を教えてください').best).toMatchObject({ articleId: 'hours', asked: null });
  });

  it('with customer questions, answers only a question said like one of them', () => {
    const index = buildAnswerIndex(
      [
        {
          id: 'hours',
          lang: 'ja',
          title: '営業時間のご案内',
          body: '当店の営業時間は平日10時〜19時です。',
          questions: ['何時まで開いてますか'],
        },
      ],
      'ja',
    );
    const m = matchQuestion(index, '営業時間のご案内を見ました');
    expect(m.best?.articleId).toBe('hours');
    expect(confidentAnswer(m, { minConfidence: 0, minMargin: 0, minTitleCover: 0, minAsked: 0.9 })).toBeNull();
    expect(confidentAnswer(m, { minConfidence: 0, minMargin: 0, minTitleCover: 0, minAsked: 0 })?.articleId).toBe(
      'hours',
    );
  });

  it('refuses a close call between two articles', () => {
    const m = {
      best: { articleId: 'a', score: 1, confidence: 1, titleCover: 1, asked: null },
      runnerUp: null,
      margin: 0.05,
      askedMargin: 0,
      ranked: [],
    };
    expect(confidentAnswer(m)).toBeNull();
  });
});

describe('articleExcerpt', () => {
  it('quotes the first sentences without Markdown marks', () => {
    expect(articleExcerpt(ARTICLES[0].body, 40)).toBe('当店の営業時間は平日10時〜19時、土日祝日は11時〜18時です。');
  });
  it('cuts a sentence longer than the limit', () => {
    expect(articleExcerpt('あ'.repeat(300), 20)).toBe(`${'あ'.repeat(19)}…`);
  });
});
