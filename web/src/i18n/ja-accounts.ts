// Invitations, password resets and password changes (en-accounts.ts mirrors the keys).
export const jaAccounts = {
  accounts: {
    inviteMode: '招待リンクで追加する（本人がパスワードを設定）',
    inviteModeHelp:
      'メールが設定されていれば招待メールを送ります。設定がなければ、表示されるリンクを本人に渡してください。',
    invite: '招待する',
    pending: '招待中',
    linkTitleInvitation: '招待リンク',
    linkTitleReset: 'パスワード再設定リンク',
    emailed: '{{email}} にメールで送りました。念のため下のリンクを直接渡すこともできます。',
    notEmailed:
      'メールは送っていません（このデスクにはメールの設定がありません）。下のリンクを {{email}} さん本人に渡してください。',
    validUntil: '有効期限: {{at}}（1回だけ使えます）',
    copy: 'リンクをコピー',
    copied: 'コピーしました',
    close: '閉じる',
    reissueInvitation: '招待リンクを再発行',
    makeReset: 'パスワード再設定リンクを作成',
    joinTitle: '「{{workspace}}」に参加',
    joinIntro: '{{name}} さん（{{email}}）、パスワードを設定するとサインインできます。',
    resetTitle: 'パスワードの再設定',
    resetIntro:
      '{{name}} さん（{{email}}）の新しいパスワードを設定します。設定すると、すべてのブラウザからサインアウトします。',
    newPassword: '新しいパスワード',
    confirmPassword: '新しいパスワード（確認）',
    mismatch: '確認用のパスワードが一致しません',
    setPassword: 'パスワードを設定',
    done: 'パスワードを設定しました。サインインしてください。',
    toLogin: 'サインインへ',
    forgot: 'パスワードをお忘れですか？',
    forgotTitle: 'パスワードを忘れたとき',
    forgotIntro: '登録しているメールアドレスを入力してください。再設定用のリンクをお送りします。',
    sendLink: 'リンクを送る',
    sentEmail:
      'このアドレスが登録されていれば、再設定用のリンクをメールで送りました（1時間有効）。届かない場合は迷惑メールフォルダもご確認ください。',
    noEmail: 'このデスクではメールを送れません。管理者にパスワード再設定リンクの作成を依頼してください。',
    backToLogin: 'サインインに戻る',
    changeTitle: 'パスワードの変更',
    changeIntro: '変更すると、このブラウザ以外のすべてのブラウザからサインアウトします。',
    currentPassword: '現在のパスワード',
    change: 'パスワードを変更',
    changed: 'パスワードを変更しました。ほかのブラウザからはサインアウトしました。',
  },
  linkErrors: {
    link_invalid:
      'このリンクは無効です。リンクを最後まで正しく開いたか確かめるか、管理者に新しいリンクを依頼してください。',
    link_used: 'このリンクはすでに使われています。パスワードを設定済みならサインインしてください。',
    link_expired:
      'このリンクは有効期限が切れています。管理者に新しいリンクを依頼するか、もう一度再設定を依頼してください。',
  },
};
