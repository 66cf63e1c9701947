// First-response-time simulation: one sandbox day through the real triage,
// routing and SLA code (policy "koe") and through a FIFO single queue, with
// the same posts, the same agents and the same handling times.
import { analyse } from '../triage/index';
import { drawHandling, teamOf, TEAM, type AgentProfile } from './agents';
import { Desk, type DeskPolicy, type PreparedPost } from './desk';
import type { IncidentRecord } from './incidents';
import { fifoPolicy, incidentsOf, KOE_DEFAULT_FEATURES, makeKoePolicy, type KoeFeatures } from './policies';
import { deriveRng } from './random';
import { policyLines, policySummaryLine, seconds, summarise, type PolicyFigures } from './report';
import { DEFAULT_BURST, generateTraffic, type OutageBurst } from './traffic';

export interface FrtOptions {
  seed?: number;
  /** Posts in the day, outage burst included. */
  posts?: number;
  agents?: number;
  burst?: OutageBurst | null;
  /** Overrides the roster (tests use tiny hand-made teams). */
  team?: readonly AgentProfile[];
  /** Extra time after midnight for the last posts to be answered. */
  drainS?: number;
  /** Agents start urgent posts from the acknowledgement draft (both policies; default true). */
  ackFirst?: boolean;
  /** Koe features to switch off (default: all on, as a new workspace has them). */
  features?: Partial<KoeFeatures>;
}

export interface FrtReport {
  seed: number;
  posts: number;
  agents: number;
  traffic: { japanese: number; spam: number; burst: number };
  /** How often triage's level matched the generator's intent, and recall of true L3 as L3. */
  triage: { levelAgreement: number; l3Recall: number };
  koe: PolicyFigures;
  fifo: PolicyFigures;
  /** Spike alerts and incidents on Koe's desk. */
  incidents: IncidentRecord[];
  settings: { ackFirst: boolean; features: KoeFeatures };
  result: { l3P90S: number; fifoL3P90S: number; ratio: number; responseRate: number };
}

export const DEFAULTS = { seed: 1, posts: 1500, drainS: 3600 };

export function preparePosts(options: FrtOptions): PreparedPost[] {
  const seed = options.seed ?? DEFAULTS.seed;
  const traffic = generateTraffic({
    seed,
    posts: options.posts ?? DEFAULTS.posts,
    burst: options.burst === undefined ? DEFAULT_BURST : options.burst,
  });
  const rng = deriveRng(seed, 'handling');
  // Triage runs once per post, as at ingest; routing only ever sees its output.
  return traffic.map((post) => ({
    post,
    triage: analyse({ text: post.text, lang: post.lang, context: post.context }),
    handling: drawHandling(rng, post.intent, post.burst, { ackFirst: options.ackFirst ?? true }),
  }));
}

export function runDesk(
  policy: DeskPolicy,
  prepared: readonly PreparedPost[],
  team: readonly AgentProfile[],
  drainS = DEFAULTS.drainS,
): Desk {
  const desk = new Desk(policy, team, 24 * 3600 + drainS);
  for (const p of prepared) desk.arrive(p);
  desk.run();
  return desk;
}

export function runFrtSimulation(options: FrtOptions = {}): FrtReport {
  const prepared = preparePosts(options);
  const team = options.team ?? teamOf(options.agents ?? TEAM.length);
  const features: KoeFeatures = { ...KOE_DEFAULT_FEATURES, ...options.features };
  const koeDesk = runDesk(makeKoePolicy(features), prepared, team, options.drainS);
  const koe = summarise(koeDesk);
  const fifo = summarise(runDesk(fifoPolicy, prepared, team, options.drainS));
  const posts = prepared.map((p) => p.post);
  const l3 = prepared.filter((p) => p.post.trueLevel === 3);
  return {
    seed: options.seed ?? DEFAULTS.seed,
    posts: posts.length,
    agents: team.length,
    traffic: {
      japanese: posts.filter((p) => p.lang === 'ja').length / Math.max(1, posts.length),
      spam: posts.filter((p) => p.intent === 'spam').length,
      burst: posts.filter((p) => p.burst).length,
    },
    triage: {
      levelAgreement: prepared.filter((p) => p.triage.level === p.post.trueLevel).length / Math.max(1, prepared.length),
      l3Recall: l3.filter((p) => p.triage.level === 3).length / Math.max(1, l3.length),
    },
    koe,
    fifo,
    incidents: incidentsOf(koeDesk),
    settings: { ackFirst: options.ackFirst ?? true, features },
    result: {
      l3P90S: koe.levels[2].p90S,
      fifoL3P90S: fifo.levels[2].p90S,
      ratio: fifo.levels[2].p90S / koe.levels[2].p90S,
      responseRate: koe.responseRate,
    },
  };
}

const onOff = (on: boolean): string => (on ? 'on' : 'off');

const clock = (s: number): string => {
  const m = Math.floor(s / 60);
  return `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
};

export function formatReport(r: FrtReport): string {
  const lines = [
    `FRT simulation — seed ${r.seed}, ${r.posts} posts (${(r.traffic.japanese * 100).toFixed(0)}% Japanese, ${r.traffic.spam} spam, outage burst ${r.traffic.burst}), ${r.agents} agents`,
    `triage vs generator intent: level agreement ${(r.triage.levelAgreement * 100).toFixed(1)}%, L3 recall ${(r.triage.l3Recall * 100).toFixed(1)}%`,
    "FRT is measured by the post's true level; spam is excluded from the response rate (it needs no reply).",
    `settings: acknowledgement draft ${onOff(r.settings.ackFirst)} (both policies); koe: incidents ${onOff(r.settings.features.incidents)}, first responders ${onOff(r.settings.features.firstResponders)}, urgent switch ${r.settings.features.urgentSwitchResumeS === null ? 'off' : `on (resume +${r.settings.features.urgentSwitchResumeS}s)`}, L3 slots kept for L3 ${r.settings.features.reserveUrgentSlots}`,
    ...r.incidents.map(
      (i) =>
        `incident ${i.category}: spike alert ${clock(i.alertS)}, declared ${i.declaredS === null ? '—' : `${clock(i.declaredS)} by ${i.declaredBy}`}, resolved ${i.resolvedS === null ? '—' : clock(i.resolvedS)}, ${i.acknowledged} conversations acknowledged`,
    ),
    ...policyLines(r.koe),
    ...policyLines(r.fifo),
    policySummaryLine(r.koe),
    policySummaryLine(r.fifo),
    `RESULT frt l3_p90_s=${seconds(r.result.l3P90S)} fifo_l3_p90_s=${seconds(r.result.fifoL3P90S)} ratio=${Number.isFinite(r.result.ratio) ? r.result.ratio.toFixed(2) : 'inf'} response_rate=${r.result.responseRate.toFixed(3)}`,
  ];
  return lines.join('\n');
}
