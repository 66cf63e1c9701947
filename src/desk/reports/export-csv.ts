import { conversationRef } from '../../domain/reply-variables';
import type { FactRow } from '../../store/repositories/reports';
import {
  categoryName,
  channelKindName,
  flagName,
  reportCsvTexts,
  sentimentName,
  slaOutcomeName,
  statusName,
} from '../../texts/desk-texts';
import type { Lang } from '../../texts/localized';
import { localDays } from './facts';
import { slaNow, type Dimension } from './figures';

// The reports export is read by a person in a spreadsheet, so every header and cell is in words in the reader's
// language — 請求トラブル, 超過, 「#3F2A9C1E」 — never a code the store keeps (billing_error, breached, a UUID).

/** The columns in order; each header is `reportCsvTexts.columns[column]` in the reader's language. */
export const CSV_COLUMNS = [
  'reference',
  'link',
  'created_local',
  'channel',
  'channel_kind',
  'level',
  'category',
  'sentiment',
  'team',
  'agent',
  'status',
  'set_aside',
  'public_post',
  'customer_messages',
  'agent_replies',
  'first_response_min',
  'first_response_business_min',
  'sla_target_min',
  'sla',
  'next_responses',
  'next_response_mean_min',
  'resolution_min',
  'reopens',
  'escalated_to_level',
  'handoff_min',
  'csat',
  'nps',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** One CSV field: quoted when it holds a comma, quote or line break; a leading formula character is defused. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
const minutes = (v: number | string | null) => (v === null ? null : Math.round((Number(v) / 60_000) * 10) / 10);

export interface CsvOptions {
  lang: Lang;
  now: Date;
  /** The desk's address (KOE_PUBLIC_URL, else the one the request came to): each row links to its conversation. */
  baseUrl: string;
}

/** The export's text: a byte-order mark (so spreadsheet programs read the Japanese as UTF-8), a header, a row each. */
export function reportCsv(
  rows: { facts: FactRow[]; name: (d: Dimension, key: string) => string; timeZone: string },
  o: CsvOptions,
): string {
  const { lang, now } = o;
  const t = reportCsvTexts;
  const local = localDays(rows.timeZone);
  const base = o.baseUrl.replace(/\/+$/, '');
  const lines = [CSV_COLUMNS.map((c) => csvField(t.columns[c][lang])).join(',')];
  for (const f of rows.facts) {
    const at = local(Date.parse(f.created_at));
    const flag = f.flag === 'spam' || f.flag === 'troll' ? flagName(f.flag)[lang] : '';
    const escalatedTo = Number(f.escalated_to);
    const cells: Record<CsvColumn, string | number | null> = {
      reference: `#${conversationRef(f.conversation_id)}`,
      link: `${base}/conversations/${encodeURIComponent(f.conversation_id)}`,
      created_local: `${at.day} ${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`,
      channel: rows.name('channel', f.channel_id),
      channel_kind: channelKindName(f.channel_kind)[lang],
      level: `L${Number(f.level)}`,
      category: f.category ? categoryName(f.category)[lang] : t.uncategorised[lang],
      sentiment: f.sentiment ? sentimentName(f.sentiment)[lang] : t.noSentiment[lang],
      team: f.team_id ? rows.name('team', f.team_id) : t.noTeam[lang],
      agent: f.agent_id ? rows.name('agent', f.agent_id) : t.unassigned[lang],
      status: statusName(f.status)[lang],
      set_aside: flag,
      public_post: Number(f.public) ? t.yes[lang] : t.no[lang],
      customer_messages: Number(f.customer_messages),
      agent_replies: Number(f.agent_replies),
      first_response_min: minutes(f.first_response_ms),
      first_response_business_min: minutes(f.first_response_business_ms),
      sla_target_min: minutes(f.sla_target_ms),
      sla: slaOutcomeName(slaNow(f, now))[lang],
      next_responses: Number(f.next_responses),
      next_response_mean_min: Number(f.next_responses)
        ? minutes(Number(f.next_response_ms_total) / Number(f.next_responses))
        : null,
      resolution_min: minutes(f.resolution_ms),
      reopens: Number(f.reopens),
      escalated_to_level: escalatedTo ? `L${escalatedTo}` : '',
      handoff_min: minutes(f.handoff_ms),
      csat: f.csat === null ? null : Number(f.csat),
      nps: f.nps === null ? null : Number(f.nps),
    };
    lines.push(CSV_COLUMNS.map((c) => csvField(cells[c])).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
