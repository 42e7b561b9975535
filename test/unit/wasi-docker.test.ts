/**
 * A COPY'd WebAssembly program runs as a container's process: in a RUN step
 * (its file writes land in the layer) and as the image's CMD.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { docker } from '../helpers/run-docker.ts';
import { FD_WRITE, HELLO, HELLO_IOV, op, PATH_OPEN, PROC_EXIT, utf8, wasiCommand } from './wasi-assemble.ts';

describe('WASI programs in images', () => {
  it('runs in RUN and as CMD; its files are in the layer', async () => {
    const wasm = wasiCommand([FD_WRITE, PATH_OPEN, PROC_EXIT], [
      ...op.i32(1), ...op.i32(32), ...op.i32(1), ...op.i32(24), ...op.call(0), ...op.drop,
      // path_open(3, follow, "tmp/made-by-wasm", CREAT, FD_WRITE, 0, 0, &fd@8); write hello there
      ...op.i32(3), ...op.i32(1), ...op.i32(400), ...op.i32(16), ...op.i32(1), ...op.i64(0x40), ...op.i64(0), ...op.i32(0), ...op.i32(8), ...op.call(1), ...op.drop,
      ...op.load(8), ...op.i32(32), ...op.i32(1), ...op.i32(24), ...op.call(0), ...op.drop,
      ...op.i32(0), ...op.call(2),
    ], [HELLO, HELLO_IOV, [400, utf8('tmp/made-by-wasm')]]);
    const api = createEngine(testDeps());
    await docker(['pull', 'alpine'], api);
    await api.imageBuild({
      context: [
        { path: 'Dockerfile', type: 'file', data: 'FROM alpine\nCOPY --chmod=755 hello.wasm /usr/local/bin/hello.wasm\nRUN hello.wasm\nCMD ["hello.wasm"]\n' },
        { path: 'hello.wasm', type: 'file', data: wasm },
      ],
      tags: ['wasm-demo'],
    });
    const r = await docker(['run', '--rm', 'wasm-demo'], api);
    expect(r).toEqual({ stdout: 'hello, wasm\n', stderr: '', exitCode: 0 });
    expect((await docker(['run', '--rm', 'wasm-demo', 'cat', '/tmp/made-by-wasm'], api)).stdout).toBe('hello, wasm\n');
  }, 60000);
});
