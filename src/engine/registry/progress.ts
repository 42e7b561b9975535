/**
 * Pull and push progress as dockerd streams it (one JSON message per line,
 * `{"status","id"?,"progressDetail"?}`), and the pure formatter that renders
 * those messages as the docker CLI prints them (`jsonmessage.Display`).
 *
 * The messages are the engine's facts; the text is derived. Without a
 * terminal the CLI prints every status line except those that carry a
 * progress bar; on a terminal each layer keeps one line, rewritten in place,
 * so the final screen shows each layer's last status.
 */
import { humanSize } from '../../lib/go-units.ts';

export { humanSize };

export interface ProgressDetail {
  readonly current: number;
  readonly total: number;
}

/** One message of the progress stream (dockerd's `jsonmessage.JSONMessage`, minus what we never send). */
export interface ProgressMessage {
  /** A layer's short id (12 hex), or the tag in `latest: Pulling from …`. */
  readonly id?: string;
  readonly status: string;
  readonly progressDetail?: ProgressDetail;
}

/** Docker's short layer id: the first 12 hex digits of a digest. */
export function shortId(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1, digest.indexOf(':') + 13);
}

/**
 * Renders messages as lines. `tty: false` is what `docker pull x | cat`
 * shows; `tty: true` is the settled terminal screen after the pull.
 */
export function formatProgress(messages: readonly ProgressMessage[], options: { tty?: boolean } = {}): string[] {
  if (!options.tty) {
    return messages.filter((m) => m.progressDetail === undefined).map(line);
  }
  const lines: string[] = [];
  const rowOf = new Map<string, number>();
  for (const m of messages) {
    const text = m.progressDetail ? `${line(m)} ${bar(m.progressDetail)}` : line(m);
    const row = m.id !== undefined ? rowOf.get(m.id) : undefined;
    if (row !== undefined) {
      lines[row] = text;
    } else {
      if (m.id !== undefined) rowOf.set(m.id, lines.length);
      lines.push(text);
    }
  }
  return lines;
}

function line(m: ProgressMessage): string {
  return m.id !== undefined ? `${m.id}: ${m.status}` : m.status;
}

/**
 * The progress bar the CLI draws (`jsonmessage.JSONProgress.String` on a
 * terminal wider than 110 columns), without the time-left estimate it
 * derives from the wall clock.
 */
function bar(p: ProgressDetail): string {
  if (p.total <= 0) return humanSize(p.current).padStart(8, ' ');
  const filled = Math.min(50, Math.trunc(Math.trunc((p.current / p.total) * 100) / 2));
  return `[${'='.repeat(filled)}>${' '.repeat(Math.max(0, 50 - filled))}] ${humanSize(p.current).padStart(8, ' ')}/${humanSize(p.total)}`;
}


/**
 * The messages as dockerd streams them from `POST /images/create` and
 * `POST /images/{name}/push`: one JSON object per line. `progress` is the
 * bar text dockerd adds beside `progressDetail`, which a terminal shows.
 */
export function progressStream(messages: readonly ProgressMessage[]): string {
  return messages
    .map((m) => JSON.stringify(m.progressDetail ? { status: m.status, progressDetail: m.progressDetail, progress: bar(m.progressDetail), id: m.id } : m))
    .map((line) => `${line}\r\n`)
    .join('');
}
