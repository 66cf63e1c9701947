// npm run simulate -- frt [--seed N] [--agents N] [--posts N]
// Runs a simulation scenario and prints its report; the last line is machine-readable.
import { formatReport, runFrtSimulation } from '../src/simulation/index';

const USAGE = 'usage: simulate frt [--seed N] [--agents N] [--posts N]';

function parseFlags(args: string[]): { seed?: number; agents?: number; posts?: number } | null {
  const out: Record<string, number> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]?.replace(/^--/, '');
    const value = Number(args[i + 1]);
    if (!['seed', 'agents', 'posts'].includes(name) || !Number.isInteger(value) || value < (name === 'seed' ? 0 : 1)) return null;
    out[name] = value;
  }
  return out;
}

const [scenario, ...rest] = process.argv.slice(2);
const flags = scenario === 'frt' ? parseFlags(rest) : null;
if (!flags) {
  console.error(USAGE);
  process.exit(2);
}
console.log(formatReport(runFrtSimulation(flags)));
