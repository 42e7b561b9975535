/**
 * Go time helpers both sides of the API need: the daemon computes `Status`
 * ("Up 2 hours") and RFC 3339 times, the CLI formats CREATED ages. Pure
 * functions of numbers: no Date, no clock, no time zone database.
 */

const NS_PER_SECOND = 1e9;

/** Go's math.Round: halves away from zero (JS Math.round rounds -0.5 up). */
function goRound(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** docker/go-units HumanDuration for a span in nanoseconds (Go's time.Duration). */
export function humanDurationNs(ns: number): string {
  const seconds = Math.trunc(ns / NS_PER_SECOND);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ns / (60 * NS_PER_SECOND));
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const exactHours = ns / (3600 * NS_PER_SECOND);
  const hours = goRound(exactHours);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(exactHours) / 24 / 365)} years`;
}

/** Days since 1970-01-01 → [year, month, day] (proleptic Gregorian). */
export function civilFromDays(days: number): [number, number, number] {
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
