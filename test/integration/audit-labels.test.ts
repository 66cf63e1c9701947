import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jaAudit } from '../../web/src/i18n/ja-audit';
import { enAudit } from '../../web/src/i18n/en-audit';

/** Every audit action the server writes, read from its sources: `action: 'x.y'`, `log(req, 'x.y'`, `? 'x.y' : 'x.z'`. */
function serverActions(): string[] {
  const root = path.resolve(import.meta.dirname, '../../src');
  const files = (readdirSync(root, { recursive: true }) as string[]).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  );
  const found = new Set<string>();
  for (const f of files) {
    const text = readFileSync(path.join(root, f), 'utf8');
    for (const m of text.matchAll(/(?:action: |log\(req, |logged\.push\(\{ action: )([^,}\n]+)/g))
      for (const code of m[1]!.matchAll(/'([a-z_]+\.[a-z_.]+)'/g)) found.add(code[1]!);
  }
  return [...found].sort();
}

describe('audit log labels', () => {
  it('has a Japanese and an English label for every action the server records', () => {
    const actions = serverActions();
    expect(actions.length).toBeGreaterThan(50);
    expect(actions).toContain('conversation.status_changed');
    expect(actions).toContain('reply.sent');
    const key = (a: string) => a.replace(/\./g, '__');
    expect(actions.filter((a) => !(key(a) in jaAudit.auditActions))).toEqual([]);
    expect(actions.filter((a) => !(key(a) in enAudit.auditActions))).toEqual([]);
  });
});
