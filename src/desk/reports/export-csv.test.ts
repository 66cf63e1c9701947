import { describe, expect, it } from 'vitest';
import type { FactRow } from '../../store/repositories/reports';
import { csvField, reportCsv } from './export-csv';

const fact = (over: Partial<FactRow> = {}): FactRow => ({
  conversation_id: '3f2a9c1e-77aa-4b1c-9d00-1234567890ab',
  workspace_id: 'w',
  created_at: '2026-11-02T08:30:00.000Z',
  channel_id: 'ch',
  channel_kind: 'line',
  level: 2,
  category: 'billing_error',
  sentiment: 'negative',
  team_id: '',
  agent_id: 'ag',
  flag: '',
  status: 'pending',
  public: 0,
  customer_messages: 2,
  agent_replies: 1,
  first_response_ms: 90_000,
  first_response_business_ms: 90_000,
  sla_target_ms: 1_800_000,
  sla: 'due',
  sla_due_at: '2026-11-02T09:00:00.000Z',
  next_responses: 0,
  next_response_ms_total: 0,
  resolution_ms: null,
  reopens: 0,
  escalated_to: 0,
  escalations: 0,
  handoff_ms: null,
  computed_at: '2026-11-02T09:00:00.000Z',
  csat: 4,
  nps: null,
  rollup_day: null,
  rollup_hour: null,
  ...over,
});
const names = (_: string, key: string) => ({ ch: '=公式LINE', ag: '山田' })[key] ?? key;

function parse(csv: string) {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const [head, ...rows] = csv.slice(1).trimEnd().split('\r\n');
  return { head: head.split(','), rows: rows.map((r) => r.split(',')) };
}

describe('the reports export', () => {
  it('writes a conversation in Japanese words, by its reference and a link', () => {
    const csv = reportCsv(
      { facts: [fact()], name: names, timeZone: 'Asia/Tokyo' },
      { lang: 'ja', now: new Date('2026-11-02T10:00:00Z'), baseUrl: 'https://support.example.jp/' },
    );
    const { head, rows } = parse(csv);
    const at = (col: string) => rows[0][head.indexOf(col)];
    expect(at('お問い合わせ番号')).toBe('#3F2A9C1E');
    expect(at('会話へのリンク')).toBe('https://support.example.jp/conversations/3f2a9c1e-77aa-4b1c-9d00-1234567890ab');
    expect(at('受信日時')).toBe('2026-11-02 17:30');
    expect(at('チャネルの種類')).toBe('LINE');
    expect(at('分類')).toBe('請求トラブル');
    expect(at('感情')).toBe('ネガティブ');
    expect(at('状態')).toBe('保留');
    expect(at('チーム')).toBe('チームなし');
    expect(at('担当者')).toBe('山田');
    // Owed a reply past its deadline at export time: breached, though the stored fact still says "due".
    expect(at('SLA（初回応答）')).toBe('超過');
    expect(at('初回応答（分）')).toBe('1.5');
    expect(at('顧客満足度（CSAT 1〜5）')).toBe('4');
    // A name that a spreadsheet would read as a formula is defused.
    expect(at('チャネル')).toBe("'=公式LINE");
  });

  it('writes the same in English', () => {
    const csv = reportCsv(
      {
        facts: [fact({ flag: 'troll', public: 1, escalated_to: 3, sla: 'met', category: '' })],
        name: names,
        timeZone: 'UTC',
      },
      { lang: 'en', now: new Date('2026-11-02T10:00:00Z'), baseUrl: 'http://127.0.0.1:3000' },
    );
    const { head, rows } = parse(csv);
    const at = (col: string) => rows[0][head.indexOf(col)];
    expect(at('Status')).toBe('pending');
    expect(at('Category')).toBe('uncategorised');
    expect(at('Set aside (spam or troll)')).toBe('possible troll');
    expect(at('Public post')).toBe('yes');
    expect(at('Escalated to')).toBe('L3');
    expect(at('SLA (first response)')).toBe('met');
    expect(at('Received (desk time)')).toBe('2026-11-02 08:30');
  });

  it('quotes fields a spreadsheet would split or run', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('+81 3')).toBe("'+81 3");
    expect(csvField('@here')).toBe("'@here");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });
});
