const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * ls -l's date column (UTC: containers default to TZ unset): `Nov 22 16:01`
 * for times within six months of now, `Jan  2  2024` otherwise.
 */
export function lsDate(ms: number, nowMs: number): string {
  const d = new Date(ms);
  const mon = MONTHS[d.getUTCMonth()]!;
  const day = String(d.getUTCDate()).padStart(2);
  const sixMonths = 182.5 * 24 * 3600 * 1000;
  if (Math.abs(nowMs - ms) < sixMonths) {
    return `${mon} ${day} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  }
  return `${mon} ${day}  ${d.getUTCFullYear()}`;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** `2024-01-02 03:04:05` in UTC (tar tv, watch). */
export function dateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}
