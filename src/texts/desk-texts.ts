import type { Localized } from './localized';

/**
 * What Koe itself writes for agents — notifications, lines in a thread, hand-off notes and drafts — in one catalogue,
 * keyed and in both languages. Each entry returns every language; the reader's picks: a notification goes out in each
 * receiving agent's language, a thread line is stored in both and shown in the viewer's.
 */
const cut = (preview: string) => preview.slice(0, 40);

/** Category and sentiment names for people (never the internal code: 請求トラブル, not billing_error). */
const CATEGORY_NAMES: Record<string, Localized> = {
  billing_error: { ja: '請求トラブル', en: 'billing errors' },
  outage: { ja: '障害・利用不可', en: 'outages' },
  defect: { ja: '商品の不良・誤配', en: 'defective or wrong items' },
  safety: { ja: '安全上の問題', en: 'safety issues' },
  backlash: { ja: '炎上・告発リスク', en: 'backlash risk' },
  purchase_intent: { ja: '購入・予約の意向', en: 'purchase intent' },
  question: { ja: '質問', en: 'questions' },
  request: { ja: '要望・依頼', en: 'requests' },
  praise: { ja: '称賛・お礼', en: 'praise' },
  spam: { ja: 'スパム', en: 'spam' },
};
const SENTIMENT_NAMES: Record<string, Localized> = {
  negative: { ja: 'ネガティブ', en: 'negative' },
  neutral: { ja: 'ニュートラル', en: 'neutral' },
  positive: { ja: 'ポジティブ', en: 'positive' },
};
export const categoryName = (c: string): Localized => CATEGORY_NAMES[c] ?? { ja: c, en: c };
const CHANNEL_KIND_NAMES: Record<string, Localized> = {
  webchat: { ja: 'Webチャット', en: 'web chat' },
  line: { ja: 'LINE', en: 'LINE' },
  facebook: { ja: 'Facebook', en: 'Facebook' },
  instagram: { ja: 'Instagram', en: 'Instagram' },
  x: { ja: 'X', en: 'X' },
  email: { ja: 'メール', en: 'email' },
};
export const channelKindName = (k: string): Localized => CHANNEL_KIND_NAMES[k] ?? { ja: k, en: k };
export const sentimentName = (s: string): Localized => SENTIMENT_NAMES[s] ?? { ja: s, en: s };

const STATUS_NAMES: Record<string, Localized> = {
  open: { ja: '対応中', en: 'open' },
  pending: { ja: '保留', en: 'pending' },
  resolved: { ja: '解決済み', en: 'resolved' },
  closed: { ja: 'クローズ', en: 'closed' },
};
export const statusName = (s: string): Localized => STATUS_NAMES[s] ?? { ja: s, en: s };
/** Why a conversation was set aside from the open views (it is still counted, never deleted). */
const FLAG_NAMES: Record<string, Localized> = {
  spam: { ja: 'スパムの疑い', en: 'possible spam' },
  troll: { ja: '荒らしの疑い', en: 'possible troll' },
};
export const flagName = (f: string): Localized => FLAG_NAMES[f] ?? { ja: f, en: f };
/** A conversation's first-response SLA as a report counts it now. */
const SLA_OUTCOME_NAMES: Record<string, Localized> = {
  met: { ja: '達成', en: 'met' },
  breached: { ja: '超過', en: 'breached' },
  due: { ja: '期限内で未返信', en: 'not yet due' },
  none: { ja: '目標なし', en: 'no target' },
};
export const slaOutcomeName = (o: string): Localized => SLA_OUTCOME_NAMES[o] ?? { ja: o, en: o };

/**
 * The reports export (a CSV a person opens in a spreadsheet): a header in words for every column, in the column order,
 * and the words its cells use where the report stores a code or nothing.
 */
