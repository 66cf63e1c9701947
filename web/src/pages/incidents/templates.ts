// Approved starting wording for incident acknowledgements and follow-ups, per urgent category.
// Both languages are always sent to the server (the customer's language picks one), so these are
// fixed texts, not UI translations. The server puts 「名前さん、」 / "Hi Name — " in front and signs them.
import type { IncidentCategory } from '../../api/incidents';

interface Texts {
  ja: string;
  en: string;
}

const OFFICIAL_JA = '状況は公式アカウントでお知らせします。';
const OFFICIAL_EN = "We'll post updates on our official account.";

export const ACK_TEMPLATES: Record<IncidentCategory, Texts> = {
  outage: {
    ja: `ご不便をおかけし申し訳ございません。現在、サービスの一部で障害が発生しており、復旧に向けて対応中です。${OFFICIAL_JA}`,
    en: `We're sorry for the inconvenience. Part of our service is currently unavailable and we are working to restore it. ${OFFICIAL_EN}`,
  },
  billing_error: {
    ja: `ご不便をおかけし申し訳ございません。現在、一部のお客様のご請求に誤りが発生しており、原因の確認と返金に向けて対応中です。${OFFICIAL_JA}`,
    en: `We're sorry for the trouble. Some customers have been charged incorrectly; we are investigating and will refund any wrong charges. ${OFFICIAL_EN}`,
  },
  defect: {
    ja: `ご不便をおかけし申し訳ございません。現在、一部の商品で不具合が確認されており、原因の調査と対応を進めております。${OFFICIAL_JA}`,
    en: `We're sorry for the trouble. We have confirmed a defect in some products and are investigating it. ${OFFICIAL_EN}`,
  },
  safety: {
    ja: `ご心配をおかけし申し訳ございません。安全に関わる事案として最優先で確認しております。該当の商品はご使用をお控えください。${OFFICIAL_JA}`,
    en: `We're sorry for the worry. We are treating this as a safety issue with top priority; please stop using the product for now. ${OFFICIAL_EN}`,
  },
  backlash: {
    ja: `ご不快な思いをおかけし申し訳ございません。いただいたご意見を真摯に受け止め、社内で確認を進めております。${OFFICIAL_JA}`,
    en: `We're sorry for the distress this has caused. We take your feedback seriously and are reviewing it internally. ${OFFICIAL_EN}`,
  },
};

export const FOLLOW_UP_TEMPLATES: Record<IncidentCategory, Texts> = {
  outage: {
    ja: '復旧しました。ご不便をおかけし申し訳ございませんでした。まだ解消しない場合は、このままご返信ください。',
    en: "The service has been restored. We're sorry for the inconvenience. If anything still doesn't work, just reply here.",
  },
  billing_error: {
    ja: 'ご請求の誤りを修正しました。誤ってご請求した金額は返金いたします。ご不便をおかけし申し訳ございませんでした。',
    en: "The billing error has been fixed and any wrong charges will be refunded. We're sorry for the trouble.",
  },
  defect: {
    ja: '不具合への対応を開始しました。交換・返金のご案内は公式アカウントに掲載しています。ご不便をおかけし申し訳ございませんでした。',
    en: "We have started handling the defect; exchange and refund details are on our official account. We're sorry for the trouble.",
  },
  safety: {
    ja: '確認が完了し、詳しいご案内を公式アカウントに掲載しました。ご心配をおかけし申し訳ございませんでした。',
    en: "Our review is complete and details are posted on our official account. We're sorry for the worry this caused.",
  },
  backlash: {
    ja: '本件への対応方針を公式アカウントで公開しました。貴重なご意見をありがとうございました。',
    en: 'We have published our response on our official account. Thank you for your feedback.',
  },
};

/** The template of the most pressing category chosen (safety, then outage, …), or the outage wording. */
export function pickTemplate(templates: Record<IncidentCategory, Texts>, categories: readonly string[]): Texts {
  const order: IncidentCategory[] = ['safety', 'outage', 'billing_error', 'defect', 'backlash'];
  const first = order.find((c) => categories.includes(c));
  return templates[first ?? 'outage'];
}

/** Link-window choices of the declare dialog, in minutes. */
export const LINK_WINDOWS = [15, 30, 60, 120, 240, 1440] as const;
