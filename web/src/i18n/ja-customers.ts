// Merging one person's customers across channels, and public actions on their posts
// (merged into ja.ts; en-customers.ts mirrors the keys).
export const jaCustomers = {
  retention: {
    heading: 'データの保存期間',
    help: 'お客様のメッセージを一定期間のあと削除します。会話は件数や対応時間のレポートのために残ります。',
    enabled: '一定期間が過ぎたお客様のメッセージを削除する',
    days: '保存する日数',
    whatHappens:
      '{{days}}日より前のお客様のメッセージは本文と添付が削除され、「削除されました」の表示に置き換わります。検索にも出なくなります。1時間ごとに適用され、元には戻せません。',
    off: 'オフ: お客様のメッセージは削除されずに保存されます。',
    save: '保存期間を保存',
    saved: '保存期間の設定を保存しました。',
  },
  merge: {
    title: '同一人物の候補',
    help: '別チャネルの同じ人をひとりの顧客にまとめます。会話とIDが移り、あとで取り消せます。',
    reasonSameEmail: '同じメールアドレス',
    reasonSameName: '別チャネルで同じ名前',
    merge: '統合',
    confirmBody: '「{{source}}」のIDと会話を「{{target}}」に移します。統合はあとで取り消せます。',
    confirm: '統合する',
    cancel: 'キャンセル',
    history: '統合済み',
    mergedAt: '{{name}} を統合 · {{time}}',
    undo: '統合を取り消す',
  },
  amplify: {
    like: 'いいね',
    repost: 'リポスト',
    likeTooltip: '公開でいいねします(誰からも見えます)',
    repostTooltip: '公開でリポストします(フォロワーに表示されます)',
    liked: 'いいねしました',
    reposted: 'リポストしました',
    failed: '実行できませんでした',
  },
};
