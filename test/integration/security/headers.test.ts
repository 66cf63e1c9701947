import { afterEach, describe, expect, it } from 'vitest';
import { dialects, freshDatabase, startKoe, type RunningKoe, type TestDatabase } from '../harness';

describe.each(dialects)('transport headers follow the public URL (%s)', (dialect) => {
  let db: TestDatabase;
  let koe: RunningKoe;
  afterEach(async () => {
    await koe.stop();
    await db.drop();
  });

  it('sends no HSTS and no upgrade-insecure-requests on a plain-HTTP deployment', async () => {
    db = await freshDatabase(dialect);
    koe = await startKoe(db, { env: { KOE_PUBLIC_URL: 'http://desk.lan:3000' } });
    const res = await fetch(`${koe.base}/api/setup`);
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('sends both behind an https public URL', async () => {
    db = await freshDatabase(dialect);
    koe = await startKoe(db, { env: { KOE_PUBLIC_URL: 'https://support.koe.example' } });
    const res = await fetch(`${koe.base}/api/setup`);
    expect(res.headers.get('strict-transport-security')).toContain('max-age=31536000');
    expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });
});
