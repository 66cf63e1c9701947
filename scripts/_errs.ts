import { readFileSync } from 'node:fs';
import { loadLabelled } from '../src/triage/evaluation/evaluate';
import { analyse } from '../src/triage/index';
import { BaseModel } from '../src/triage/base-model';
const [f, modelPath] = process.argv.slice(2);
const brands = JSON.parse(readFileSync(f.replace('.jsonl', '.workspace.json'), 'utf8'));
const baseModel = modelPath ? new BaseModel(JSON.parse(readFileSync(modelPath, 'utf8'))) : undefined;
loadLabelled(f).forEach((p, i) => {
  if (i % 2 === 1) return; // tuning half only (odd lines)
  const r = analyse({ text: p.text, lang: p.lang }, { brands, ...(baseModel ? { baseModel } : {}) });
  const l3 = r.level === 3,
    g3 = p.level === 3;
  if (l3 !== g3)
    console.log(
      `${g3 ? 'MISS' : 'FALSE'} gold=${p.sentiment}/${p.categories.join(',') || '-'}/L${p.level} got=${r.sentiment}/${r.categories.join(',') || '-'}/L${r.level}${r.flags?.needsLook ? ' LOOK' : ''} | ${p.text.replace(/\n/g, ' ').slice(0, 130)}`,
    );
});
