import type { OpenFile } from '../../io/open-file.ts';

/** Whether a descriptor is a terminal (the container's `-t` device or the tab's terminal). */
export function isTerminal(f: OpenFile | undefined): boolean {
  return f !== undefined && f.kind === 'stream' && f.path !== undefined && (f.path.startsWith('/dev/pts/') || f.path === '/dev/console' || f.path === '/dev/tty');
}
