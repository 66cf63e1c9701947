import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_core';

/** Migrations are compiled in (not read from disk) so the same set runs from source, tests and bundles. */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return { '001_core': m001 };
  },
};
