/**
 * Timestamps as Go's time.Format(time.RFC3339) prints them in UTC, computed
 * from the number alone (no Date, no clock, no time zone database).
 */
import { civilFromDays } from '../../lib/go-time.ts';

const two = (n: number) => String(n).padStart(2, '0');

/** Unix seconds → `2006-01-02T15:04:05Z`. */
export function rfc3339Utc(unixSeconds: number): string {
  const secs = Math.floor(unixSeconds);
  const days = Math.floor(secs / 86400);
  const rem = secs - days * 86400;
  const [y, m, d] = civilFromDays(days);
  const year = y < 0 ? `-${String(-y).padStart(4, '0')}` : String(y).padStart(4, '0');
  return `${year}-${two(m)}-${two(d)}T${two(Math.floor(rem / 3600))}:${two(Math.floor((rem % 3600) / 60))}:${two(rem % 60)}Z`;
}
