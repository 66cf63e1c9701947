import type { Lang, Localized } from './localized';

/**
 * What the answer bot writes (desk/answer-bot.ts): its answer to the customer, in the customer's language, and the
 * line agents see in the thread when it hands a conversation over, in both languages.
 */
export const botTexts = {
  /** The author name on the bot's replies: the customer must see at once that no person wrote it. */
  author: { ja: '自動応答', en: 'Automatic answer' } satisfies Localized,
  /** The button (LINE and Meta quick reply, the widget's button) and the words it sends. */
  talkToPerson: { ja: '担当者と話す', en: 'Talk to a person' } satisfies Localized,

  answer(lang: Lang, a: { excerpt: string; title: string; url: string | null }): string {
    if (lang === 'en')
      return [
        '[Automatic answer] This reply was chosen automatically from our help articles.',
        `"${a.title}": ${a.excerpt}`,
        a.url ? `Read more: ${a.url}` : `Read more in our help article "${a.title}".`,
        'If this does not answer your question, tap "Talk to a person" or just write to us, and a person will reply.',
      ].join('\n\n');
    return [
      '【自動応答】ヘルプ記事から自動でお答えしています。',
      `「${a.title}」${a.excerpt}`,
      a.url ? `詳しくはこちら: ${a.url}` : `詳しくはヘルプ記事「${a.title}」をご覧ください。`,
      '解決しない場合は「担当者と話す」を押すか、そのままメッセージをお送りください。担当者がお返事します。',
    ].join('\n\n');
  },

  /** The thread's line when the bot answered (agents see what it sent and from which article). */
  answered: (title: string, confidence: number): Localized => ({
    ja: `自動応答がヘルプ記事「${title}」で回答しました（確からしさ ${Math.round(confidence * 100)}%）`,
    en: `The answer bot replied with the help article "${title}" (confidence ${Math.round(confidence * 100)}%)`,
  }),

  handedOver: (reason: 'asked_for_person' | 'negative' | 'follow_up'): Localized =>
    ({
      asked_for_person: {
        ja: '自動応答から担当者に引き継ぎました: お客様が担当者との会話を希望しました',
        en: 'The answer bot handed over: the customer asked to talk to a person',
      },
      negative: {
        ja: '自動応答から担当者に引き継ぎました: お客様が自動応答に不満を示しました',
        en: "The answer bot handed over: the customer was unhappy with the bot's answer",
      },
      follow_up: {
        ja: '自動応答から担当者に引き継ぎました: お客様が続けてメッセージを送りました',
        en: 'The answer bot handed over: the customer wrote again after its answer',
      },
    })[reason],
};
