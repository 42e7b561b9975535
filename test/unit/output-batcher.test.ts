import { describe, expect, it } from 'vitest';
import type { OutputChunk } from '../../src/api/index.ts';
import { OutputBatcher } from '../../src/worker/output-batcher.ts';

describe('OutputBatcher', () => {
  it('merges writes of one task into one batch, streams kept apart and in order', async () => {
    const batches: (readonly OutputChunk[])[] = [];
    const b = new OutputBatcher((c) => batches.push(c));
    for (let i = 0; i < 1000; i++) b.write(1, `line ${i}\n`);
    b.write(2, 'oops\n');
    b.write(1, 'after\n');
    await new Promise((r) => setTimeout(r, 5));
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((c) => c.fd)).toEqual([1, 2, 1]);
    expect(batches[0]![0]!.data.split('\n')).toHaveLength(1001);
  });

  it('flushes early when a batch grows past its byte limit', () => {
    const batches: (readonly OutputChunk[])[] = [];
    const b = new OutputBatcher((c) => batches.push(c), 100);
    b.write(1, 'x'.repeat(150));
    expect(batches).toHaveLength(1);
    b.flush();
    expect(batches).toHaveLength(1);
  });
});
