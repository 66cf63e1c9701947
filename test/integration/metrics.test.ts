import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../../src/realtime/bus';
import { dialects, openDesk, type OpenDesk } from './harness';

/** One sample's value from the Prometheus text, or undefined when the series is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(dialects)('metrics for operators (%s)', (dialect) => {
  let desk: OpenDesk;
  beforeAll(async () => {
    desk = await openDesk(dialect);
  }, 30_000);
  afterAll(async () => {
    await desk?.close();
  });

  const scrape = async () => (await fetch(`${desk.koe.base}/metrics`)).text();

  it('shows queue depth, due jobs and the lag of the oldest due job per kind', async () => {
    const { jobs } = desk.koe.koe;
    await jobs.drain();
    await jobs.stop(); // nothing runs them: they wait, as they would when workers fall behind
    await jobs.enqueue('metrics.test.later', {}, { delayMs: 3_600_000 });
    await jobs.enqueue('metrics.test.now', {});
    await jobs.enqueue('metrics.test.now', {});
    await new Promise((r) => setTimeout(r, 1_100));
    const text = await scrape();
    expect(sample(text, 'koe_job_queue_depth{name="metrics.test.now"}')).toBe(2);
    expect(sample(text, 'koe_job_queue_due{name="metrics.test.now"}')).toBe(2);
    expect(sample(text, 'koe_job_queue_depth{name="metrics.test.later"}')).toBe(1);
    expect(sample(text, 'koe_job_queue_due{name="metrics.test.later"}')).toBe(0);
    expect(sample(text, 'koe_job_queue_lag_seconds{name="metrics.test.later"}')).toBe(0);
    expect(sample(text, 'koe_job_queue_lag_seconds{name="metrics.test.now"}')).toBeGreaterThanOrEqual(1);
  });

  it('counts open event streams and the events written to them', async () => {
    const before = await scrape();
    const open = sample(before, 'koe_realtime_streams') ?? -1;
    const written = sample(before, 'koe_realtime_events_written') ?? -1;
    expect(open).toBeGreaterThanOrEqual(0);
    const stop = new AbortController();
    const res = await desk.admin.raw('GET', '/api/events', undefined, stop.signal);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read(); // "connected"
    const { id: workspaceId } = await desk.koe.koe.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
    desk.koe.koe.bus.publish(topics.workspace(workspaceId), { type: 'test.ping', data: { n: 1 } });
    let seen = '';
    for (let i = 0; i < 5 && !seen.includes('test.ping'); i++)
      seen += new TextDecoder().decode((await reader.read()).value);
    expect(seen).toContain('test.ping');
    const during = await scrape();
    expect(sample(during, 'koe_realtime_streams')).toBe(open + 1);
    expect(sample(during, 'koe_realtime_events_written')).toBeGreaterThanOrEqual(written + 1);
    stop.abort();
    await reader.cancel().catch(() => {});
    for (let i = 0; i < 50 && sample(await scrape(), 'koe_realtime_streams') !== open; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(sample(await scrape(), 'koe_realtime_streams')).toBe(open);
  });
});
