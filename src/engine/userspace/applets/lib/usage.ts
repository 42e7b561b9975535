/**
 * The banner BusyBox prints above usage text. The goldens are recorded with
 * Debian's busybox-static, so its banner is what we print.
 * Simplification: one banner for every image (Alpine's differs in version).
 */
export const BUSYBOX_BANNER = 'BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.';

/** Usage texts, recorded from the oracle, for applets that print them on bad arguments. */
const USAGE: Record<string, string> = {
  seq: 'seq [-w] [-s SEP] [FIRST [INC]] LAST\n\nPrint numbers from FIRST to LAST, in steps of INC.\nFIRST, INC default to 1.\n\n\t-w\tPad to last with leading zeros\n\t-s SEP\tString separator',
};

export function usageText(applet: string): string {
  const body = USAGE[applet];
  return body === undefined ? `${BUSYBOX_BANNER}\n\nUsage: ${applet}\n` : `${BUSYBOX_BANNER}\n\nUsage: ${body}\n`;
}
