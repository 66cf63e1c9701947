import { describe, expect, it } from 'vitest';
import { Readiness } from './readiness';

describe('Readiness', () => {
  it('is ready when every check passes and it is not draining', async () => {
    const r = new Readiness();
    r.add('database', async () => {});
    expect(await r.report()).toEqual({ ready: true, draining: false, checks: { database: 'ok' } });
    r.startDraining();
    expect(await r.report()).toEqual({ ready: false, draining: true, checks: { database: 'ok' } });
  });

  it('names the check that fails, and bounds a check that hangs', async () => {
    const r = new Readiness(50);
    r.add('database', async () => {});
    r.add('migrations', async () => {
      throw new Error('2 pending');
    });
    r.add('redis', () => new Promise(() => {}));
    const report = await r.report();
    expect(report.ready).toBe(false);
    expect(report.checks).toEqual({ database: 'ok', migrations: 'failed', redis: 'failed' });
  });
});
