/** "On Mon, 1 May 2026 at 10:00, Koe <support@…> wrote:" and the usual Japanese client variants. */
const ATTRIBUTION = /(wrote|écrit|schrieb)\s*:\s*$|(のメッセージ|書きました|書き込みました|送信しました)\s*[:：]?\s*$/i;

/**
 * Mail clients append the whole earlier exchange, quoted with "> ". The agent already has it in the
 * conversation, so the trailing quoted block and its attribution line are dropped; quotes inside the
 * customer's own text stay.
 */
export function withoutQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let end = lines.length;
  while (end > 0 && (lines[end - 1].trim() === '' || lines[end - 1].trimStart().startsWith('>'))) end--;
  if (end === lines.length) return text.trim();
  if (end > 0 && ATTRIBUTION.test(lines[end - 1])) end--;
  const kept = lines.slice(0, end).join('\n').trim();
  return kept || text.trim();
}