export const reportCsvTexts = {
  columns: {
    reference: { ja: 'お問い合わせ番号', en: 'Reference number' },
    link: { ja: '会話へのリンク', en: 'Link to the conversation' },
    created_local: { ja: '受信日時', en: 'Received (desk time)' },
    channel: { ja: 'チャネル', en: 'Channel' },
    channel_kind: { ja: 'チャネルの種類', en: 'Channel type' },
    level: { ja: 'レベル', en: 'Level' },
    category: { ja: '分類', en: 'Category' },
    sentiment: { ja: '感情', en: 'Sentiment' },
    team: { ja: 'チーム', en: 'Team' },
    agent: { ja: '担当者', en: 'Agent' },
    status: { ja: '状態', en: 'Status' },
    set_aside: { ja: '別枠（スパム・荒らし）', en: 'Set aside (spam or troll)' },
    public_post: { ja: '公開投稿', en: 'Public post' },
    customer_messages: { ja: 'お客様のメッセージ数', en: 'Customer messages' },
    agent_replies: { ja: '返信数', en: 'Replies' },
    first_response_min: { ja: '初回応答（分）', en: 'First response (min)' },
    first_response_business_min: { ja: '初回応答・営業時間内（分）', en: 'First response in business time (min)' },
    sla_target_min: { ja: 'SLA目標（分）', en: 'SLA target (min)' },
    sla: { ja: 'SLA（初回応答）', en: 'SLA (first response)' },
    next_responses: { ja: '次の応答の回数', en: 'Next responses' },
    next_response_mean_min: { ja: '次の応答の平均（分）', en: 'Next response mean (min)' },
    resolution_min: { ja: '解決までの時間（分）', en: 'Time to resolve (min)' },
    reopens: { ja: '再オープン回数', en: 'Times reopened' },
    escalated_to_level: { ja: 'エスカレーション先', en: 'Escalated to' },
    handoff_min: { ja: '引き継ぎまでの時間（分）', en: 'Hand-off time (min)' },
    csat: { ja: '顧客満足度（CSAT 1〜5）', en: 'Satisfaction (CSAT 1–5)' },
    nps: { ja: 'NPS（0〜10）', en: 'NPS (0–10)' },
  } satisfies Record<string, Localized>,
  yes: { ja: 'はい', en: 'yes' } satisfies Localized,
  no: { ja: 'いいえ', en: 'no' } satisfies Localized,
  uncategorised: { ja: '分類なし', en: 'uncategorised' } satisfies Localized,
  noSentiment: { ja: '判定なし', en: 'not read' } satisfies Localized,
  noTeam: { ja: 'チームなし', en: 'no team' } satisfies Localized,
  unassigned: { ja: '未割り当て', en: 'unassigned' } satisfies Localized,
};

const SLA_TARGET: Record<string, Localized> = {
  first_response: { ja: '初回返信', en: 'first response' },
  next_response: { ja: '次回返信', en: 'next response' },
  resolution: { ja: '解決', en: 'resolution' },
};
const target = (t: string | null | undefined): Localized => SLA_TARGET[t ?? ''] ?? { ja: '', en: '' };

