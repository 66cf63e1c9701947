// The answer bot: its channel setting and the agents' article suggestions (merged into ja.ts; en-answer-bot.ts mirrors).
export const jaAnswerBot = {
  answerBot: {
    setting: '自動応答',
    settingHelp:
      'よくある質問に、公開中のナレッジベース記事から自動で回答します（「自動応答」と表示され、「担当者と話す」ボタンが付きます）。苦情・緊急・否定的なメッセージや自信のない質問は、これまでどおり担当者に届きます。',
    settingFailed: '自動応答の設定を変更できませんでした',
    suggestions: 'おすすめの記事',
    suggestionsHint: 'お客様の最後のメッセージに合う公開記事です（お客様の言語）。',
    insertLink: 'リンクを挿入',
    insertExcerpt: '抜粋を挿入',
    noSuggestions: '合う記事はありません',
    llm: {
      heading: '返信の下書き（言語モデル）',
      help: 'サーバーに言語モデル（KOE_LLM_URL）が設定されている場合、エージェントは会話とおすすめの記事から返信の下書きを作れます。下書きは入力欄に入るだけで、送信するのは常にエージェントです。',
      enable: 'エージェントが言語モデルで下書きを作れるようにする',
      draft: '下書きを作成',
      drafting: '作成中…',
    },
    report: {
      title: '自動応答',
      note: '期間中に自動応答が回答した会話と、その後の担当者への引き継ぎ',
      answered: '自動応答が回答',
      deflected: '担当者なしで完了',
      handedOver: '担当者に引き継ぎ',
    },
  },
};
