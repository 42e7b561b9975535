/** Linux signal numbers (x86-64/arm64 generic), the ones our processes use. */
export const SIGNALS = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  CHLD: 17,
  CONT: 18,
  STOP: 19,
  /** Terminal resize; Apache's graceful stop (the httpd image's STOPSIGNAL). Ignored by default. */
  WINCH: 28,
} as const;

export type SignalName = keyof typeof SIGNALS;

const BY_NUMBER = new Map<number, SignalName>(Object.entries(SIGNALS).map(([k, v]) => [v, k as SignalName]));

export function signalName(n: number): SignalName | undefined {
  return BY_NUMBER.get(n);
}

/** Parses "TERM", "SIGTERM", "term" or "15"; undefined if unknown. */
export function parseSignal(s: string): number | undefined {
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return n >= 0 && n < 65 ? n : undefined;
  }
  const up = s.toUpperCase().replace(/^SIG/, '');
  return (SIGNALS as Record<string, number>)[up];
}

/** Signals whose default action is to be ignored rather than to terminate. */
export function defaultIgnored(sig: number): boolean {
  return sig === SIGNALS.CHLD || sig === SIGNALS.CONT || sig === SIGNALS.WINCH || sig === 0;
}

/**
 * What a shell prints when a job dies of a signal (strsignal(3)); SIGINT and
 * SIGPIPE are deliberately silent, as in ash.
 */
export function signalMessage(sig: number): string | null {
  const text: Record<number, string> = {
    1: 'Hangup', 3: 'Quit', 9: 'Killed', 10: 'User defined signal 1', 11: 'Segmentation fault', 12: 'User defined signal 2', 14: 'Alarm clock', 15: 'Terminated',
  };
  return text[sig] ?? null;
}

/** What a process does with a signal. */
export type Disposition = 'default' | 'ignore' | 'catch';
