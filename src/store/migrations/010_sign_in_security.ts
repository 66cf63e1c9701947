import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // Per-account sign-in lock (failures from browsers that never signed in to the account; see desk/sign-in.ts).
  await db.schema
    .alterTable('agents')
    .addColumn('login_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('agents').addColumn('login_failures_since', 'text').execute();
  await db.schema.alterTable('agents').addColumn('login_locked_until', 'text').execute();
  // Two-factor sign-in (TOTP): the secret is sealed with the instance key; recovery codes are kept as SHA-256 hashes.
  await db.schema.alterTable('agents').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('agents').addColumn('totp_pending', 'text').execute();
  await db.schema.alterTable('agents').addColumn('totp_enabled_at', 'text').execute();
  await db.schema.alterTable('agents').addColumn('totp_last_step', 'integer').execute();
  await db.schema
    .alterTable('agents')
    .addColumn('recovery_codes', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  // How the session was opened: 'password' (maybe with a second factor) or 'sso' (the identity provider's own checks).
  await db.schema
    .alterTable('sessions')
    .addColumn('via', 'text', (c) => c.notNull().defaultTo('password'))
    .execute();
  // The step between a correct password and the second factor.
  await db.schema
    .createTable('login_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('security_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One pending job per key (e.g. one SLA check per conversation): enqueueing again replaces, never adds.
  await db.schema.alterTable('jobs').addColumn('dedupe_key', 'text').execute();
  await sql`create unique index jobs_queued_dedupe_key on jobs (dedupe_key) where status = 'queued' and dedupe_key is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists jobs_queued_dedupe_key`.execute(db);
  await db.schema.alterTable('jobs').dropColumn('dedupe_key').execute();
  await db.schema.dropTable('security_settings').execute();
  await db.schema.dropTable('login_challenges').execute();
  await db.schema.alterTable('sessions').dropColumn('via').execute();
  for (const c of [
    'recovery_codes',
    'totp_last_step',
    'totp_enabled_at',
    'totp_pending',
    'totp_secret',
    'login_locked_until',
    'login_failures_since',
    'login_failures',
  ]) {
    await db.schema.alterTable('agents').dropColumn(c).execute();
  }
}
