import { sql, type RawBuilder } from 'kysely';

/** tsvector input syntax, positions from 1: the tokens as they stand, never re-parsed by a text-search config. */
const tsvectorLiteral = (tokens: string[]) =>
  tokens.map((t, i) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${Math.min(i + 1, 16383)}`).join(' ');

/** The index row of one message (src/search/tokens.ts gives the tokens). */
export function searchRow(pg: boolean, messageId: string, tokens: string[]): RawBuilder<unknown> {
  return pg
    ? sql`insert into message_search (message_id, tokens) values (${messageId}, cast(${tsvectorLiteral(tokens)} as tsvector))
          on conflict (message_id) do update set tokens = excluded.tokens`
    : sql`insert into message_search (tokens, message_id) values (${tokens.join(' ')}, ${messageId})`;
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
