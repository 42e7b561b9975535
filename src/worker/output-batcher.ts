import type { OutputChunk, OutputListener } from '../api/index.ts';

/**
 * Collects a command's output and hands it to the listener in batches: one
 * message per task (or per 64 KiB), not one per write, so a command printing
 * 100,000 lines crosses the worker boundary a few hundred times at most.
 * Adjacent chunks of the same stream are merged.
 */
export class OutputBatcher {
  private chunks: { fd: 1 | 2; data: string }[] = [];
  private size = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly listener: OutputListener,
    private readonly maxBytes = 64 * 1024,
  ) {}

  write(fd: 1 | 2, data: string): void {
    if (data === '') return;
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.fd === fd) last.data += data;
    else this.chunks.push({ fd, data });
    this.size += data.length;
    if (this.size >= this.maxBytes) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), 0);
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.chunks.length === 0) return;
    const batch: OutputChunk[] = this.chunks;
    this.chunks = [];
    this.size = 0;
    this.listener(batch);
  }
}
