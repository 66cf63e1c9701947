// npm run eval:triage — scores the analyser (rules + shipped base model, the
// default) on the dev set (used for tuning), the holdout set (never used for
// tuning), the fresh halves (fresh-dev tuned, fresh-test untuned), the blind
// halves (blind-tune tuned, blind-test untuned), the blind2 halves (blind2-tune
// tuned, blind2-test untuned) and blind3 (untuned; see src/triage/evaluation/labelled-sets.ts),
// then the rules alone against the default per set. `--errors` lists dev
// mistakes only.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EvalReport } from '../src/triage/evaluation/evaluate';
import { evaluate, loadLabelled, targetsFor } from '../src/triage/evaluation/evaluate';
import { CATEGORIES } from '../src/triage/types';
import type { BrandProfile } from '../src/triage/brands';

const fixtures = fileURLToPath(new URL('../test/fixtures/triage/', import.meta.url));
const SETS = [
  { name: 'dev', file: `${fixtures}posts.jsonl` },
  { name: 'holdout', file: `${fixtures}holdout.jsonl` },
];

const f = (n: number): string => n.toFixed(3);
const mark = (ok: boolean): string => (ok ? 'ok ' : 'MISS');

function print(name: string, r: EvalReport): void {
  const TARGETS = targetsFor(name);
  console.log(`\n== ${name} (${r.count} posts) ==`);
  console.log('category          precision  recall   f1     support');
  for (const c of CATEGORIES) {
    const m = r.perCategory[c];
    console.log(`${c.padEnd(17)} ${f(m.precision)}      ${f(m.recall)}    ${f(m.f1)}  ${m.support}`);
  }
  const l3 = r.level3;
  console.log(
    `category micro-F1      ${f(r.categoryMicroF1)}  [${mark(r.categoryMicroF1 >= TARGETS.categoryMicroF1)}] target ≥ ${TARGETS.categoryMicroF1}`,
  );
  console.log(
    `sentiment macro-F1     ${f(r.sentimentMacroF1)}  [${mark(r.sentimentMacroF1 >= TARGETS.sentimentMacroF1)}] target ≥ ${TARGETS.sentimentMacroF1}`,
  );
  for (const [s, m] of Object.entries(r.perSentiment))
    console.log(`  ${s.padEnd(9)} p=${f(m.precision)} r=${f(m.recall)} f1=${f(m.f1)}`);
  console.log(
    `level-3 recall         ${f(l3.recall)}  [${mark(l3.recall >= TARGETS.level3Recall)}] target ≥ ${TARGETS.level3Recall}`,
  );
  console.log(
    `level-3 precision      ${f(l3.precision)}  [${mark(l3.precision >= TARGETS.level3Precision)}] target ≥ ${TARGETS.level3Precision}`,
  );
  console.log(`level accuracy         ${f(r.levelAccuracy)}`);
  console.log(
    `needs a look           ${r.needsLook.marked} posts, ${r.needsLook.urgent} of them level 3 in the labels`,
  );
}

const showErrors = process.argv.includes('--errors');
let missing = false;
for (const set of SETS) {
  if (!existsSync(set.file)) {
    console.error(`missing ${set.file}`);
    missing = true;
    continue;
  }
  const report = evaluate(loadLabelled(set.file));
  print(set.name, report);
  if (showErrors && set.name === 'dev') {
    for (const { post, result } of report.errors) {
      console.log(
        `${post.id} gold=${post.sentiment}/${post.categories.join(',') || '-'}/L${post.level} ` +
          `got=${result.sentiment}(${result.sentimentScore})/${result.categories.join(',') || '-'}/L${result.level}  ${post.text}`,
      );
    }
  }
}
(await import('../src/triage/evaluation/labelled-sets')).printFreshSets(fixtures, print);

// What the shipped base model adds: the rules alone vs the default (rules + base model), per set.
{
  const { reportedSets, summary } = await import('../src/triage/evaluation/labelled-sets');
  const all = [
    ...SETS.filter((s) => existsSync(s.file)).map((s) => ({ name: s.name, posts: loadLabelled(s.file) })),
    ...reportedSets(fixtures).slice(1),
  ];
  console.log('\n== rules alone → default (rules + base model) ==');
  for (const set of all) {
    const { brands } = set as { brands?: BrandProfile };
    console.log(summary(`${set.name} rules`, evaluate(set.posts, { baseModel: null, brands })));
    console.log(summary(`${set.name} default`, evaluate(set.posts, { brands })));
  }
}
process.exitCode = missing ? 1 : 0;
