/**
 * Build progress as BuildKit's solver reports it: numbered vertices that
 * start, log, finish (DONE / CACHED / ERROR). Messages are delivered in
 * batches, one per engine turn, like pull progress.
 */
import type { BuildProgress, BuildProgressListener, BuildStepRef, BuildVertex } from '../../api/build.ts';
import type { Clock, Schedule } from '../deps.ts';

export class ProgressWriter {
  private nextId = 1;
  private pending: BuildProgress[] = [];
  private scheduled = false;

  constructor(
    private readonly clock: Clock,
    private readonly schedule: Schedule,
    private readonly listener: BuildProgressListener | undefined,
  ) {}

  start(name: string, step?: BuildStepRef): BuildVertex {
    const vertex: BuildVertex = { id: this.nextId++, name, ...(step ? { step } : {}) };
    this.push({ kind: 'vertex-started', vertex, time: this.clock.now() });
    return vertex;
  }

  status(vertexId: number, text: string): void {
    this.push({ kind: 'vertex-status', vertexId, text, time: this.clock.now() });
  }

  log(vertexId: number, stream: 1 | 2, text: string): void {
    this.push({ kind: 'vertex-log', vertexId, stream, text, time: this.clock.now() });
  }

  cached(vertexId: number): void {
    this.push({ kind: 'vertex-cached', vertexId, time: this.clock.now() });
  }

  done(vertexId: number): void {
    this.push({ kind: 'vertex-completed', vertexId, time: this.clock.now() });
  }

  failed(vertexId: number, error: string): void {
    this.push({ kind: 'vertex-failed', vertexId, error, time: this.clock.now() });
  }

  other(message: BuildProgress): void {
    this.push(message);
  }

  /** Delivers what is pending now (the end of a build must not wait for a later turn). */
  flush(): void {
    if (this.pending.length === 0 || !this.listener) {
      this.pending = [];
      return;
    }
    const batch = this.pending;
    this.pending = [];
    this.listener(batch);
  }

  private push(message: BuildProgress): void {
    if (!this.listener) return;
    this.pending.push(message);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.flush();
    });
  }
}
