// Discrete-event core: a clock and a queue of timed events. Events at the same
// instant run in the order they were scheduled, so a run is fully determined
// by its inputs (a plain sort by time would leave ties to chance).

export type EventAction = () => void;

interface ScheduledEvent {
  at: number;
  seq: number;
  action: EventAction;
}

export class Simulation {
  private heap: ScheduledEvent[] = [];
  private seq = 0;
  private clock = 0;
  private afterEach: EventAction | null = null;

  /** Current simulated time in seconds. */
  get now(): number {
    return this.clock;
  }

  /** Runs `action` at time `at` (clamped to now: the past cannot be scheduled). */
  schedule(at: number, action: EventAction): void {
    this.push({ at: Math.max(at, this.clock), seq: this.seq++, action });
  }

  /** A hook run after every event, e.g. to let the desk hand out waiting work. */
  onEachEvent(hook: EventAction): void {
    this.afterEach = hook;
  }

  /** Processes events in time order up to and including `until`; returns how many ran. */
  run(until = Infinity): number {
    let count = 0;
    while (this.heap.length > 0 && this.heap[0].at <= until) {
      const event = this.pop();
      this.clock = event.at;
      event.action();
      this.afterEach?.();
      count++;
    }
    if (Number.isFinite(until)) this.clock = Math.max(this.clock, until);
    return count;
  }

  get pending(): number {
    return this.heap.length;
  }

  private before(a: ScheduledEvent, b: ScheduledEvent): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(event: ScheduledEvent): void {
    const h = this.heap;
    h.push(event);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private pop(): ScheduledEvent {
    const h = this.heap;
    const top = h[0];
    const last = h.pop() as ScheduledEvent;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l], h[m])) m = l;
        if (r < h.length && this.before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
