const EARLIEST = Date.UTC(2000, 0, 1);
const FUTURE_SLACK_MS = 86_400_000;

/**
 * When a platform says something happened, as ISO-8601 UTC. Platforms send milliseconds, seconds (Meta, for some
 * fields), numeric strings (X's `timestamp_ms`) or date strings; anything unreadable or implausible (before 2000,
 * more than a day ahead, or beyond what a Date can hold) becomes the time Koe received it.
 */
export function platformTime(value: unknown, now = Date.now()): string {
  let ms = NaN;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string' && /^\d{9,16}$/.test(value.trim())) ms = Number(value);
  else if (typeof value === 'string' && value.length <= 64) ms = Date.parse(value);
  if (Number.isFinite(ms) && ms > 0 && ms < 1e12) ms *= 1000; // seconds
  const plausible = Number.isFinite(ms) && ms >= EARLIEST && ms <= now + FUTURE_SLACK_MS;
  return new Date(plausible ? ms : now).toISOString();
}
