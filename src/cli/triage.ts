import { existsSync } from 'node:fs';
import path from 'node:path';

/** `koe triage`: delegates to the triage module's CLI (pure, no server or database). */
export async function triage(args: string[]): Promise<number> {
  const cliPath = path.join(import.meta.dirname, '../triage/cli.ts');
  if (!existsSync(cliPath)) { console.error('The triage module is not available in this build.'); return 1; }
  const mod = (await import(cliPath)) as { runTriageCli: (a: string[], i: NodeJS.ReadableStream, o: NodeJS.WritableStream) => Promise<number> };
  return mod.runTriageCli(args, process.stdin, process.stdout);
}
