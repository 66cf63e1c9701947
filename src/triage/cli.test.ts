import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runTriageCli } from './cli';

async function run(args: string[], stdin = ''): Promise<{ code: number; out: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (c: Buffer) => (out += c.toString('utf8')));
  input.end(stdin);
  const code = await runTriageCli(args, input, output);
  return { code, out };
}

const INPUT = [
  JSON.stringify({ id: 'r1', text: '来店の何日前までに予約すればよいでしょうか？' }),
  JSON.stringify({
    id: 'r2',
    text: '1週間後の友人の誕生日に予約をしたくて、様々なサプライズにも協力してほしい',
    lang: 'ja',
  }),
  JSON.stringify({ id: 3, text: "Can't log in since this morning", context: { vip: true } }),
].join('\n');

describe('koe triage CLI', () => {
  it('writes one contract JSON line per input', async () => {
    const { code, out } = await run([], INPUT);
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual([
        'id',
        'sentiment',
        'sentimentScore',
        'categories',
        'level',
        'priority',
        'reasons',
      ]);
    }
    expect(lines.map((l) => l.level)).toEqual([1, 2, 3]);
    expect(lines[2].id).toBe(3);
  });

  it('reports bad lines, continues and exits 1', async () => {
    const { code, out } = await run([], `not json\n${INPUT}\n{"id":"x"}\n`);
    expect(code).toBe(1);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ id: null, error: 'line 1: invalid JSON' });
    expect(lines).toHaveLength(5);
    expect(lines[4].error).toMatch(/^line 5: "text"/);
  });

  it('reads from a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-triage-'));
    const file = join(dir, 'posts.jsonl');
    writeFileSync(file, INPUT);
    const { code, out } = await run([file]);
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(3);
    const missing = await run([join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out).error).toMatch(/cannot read/);
  });

  it('--explain prints a readable table with reasons', async () => {
    const { code, out } = await run(['--explain'], INPUT);
    expect(code).toBe(0);
    expect(out).toMatch(/r1\s+L1/);
    expect(out).toMatch(/r2\s+L2/);
    expect(out).toContain('レベル2');
    expect(out).toContain('VIP customer');
  });
});
