// npm run simulate -- frt [--seed N] [--agents N] [--posts N] [--burst N]
// Runs a simulation scenario and prints its report; the last line is machine-readable.
import { formatReport, runFrtSimulation } from '../src/simulation/index';
import { DEFAULT_BURST } from '../src/simulation/traffic';

const USAGE = 'usage: simulate frt [--seed N] [--agents N] [--posts N] [--burst N]   (--burst 0: no outage burst)';

function parseFlags(args: string[]): Record<string, number> | null {
  const out: Record<string, number> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]?.replace(/^--/, '');
    const value = Number(args[i + 1]);
    if (!['seed', 'agents', 'posts', 'burst'].includes(name) || !Number.isInteger(value) || value < (name === 'seed' || name === 'burst' ? 0 : 1)) return null;
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
const { burst, ...common } = flags;
const options = burst === undefined ? common : { ...common, burst: burst === 0 ? null : { ...DEFAULT_BURST, posts: burst } };
console.log(formatReport(runFrtSimulation(options)));