export const deskTexts = {
  assigned: (preview: string): Localized => ({
    ja: `担当になりました: ${cut(preview)}`,
    en: `Assigned to you: ${cut(preview)}`,
  }),
  autoAssignOff: {
    ja: '自動割り当てがオフです（手動で割り当ててください）',
    en: 'Auto-assignment is off (assign it by hand)',
  } satisfies Localized,
  urgentUnassignable: (preview: string): Localized => ({
    ja: `緊急（L3）の会話を誰にも割り当てられません: ${cut(preview)}`,
    en: `An urgent (L3) conversation cannot be assigned to anyone: ${cut(preview)}`,
  }),
  assignedUrgent: (preview: string): Localized => ({
    ja: `至急 (L3): ${cut(preview)}`,
    en: `Urgent (L3): ${cut(preview)}`,
  }),
  assignedFirstResponder: (preview: string): Localized => ({
    ja: `一次対応 (L3): ${cut(preview)}`,
    en: `First response (L3): ${cut(preview)}`,
  }),
  assignedBy: (name: string): Localized => ({ ja: `${name} が割り当てました`, en: `${name} assigned it to you` }),

  escalationLine: (up: boolean, from: number, to: number, target: string, by: string): Localized => ({
    ja: `${up ? 'エスカレーション' : 'デエスカレーション'}: L${from} → L${to}（${target}）by ${by}`,
    en: `${up ? 'Escalated' : 'De-escalated'}: L${from} → L${to} (${target}) by ${by}`,
  }),
  handoffNoteHeader: { ja: '【引き継ぎメモ】', en: '[Hand-off note]' } satisfies Localized,
  escalationNotified: (up: boolean, to: number, preview: string): Localized => ({
    ja: `${up ? 'エスカレーション' : '差し戻し'} L${to}: ${cut(preview)}`,
    en: `${up ? 'Escalated' : 'Handed back'} to L${to}: ${cut(preview)}`,
  }),
  handoffDraft: (f: {
    customer: string;
    channelName: string;
    channelKind: string;
    categories: string[];
    level: number;
    priority: number;
    sentiment: string | null;
    fromCustomer: number;
    replies: number;
    lastWords: string[];
  }): Localized => ({
    ja: [
      `お客様: ${f.customer}（${f.channelName}・${channelKindName(f.channelKind).ja}）`,
      `分類: ${f.categories.map((c) => categoryName(c).ja).join('・') || 'なし'}・L${f.level}・優先度 ${f.priority}・感情 ${f.sentiment ? sentimentName(f.sentiment).ja : 'なし'}`,
      `メッセージ: お客様 ${f.fromCustomer} 件 / 返信 ${f.replies} 件`,
      `最近のお客様の発言:\n${f.lastWords.map((w) => `・${w}`).join('\n') || '・なし'}`,
      '',
      'お客様が必要としていること: ',
      '試したこと: ',
      'お約束したこと: ',
    ].join('\n'),
    en: [
      `Customer: ${f.customer} (${f.channelName}, ${channelKindName(f.channelKind).en})`,
      `Categories: ${f.categories.map((c) => categoryName(c).en).join(', ') || 'none'} · L${f.level} · priority ${f.priority} · sentiment ${f.sentiment ? sentimentName(f.sentiment).en : 'none'}`,
      `Messages: ${f.fromCustomer} from the customer / ${f.replies} replies`,
      `The customer's latest words:\n${f.lastWords.map((w) => `- ${w}`).join('\n') || '- none'}`,
      '',
      'What the customer needs: ',
      'What was tried: ',
      'What was promised: ',
    ].join('\n'),
  }),

  slaWarning: (t: string | null | undefined, preview: string): Localized => ({
    ja: `SLA警告（${target(t).ja}）: ${cut(preview)}`,
    en: `SLA warning (${target(t).en}): ${cut(preview)}`,
  }),
  slaBreached: (t: string | null | undefined, preview: string): Localized => ({
    ja: `SLA超過（${target(t).ja}）: ${cut(preview)}`,
    en: `SLA breached (${target(t).en}): ${cut(preview)}`,
  }),
  slaDue: (level: number, due: Localized | null): Localized => ({
    ja: `L${level}・期限 ${due?.ja ?? '-'}`,
    en: `L${level} · due ${due?.en ?? '-'}`,
  }),
  slaEscalationNote: (t: string | null | undefined): Localized => ({
    ja: `SLA（${target(t).ja}）を超過したため自動でL3へエスカレーションしました。`,
    en: `The ${target(t).en} SLA was breached, so this was escalated to L3 automatically.`,
  }),

  firstResponderHandedBack: (name: string): Localized => ({
    ja: `一次対応済み（${name}）→ L3へ引き継ぎ`,
    en: `First response sent (${name}) → handed back to L3`,
  }),
  movedToDm: (name: string): Localized => ({
    ja: `${name} が非公開（DM）でのやり取りに切り替えました`,
    en: `${name} moved the conversation to private messages (DM)`,
  }),
  linkedToIncident: (title: string): Localized => ({
    ja: `インシデント「${title}」に紐付けました`,
    en: `Linked to the incident "${title}"`,
  }),
  unlinkedFromIncident: (title: string): Localized => ({
    ja: `インシデント「${title}」から外しました`,
    en: `Removed from the incident "${title}"`,
  }),
  spikeTitle: (category: Localized, observed: number, windowMinutes: number, expected: number): Localized => {
    const usual = expected < 0.1 ? '<0.1' : expected.toFixed(1);
    return {
      ja: `急増：${category.ja}が${windowMinutes}分間に${observed}件（通常${usual}件）`,
      en: `Spike: ${observed} ${category.en} in ${windowMinutes} min (usually ${usual})`,
    };
  },
  spikeBody: (category: Localized): Localized => ({
    ja: `「${category.ja}」の問い合わせが通常より大幅に増えています。障害などが原因なら、インシデントを宣言すると該当する問い合わせをまとめ、承認済みの一次回答を各お客様に送れます。`,
    en: `Far more "${category.en}" messages than usual are arriving. If an outage or similar is behind them, declare an incident to group them and send every customer the approved first answer.`,
  }),
  templateNeedsAgent: (rule: string, template: string, variables: string[]): Localized => ({
    ja: `ルール「${rule}」の定型文「${template}」は ${variables.join('、')} を担当者が入力する必要があるため、送信しませんでした。`,
    en: `Rule "${rule}" did not send the saved reply "${template}": ${variables.join(', ')} must be filled in by an agent.`,
  }),
  ruleNotification: (rule: string, preview: string): Localized => ({
    ja: `ルール「${rule}」: ${cut(preview)}`,
    en: `Rule "${rule}": ${cut(preview)}`,
  }),
  triageCorrected: (name: string, c: { level?: number; sentiment?: string; categories?: string[] }): Localized => {
    const summary = (lang: 'ja' | 'en') =>
      [
        c.level !== undefined ? `L${c.level}` : null,
        c.sentiment ? sentimentName(c.sentiment)[lang] : null,
        c.categories
          ? c.categories.map((x) => categoryName(x)[lang]).join(lang === 'ja' ? '・' : ', ') ||
            (lang === 'ja' ? '分類なし' : 'no category')
          : null,
      ]
        .filter(Boolean)
        .join(' / ');
    return { ja: `担当者（${name}）が修正: ${summary('ja')}`, en: `Corrected by ${name}: ${summary('en')}` };
  },

  approvalRequested: (author: string): Localized => ({
    ja: `${author}さんの公開返信が承認待ちです`,
    en: `${author}'s public reply is waiting for approval`,
  }),
  approvalApproved: (reviewer: string, edited: boolean): Localized => ({
    ja: `${reviewer}さんが返信を${edited ? '編集して' : ''}承認し、送信しました`,
    en: `${reviewer} ${edited ? 'edited and ' : ''}approved your reply; it was sent`,
  }),
  approvalRejected: (reviewer: string): Localized => ({
    ja: `${reviewer}さんが返信を差し戻しました`,
    en: `${reviewer} sent your reply back`,
  }),
  invitationMail: (m: { workspace: string; name: string; url: string; until: Localized }) => ({
    title: { ja: `Koe「${m.workspace}」への招待`, en: `You are invited to ${m.workspace} on Koe` },
    body: {
      ja:
        `${m.name} さん\n\n「${m.workspace}」のサポートデスク（Koe）に招待されました。次のリンクからパスワードを設定して参加してください（${m.until.ja} まで有効）。\n\n${m.url}\n\n` +
        '心当たりがない場合は、このメールを破棄してください。',
      en:
        `Hello ${m.name},\n\nYou have been invited to the ${m.workspace} support desk on Koe. Set your password and join from this link (valid until ${m.until.en}).\n\n${m.url}\n\n` +
        'If you did not expect this, ignore this email.',
    },
  }),
  passwordResetMail: (m: { name: string; url: string; until: Localized }) => ({
    title: { ja: 'Koe パスワードの再設定', en: 'Reset your Koe password' },
    body: {
      ja:
        `${m.name} さん\n\nパスワードの再設定を受け付けました。次のリンクから新しいパスワードを設定してください（${m.until.ja} まで有効）。設定すると、すべてのブラウザからサインアウトします。\n\n${m.url}\n\n` +
        '心当たりがない場合は、このメールを破棄してください。パスワードは変わりません。',
      en:
        `Hello ${m.name},\n\nA password reset was requested. Set a new password from this link (valid until ${m.until.en}); every browser will then be signed out.\n\n${m.url}\n\n` +
        'If this was not you, ignore this email; your password stays as it is.',
    },
  }),
  loginLocked: (m: { name: string; ip: string; until: Localized }): { title: Localized; body: Localized } => ({
    title: { ja: 'サインインを一時停止しました', en: 'Sign-ins paused for your account' },
    body: {
      ja:
        `${m.name} さんのアカウントに、これまで使われていないブラウザから誤ったパスワードが続けて入力されました（最後の接続元: ${m.ip}）。` +
        `${m.until.ja} まで、新しいブラウザからのサインインを停止しています。いつものブラウザからは通常どおりサインインできます。` +
        '心当たりがない場合は、パスワードを変更し、管理者に連絡してください。',
      en:
        `Several wrong passwords were entered for ${m.name}'s account from browsers that have not signed in to it before (last from ${m.ip}). ` +
        `Sign-ins from new browsers are paused until ${m.until.en}; the browsers you usually use still sign in as normal. ` +
        'If this was not you, change your password and tell your admin.',
    },
  }),
};

/** A time in both languages, in the workspace's time zone (notification bodies, mails). */
export function localTime(iso: string, timeZone: string, style: 'short' | 'medium' = 'short'): Localized {
  const at = new Date(iso);
  const format = (locale: string) =>
    new Intl.DateTimeFormat(locale, { timeZone, dateStyle: style, timeStyle: 'short' }).format(at);
  return { ja: format('ja-JP'), en: format('en-GB') };
}

/** What stands in for customers' words removed by data retention or an erasure request. */
export const removedTexts = {
  message: {
    ja: '（このメッセージの内容は、保存期間の経過またはお客様のご依頼により削除されました）',
    en: '(The content of this message was removed: retention period or the customer’s request)',
  } satisfies Localized,
  preview: { ja: '（内容は削除されました）', en: '(content removed)' } satisfies Localized,
  customerName: { ja: '削除済みのお客様', en: 'Erased customer' } satisfies Localized,
};
