/**
 * A container's log, with the json-file driver's semantics: what PID 1
 * writes to stdout and stderr is cut into lines, each line an entry with its
 * stream and the time it was written (from the engine clock). A line without
 * its newline is kept until the newline comes or the container exits, when
 * it is written as a partial entry. `docker logs` reads these entries;
 * `docker run` and `docker attach` see the raw bytes as they are written.
 */

export type LogStream = 'stdout' | 'stderr';

export interface LogEntry {
  readonly stream: LogStream;
  /** Unix ms from the engine clock. */
  readonly time: number;
  /** The line including its `\n` (absent only for a final partial line). */
  readonly line: string;
}

export type LogFollower = (entry: LogEntry) => void;

export class LogBuffer {
  readonly entries: LogEntry[] = [];
  private readonly partial: Record<LogStream, string> = { stdout: '', stderr: '' };
  private readonly followers = new Set<LogFollower>();

  constructor(private readonly now: () => number) {}

  /** Appends output of one stream; complete lines become entries at once. */
  write(stream: LogStream, text: string): void {
    let rest = this.partial[stream] + text;
    let nl = rest.indexOf('\n');
    while (nl >= 0) {
      this.push({ stream, time: this.now(), line: rest.slice(0, nl + 1) });
      rest = rest.slice(nl + 1);
      nl = rest.indexOf('\n');
    }
    this.partial[stream] = rest;
  }

  /** Writes out unterminated lines (the container exited). */
  flush(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '') {
        const line = this.partial[stream];
        this.partial[stream] = '';
        this.push({ stream, time: this.now(), line });
      }
    }
  }

  /** Calls `fn` for every entry written from now on; returns the unfollow function. */
  follow(fn: LogFollower): () => void {
    this.followers.add(fn);
    return () => void this.followers.delete(fn);
  }

  private push(entry: LogEntry): void {
    this.entries.push(entry);
    for (const f of this.followers) f(entry);
  }
}
