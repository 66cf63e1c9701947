import { runTriageCli } from '../triage/cli';

/** `koe triage`: the triage module's CLI (pure, no server or database). */
export const triage = (args: string[]): Promise<number> => runTriageCli(args, process.stdin, process.stdout);
