/** IPv4 helpers for the network applets. */
export function intToDotted(n: number): string {
  return [Math.floor(n / 16777216) % 256, Math.floor(n / 65536) % 256, Math.floor(n / 256) % 256, n % 256].join('.');
}

/** `/16` → `255.255.0.0`. */
export function maskOf(len: number): string {
  return intToDotted(len === 0 ? 0 : 2 ** 32 - 2 ** (32 - len));
}
