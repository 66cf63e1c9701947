import { sql, type RawBuilder } from 'kysely';

/** tsvector input syntax, positions from 1: the tokens as they stand, never re-parsed by a text-search config. */
const tsvectorLiteral = (tokens: string[]) =>
  tokens.map((t, i) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${Math.min(i + 1, 16383)}`).join(' ');

export interface SearchIndexRow {
  messageId: string;
  createdAt: string;
  /** From src/search/tokens.ts. */
  tokens: string[];
}

/**
 * Index rows for messages, many in one statement. PostgreSQL keeps the message's time beside its tokens, so a search
 * can look at the newest messages first (see search.messages).
 */
export function searchRows(pg: boolean, rows: SearchIndexRow[]): RawBuilder<unknown> {
  return pg
    ? sql`insert into message_search (message_id, created_at, tokens) values ${sql.join(
        rows.map((r) => sql`(${r.messageId}, ${r.createdAt}, cast(${tsvectorLiteral(r.tokens)} as tsvector))`),
      )} on conflict (message_id) do update set tokens = excluded.tokens`
    : sql`insert into message_search (tokens, message_id) values ${sql.join(
        rows.map((r) => sql`(${r.tokens.join(' ')}, ${r.messageId})`),
      )}`;
}

/** The phrase as each engine's query language writes it: FTS5 `"a b" *`, tsquery `'a' <-> 'b':*`. */
export function matchExpression(pg: boolean, phrase: { tokens: string[]; prefixLast: boolean }): string {
  if (pg)
    return phrase.tokens
      .map(
        (t, i) =>
          `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${phrase.prefixLast && i === phrase.tokens.length - 1 ? ':*' : ''}`,
      )
      .join(' <-> ');
  return `"${phrase.tokens.join(' ').replace(/"/g, '""')}"${phrase.prefixLast ? ' *' : ''}`;
}
