// npm run triage:corrections — how many agent corrections a workspace needs before its own learned model fixes the
// errors the shipped analyser makes on that workspace's stream (issue 13).
//
// Each realistic corpus file (corpus/c19…c23, one invented workspace each, with its brand profile) is a workspace's
// day, in order, read with a base model trained without that file (as the shipped model has never seen a new
// workspace). The first 70% is the desk at work: every post triage gets wrong at level 3 (a false alarm or a miss)
// or marks "needs a look" is corrected by an agent with the file's labels, and the workspace model learns it, as the
// desk does (PATCH /api/conversations/:id → WorkspaceTriage.learn, and the decision becomes a precedent). After every 10 corrections the last 30% —
// never corrected — is scored with the workspace model so far. Deterministic; prints a table per workspace and a
// pooled one, then `RESULT …`.
import { fileURLToPath } from 'node:url';
import type { LabelledPost } from '../src/triage/evaluation/evaluate';
import { scoreRows } from '../src/triage/evaluation/evaluate';
import { corpusSets } from '../src/triage/evaluation/labelled-sets';
import { analyse, BaseModel, LearnedModel, Precedents } from '../src/triage/index';
import type { PrecedentInput } from '../src/triage/precedents';
import type { BrandProfile } from '../src/triage/brands';
import { trainBaseModel } from '../src/triage/base-model';
import { toExample, TRAIN_OPTIONS, tuningSets } from './train-base-model';

const fixtures = fileURLToPath(new URL('../test/fixtures/triage/', import.meta.url));
const CHECKPOINT = 10;
const f3 = (n: number) => n.toFixed(3);

interface Reading {
  corrections: number;
  recall: number;
  precision: number;
  looks: number;
}

function curve(posts: LabelledPost[], brands: BrandProfile | undefined, baseModel: BaseModel): Reading[] {
  const cut = Math.floor(posts.length * 0.7);
  const work = posts.slice(0, cut);
  const held = posts.slice(cut);
  const model = new LearnedModel();
  const decisions: PrecedentInput[] = [];
  let precedents = new Precedents([]);
  const score = (corrections: number): Reading => {
    const rows = held.map((p) => ({
      p,
      r: analyse({ text: p.text, lang: p.lang }, { brands, model, baseModel, precedents }),
    }));
    const m = scoreRows(rows);
    return { corrections, recall: m.level3.recall, precision: m.level3.precision, looks: m.needsLook.marked };
  };
  const readings = [score(0)];
  let corrections = 0;
  for (const p of work) {
    const r = analyse({ text: p.text, lang: p.lang }, { brands, model, baseModel, precedents });
    const wrong = (r.level === 3) !== (p.level === 3);
    if (!wrong && !r.flags.needsLook) continue;
    model.learn(p.text, { sentiment: p.sentiment, categories: p.categories, level: p.level });
    decisions.unshift({ text: p.text, level: p.level, categories: p.categories });
    precedents = new Precedents(decisions);
    corrections++;
    if (corrections % CHECKPOINT === 0) readings.push(score(corrections));
  }
  if (corrections % CHECKPOINT !== 0) readings.push(score(corrections));
  return readings;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sets = corpusSets(fixtures).filter((s) => s.brands);
  const training = tuningSets();
  let first = { r: 0, p: 0 };
  let last = { r: 0, p: 0, n: 0 };
  for (const set of sets) {
    const rest = training.filter((t) => t.name !== set.name);
    const baseModel = new BaseModel(
      trainBaseModel(
        rest.flatMap((t) => t.posts.map((p) => toExample(p, t.brands))),
        rest.map((t) => t.name),
        TRAIN_OPTIONS,
      ),
    );
    const readings = curve(set.posts, set.brands, baseModel);
    console.log(
      `\n== ${set.name} (${set.posts.length} posts; the last ${set.posts.length - Math.floor(set.posts.length * 0.7)} held out)`,
    );
    console.log('  corrections  L3 recall  L3 precision  needs a look');
    for (const x of readings)
      console.log(
        `  ${String(x.corrections).padStart(11)}  ${f3(x.recall).padStart(9)}  ${f3(x.precision).padStart(12)}  ${String(x.looks).padStart(12)}`,
      );
    first = { r: first.r + readings[0].recall, p: first.p + readings[0].precision };
    const end = readings[readings.length - 1];
    last = { r: last.r + end.recall, p: last.p + end.precision, n: last.n + end.corrections };
  }
  const k = sets.length || 1;
  console.log(
    `RESULT triage-corrections workspaces=${sets.length} corrections_per_workspace=${(last.n / k).toFixed(1)} ` +
      `recall_before=${f3(first.r / k)} recall_after=${f3(last.r / k)} precision_before=${f3(first.p / k)} precision_after=${f3(last.p / k)}`,
  );
}
