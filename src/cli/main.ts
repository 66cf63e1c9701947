import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config';

const HELP = `koe — Koe (声) support desk

Usage:
  koe start [--role all|web|worker]
                            start the desk (web app, API, jobs); builds the web app if needed.
                            web: HTTP only; worker: jobs and background work; both need PostgreSQL and
                            KOE_REDIS_URL (several processes, docs/scale.md); all (default): everything
  koe migrate               apply database migrations and exit
  koe create-admin --workspace <name> --email <email> --name <name> [--password <pw>]
                            create the workspace and its first admin without the setup page
                            (password read from KOE_ADMIN_PASSWORD when --password is absent)
  koe sandbox [--koe <url>] [--token <api token>] [--port <n>] [--rate <posts/min>]
                            play LINE, Meta, X and email against a running desk (token or KOE_API_TOKEN);
                            KOE_SANDBOX=1 koe start runs the desk and the sandbox in one process
  koe backup <file>         copy the SQLite database while the desk runs (online; PostgreSQL: pg_dump)
  koe restore <file>        replace the SQLite database with a backup (desk stopped; the old file is kept aside)
  koe erase-customer <id, handle or email>
                            erase a customer's personal data (a privacy request; audited)
  koe triage [file] [--explain]
                            triage JSON Lines posts from a file or stdin (no server needed)
  koe --help                show this help

Environment: PORT (3000), KOE_HOST (localhost), KOE_DATA_DIR (./data), KOE_DATABASE_URL (unset = SQLite),
KOE_SECRET_KEY, KOE_PUBLIC_URL, KOE_LOG_LEVEL, KOE_SANDBOX, KOE_SANDBOX_RATE, KOE_SANDBOX_PORT, KOE_ROLE,
KOE_REDIS_URL. See README.md.`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'start':
        return await (await import('./start')).start(rest);
      case 'migrate':
        return await (await import('./migrate')).migrate();
      case 'create-admin':
        return await (await import('./create-admin')).createAdmin(rest);
      case 'sandbox':
        return await (await import('./sandbox')).sandbox(rest);
      case 'backup':
        return await (await import('./backup')).backup(rest);
      case 'restore':
        return await (await import('./backup')).restore(rest);
      case 'erase-customer':
        return await (await import('./erase-customer')).eraseCustomerCommand(rest);
      case 'triage':
        return await (await import('./triage')).triage(rest);
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        console.log(HELP);
        return command === undefined ? 1 : 0;
      default:
        console.error(`Unknown command: ${command}\n\n${HELP}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
}

export { loadConfig, parseArgs };
