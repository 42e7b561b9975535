/**
 * The WASI host: tiny modules assembled here byte by byte (no binaries from
 * elsewhere) run as processes over a container's union mount.
 */
import { describe, expect, it } from 'vitest';
import { container } from './pkg-fixture.ts';
import { ARGS_GET, ARGS_SIZES, FD_CLOSE, FD_READ, FD_WRITE, HELLO, HELLO_IOV, le32, op, PATH_OPEN, PROC_EXIT, utf8, wasiCommand } from './wasi-assemble.ts';

describe('WASI host', () => {
  it('runs a COPYd module as a process: argv, stdout, exit status', async () => {
    const wasm = wasiCommand([ARGS_SIZES, ARGS_GET, FD_WRITE, PROC_EXIT], [
      ...op.i32(0), ...op.i32(4), ...op.call(0), ...op.drop,
      ...op.i32(100), ...op.i32(200), ...op.call(1), ...op.drop,
      // iov at 16: { buf: 200, len: the argv buffer size at 4 }
      ...op.i32(16), ...op.i32(200), 0x36, 2, 0,
      ...op.i32(20), ...op.load(4), 0x36, 2, 0,
      ...op.i32(1), ...op.i32(16), ...op.i32(1), ...op.i32(24), ...op.call(2), ...op.drop,
      ...op.i32(1), ...op.i32(32), ...op.i32(1), ...op.i32(24), ...op.call(2), ...op.drop,
      ...op.i32(3), ...op.call(3),
    ], [HELLO, HELLO_IOV]);
    const { mount, sh } = await container('alpine');
    mount.writeFile('/app.wasm', wasm, { mode: 0o755 });
    const r = await sh('/app.wasm one two; echo "status $?"');
    expect(r).toEqual({ stdout: '/app.wasm\0one\0two\0hello, wasm\nstatus 3\n', stderr: '', status: 0 });
    expect((await sh('/app.wasm | wc -c')).stdout).toBe('22\n');
  });

  it('opens, writes and reads files through the union mount (preopened /)', async () => {
    const wasm = wasiCommand([PATH_OPEN, FD_WRITE, FD_CLOSE, FD_READ, PROC_EXIT], [
      // fd = path_open(3, follow, "data/out.txt", CREAT|TRUNC, FD_WRITE, 0, 0, &fd@8)
      ...op.i32(3), ...op.i32(1), ...op.i32(400), ...op.i32(12), ...op.i32(9), ...op.i64(0x40), ...op.i64(0), ...op.i32(0), ...op.i32(8), ...op.call(0), ...op.drop,
      ...op.load(8), ...op.i32(32), ...op.i32(1), ...op.i32(24), ...op.call(1), ...op.drop,
      ...op.load(8), ...op.call(2), ...op.drop,
      // fd = path_open(3, follow, "etc/alpine-release", 0, FD_READ, …); read into 500; write it to stdout
      ...op.i32(3), ...op.i32(1), ...op.i32(420), ...op.i32(18), ...op.i32(0), ...op.i64(0x2), ...op.i64(0), ...op.i32(0), ...op.i32(8), ...op.call(0), ...op.drop,
      ...op.load(8), ...op.i32(48), ...op.i32(1), ...op.i32(56), ...op.call(3), ...op.drop,
      ...op.i32(64), ...op.load(56), 0x36, 2, 0,
      ...op.i32(1), ...op.i32(60), ...op.i32(1), ...op.i32(24), ...op.call(1), ...op.drop,
      // exit with path_open's errno for a missing file (ENOENT = 44)
      ...op.i32(3), ...op.i32(1), ...op.i32(440), ...op.i32(7), ...op.i32(0), ...op.i64(0x2), ...op.i64(0), ...op.i32(0), ...op.i32(8), ...op.call(0), ...op.call(4),
    ], [HELLO, HELLO_IOV, [400, utf8('data/out.txt')], [420, utf8('etc/alpine-release')], [440, utf8('nothing')], [48, [...le32(500), ...le32(64)]], [60, le32(500)]]);
    const { mount, sh } = await container('alpine');
    mount.mkdir('/data', 0o755);
    mount.writeFile('/usr/local/bin/io', wasm, { mode: 0o755 });
    const r = await sh('io; echo "status $?"; cat /data/out.txt');
    expect(r).toEqual({ stdout: '3.22.2\nstatus 44\nhello, wasm\n', stderr: '', status: 0 });
    expect(mount.diff().map((c) => `${c.kind} ${c.path}`)).toContain('A /data/out.txt');
  });

  it('reports a trap, a module without _start, and bytes that are not wasm', async () => {
    const { mount, sh } = await container('alpine');
    mount.writeFile('/trap.wasm', wasiCommand([PROC_EXIT], [...op.unreachable], []), { mode: 0o755 });
    const bad = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 99]);
    mount.writeFile('/bad.wasm', bad, { mode: 0o755 });
    expect(await sh('/trap.wasm')).toEqual({ stdout: '', stderr: 'trap.wasm: wasm trap: unreachable\n', status: 134 });
    expect(await sh('/bad.wasm')).toEqual({ stdout: '', stderr: 'bad.wasm: not a valid WebAssembly module\n', status: 126 });
  });
});
