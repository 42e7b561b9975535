/** Output helpers the package managers share (sizes and lists as each tool prints them). */

/** `YYYYMMDDhhmmss` in UTC from epoch milliseconds (apk's virtual package versions). */
export function utcStamp(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
}

/**
 * apt's SizeToStr (apt-pkg/contrib/strutl.cc): powers of 1000, one decimal
 * below 100 of a unit, none below 10000, in the C locale (no grouping).
 * The unit letter follows; callers append `B`.
 */
export function aptSize(bytes: number): string {
  const ext = ['', 'k', 'M', 'G', 'T'];
  let size = bytes;
  for (let i = 0; i < ext.length; i++) {
    if (size < 100 && i !== 0) return `${size.toFixed(1)} ${ext[i]}`;
    if (size < 10000) return `${size.toFixed(0)} ${ext[i]}`;
    size /= 1000;
  }
  return `${size.toFixed(0)} P`;
}

/** apt's package lists: two-space indent, words wrapped before column 80. */
export function aptList(names: readonly string[]): string {
  const lines: string[] = [];
  let cur = ' ';
  for (const n of names) {
    if (cur.length + 1 + n.length > 79 && cur.trim() !== '') {
      lines.push(cur);
      cur = ' ';
    }
    cur += ` ${n}`;
  }
  if (cur.trim() !== '') lines.push(cur);
  return lines.map((l) => `${l}\n`).join('');
}

/** dnf's sizes: 1024-based, `k`/`M`/`G`, three significant digits. */
export function dnfSize(bytes: number): string {
  const units = ['', 'k', 'M', 'G'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const s = u === 0 ? String(Math.round(v)) : v < 10 ? v.toFixed(1) : String(Math.round(v));
  return `${s} ${units[u]}`.trimEnd();
}

/** pip's sizes (rich's decimal units): `3.2 kB`, `103 kB`, `1.6 MB`. */
export function pipSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['kB', 'MB', 'GB'];
  let v = bytes / 1000;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v < 100 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}
