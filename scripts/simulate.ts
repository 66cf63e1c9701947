// npm run simulate -- frt [--seed N] [--agents N] [--posts N] [--burst N] [--reserve N]
//                         [--no-incidents] [--no-first-responders] [--no-urgent-switch] [--no-ack-draft]
// Runs a simulation scenario and prints its report; the last line is machine-readable.
import { formatReport, runFrtSimulation, type FrtOptions } from '../src/simulation/index';
import { DEFAULT_BURST } from '../src/simulation/traffic';

const USAGE = [
  'usage: simulate frt [--seed N] [--agents N] [--posts N] [--burst N] [--reserve N]',
  '                    [--no-incidents] [--no-first-responders] [--no-urgent-switch] [--no-ack-draft]',
  '  --burst 0: no outage burst; --reserve N: slots each L3 agent keeps for L3 (default 1);',
  '  --no-…: switch a Koe feature off to see what it contributes (--no-ack-draft applies to both policies)',
].join('\n');

const NUMERIC = ['seed', 'agents', 'posts', 'burst', 'reserve'];
const SWITCHES = ['no-incidents', 'no-first-responders', 'no-urgent-switch', 'no-ack-draft'];

function parseFlags(args: string[]): FrtOptions | null {
  const n: Record<string, number> = {};
  const off = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const name = args[i]?.replace(/^--/, '');
    if (SWITCHES.includes(name)) {
      off.add(name);
      continue;
    }
    const value = Number(args[++i]);
    if (
      !NUMERIC.includes(name) ||
      !Number.isInteger(value) ||
      value < (['seed', 'burst', 'reserve'].includes(name) ? 0 : 1)
    )
      return null;
    n[name] = value;
  }
  const options: FrtOptions = { seed: n.seed, agents: n.agents, posts: n.posts };
  if (n.burst !== undefined) options.burst = n.burst === 0 ? null : { ...DEFAULT_BURST, posts: n.burst };
  options.features = {
    ...(n.reserve !== undefined ? { reserveUrgentSlots: n.reserve } : {}),
    ...(off.has('no-incidents') ? { incidents: false } : {}),
    ...(off.has('no-first-responders') ? { firstResponders: false } : {}),
    ...(off.has('no-urgent-switch') ? { urgentSwitchResumeS: null } : {}),
  };
  if (off.has('no-ack-draft')) options.ackFirst = false;
  return options;
}

const [scenario, ...rest] = process.argv.slice(2);
const options = scenario === 'frt' ? parseFlags(rest) : null;
if (!options) {
  console.error(USAGE);
  process.exit(2);
}
console.log(formatReport(runFrtSimulation(options)));
