/**
 * BuildKit's `--progress=plain` output (progressui printer, plain mode), fed
 * with the engine's vertex messages as they arrive:
 *
 *     #6 [2/3] RUN echo hi
 *     #6 0.215 hi
 *     #6 DONE 0.2s
 *
 * One block per vertex, blocks separated by a blank line; log lines carry
 * the seconds since the vertex started.
 */
import type { BuildProgress } from '../../../api/build.ts';

export interface VertexView {
  readonly id: number;
  readonly name: string;
  readonly started: number;
  completed?: number;
  cached?: boolean;
  error?: string;
  canceled?: boolean;
  readonly statuses: string[];
  readonly logs: { readonly text: string; readonly offset: number }[];
}

/** Tracks vertices from progress messages; shared by the plain and tty printers and the failure summary. */
export class VertexTracker {
  readonly vertices = new Map<number, VertexView>();
  readonly warnings: { text: string; line?: number }[] = [];

  apply(m: BuildProgress): VertexView | undefined {
    switch (m.kind) {
      case 'vertex-started': {
        const v: VertexView = { id: m.vertex.id, name: m.vertex.name, started: m.time, statuses: [], logs: [] };
        this.vertices.set(v.id, v);
        return v;
      }
      case 'vertex-status':
        this.vertices.get(m.vertexId)?.statuses.push(m.text);
        return this.vertices.get(m.vertexId);
      case 'vertex-log': {
        const v = this.vertices.get(m.vertexId);
        v?.logs.push({ text: m.text, offset: m.time - v.started });
        return v;
      }
      case 'vertex-cached': {
        const v = this.vertices.get(m.vertexId);
        if (v) {
          v.cached = true;
          v.completed = m.time;
        }
        return v;
      }
      case 'vertex-completed': {
        const v = this.vertices.get(m.vertexId);
        if (v) v.completed = m.time;
        return v;
      }
      case 'vertex-failed': {
        const v = this.vertices.get(m.vertexId);
        if (v) {
          v.error = m.error;
          v.completed = m.time;
        }
        return v;
      }
      case 'vertex-canceled': {
        const v = this.vertices.get(m.vertexId);
        if (v) {
          v.canceled = true;
          v.completed = m.time;
        }
        return v;
      }
      case 'warning':
        this.warnings.push({ text: m.text, ...(m.line !== undefined ? { line: m.line } : {}) });
        return undefined;
      default:
        return undefined;
    }
  }
}

export const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(1);

export class PlainPrinter {
  readonly tracker = new VertexTracker();
  private last = -1;
  private started = false;

  constructor(private readonly write: (text: string) => void) {}

  feed(batch: readonly BuildProgress[]): void {
    if (!this.started) {
      this.started = true;
      this.write('#0 building with "default" instance using docker driver\n');
    }
    for (const m of batch) {
      const v = this.tracker.apply(m);
      if (!v) continue;
      this.open(v.id);
      switch (m.kind) {
        case 'vertex-started':
          this.write(`#${v.id} ${v.name}\n`);
          break;
        case 'vertex-status':
          this.write(`#${v.id} ${m.text}\n`);
          break;
        case 'vertex-log':
          this.write(`#${v.id} ${(Math.max(0, m.time - v.started) / 1000).toFixed(3)} ${m.text}\n`);
          break;
        case 'vertex-cached':
          this.write(`#${v.id} CACHED\n`);
          break;
        case 'vertex-completed':
          this.write(`#${v.id} DONE ${seconds(m.time - v.started)}s\n`);
          break;
        case 'vertex-failed':
          this.write(`#${v.id} ERROR: ${m.error}\n`);
          break;
        case 'vertex-canceled':
          this.write(`#${v.id} CANCELED\n`);
          break;
      }
    }
  }

  private open(id: number): void {
    if (this.last === id) return;
    this.write('\n');
    this.last = id;
  }
}

/** The warning block BuildKit prints after a build (`1 warning found …`). */
export function warningSummary(warnings: readonly { text: string; line?: number }[]): string {
  if (warnings.length === 0) return '';
  const head = ` ${warnings.length} warning${warnings.length === 1 ? '' : 's'} found (use docker --debug to expand):\n`;
  return `${head}${warnings.map((w) => ` - ${w.text}${w.line !== undefined ? ` (line ${w.line})` : ''}\n`).join('')}`;
}
