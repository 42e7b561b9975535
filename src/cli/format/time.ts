/**
 * Timestamps as Go's time.Format(time.RFC3339) prints them in UTC, computed
 * from the number alone (no Date, no clock, no time zone database).
 */

/** Days since 1970-01-01 → civil date (proleptic Gregorian). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

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
