import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from '../schema';

/** A connection or a transaction: repositories work inside either. */
export type Db = Kysely<Database>;

export const parseJson = <T>(text: string | null | undefined, fallback: T): T => {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

/** Which database answers: the few queries that differ (full-text search) ask. */
export const isPostgres = (db: Kysely<Database>) => db.getExecutor().adapter instanceof PostgresAdapter;
