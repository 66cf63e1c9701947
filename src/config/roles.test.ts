import { describe, expect, it } from 'vitest';
import { ConfigError } from './config';
import { checkRole } from './roles';

const pg = 'postgres://postgres@127.0.0.1/koe';
const redis = { url: 'redis://127.0.0.1:6379', prefix: 'koe:' };

describe('process roles', () => {
  it('lets one process do everything on either database, with or without Redis', () => {
    expect(() => checkRole({ role: 'all', redis: { prefix: 'koe:' } })).not.toThrow();
    expect(() => checkRole({ role: 'all', databaseUrl: pg, redis })).not.toThrow();
  });

  it('refuses web and worker processes on SQLite, saying why', () => {
    for (const role of ['web', 'worker'] as const) {
      expect(() => checkRole({ role, redis })).toThrow(ConfigError);
      expect(() => checkRole({ role, redis })).toThrow(/PostgreSQL database: set KOE_DATABASE_URL/);
    }
  });

  it('refuses web and worker processes without Redis', () => {
    expect(() => checkRole({ role: 'worker', databaseUrl: pg, redis: { prefix: 'koe:' } })).toThrow(/KOE_REDIS_URL/);
    expect(() => checkRole({ role: 'web', databaseUrl: pg, redis })).not.toThrow();
  });
});
