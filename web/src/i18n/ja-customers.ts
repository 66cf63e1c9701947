// Merging one person's customers across channels, and public actions on their posts
// (merged into ja.ts; en-customers.ts mirrors the keys).
export const jaCustomers = {
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
