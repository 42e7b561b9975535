/**
 * The WASI host: tiny modules assembled here byte by byte (no binaries from
 * elsewhere) run as processes over a container's union mount.
 */
import { describe, expect, it } from 'vitest';
import { container } from './pkg-fixture.ts';

const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
};
const utf8 = (s: string) => [...new TextEncoder().encode(s)];
const name = (s: string) => [...leb(utf8(s).length), ...utf8(s)];
const vec = (items: number[][]) => [...leb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const I32 = 0x7f;
const I64 = 0x7e;
const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

/** Instructions used below. */
const op = {
  i32: (n: number) => [0x41, ...sleb(n)],
  i64: (n: number) => [0x42, ...sleb(n)],
  call: (f: number) => [0x10, ...leb(f)],
  load: (addr: number) => [0x41, ...sleb(addr), 0x28, 2, 0],
  drop: [0x1a],
  unreachable: [0x00],
};

interface Import {
  readonly name: string;
  readonly params: number[];
  readonly results: number[];
}

/** A WASI command: imports from wasi_snapshot_preview1, one page of memory with data, `_start` running `body`. */
function wasiCommand(imports: Import[], body: number[], data: [number, number[]][]): Uint8Array {
  const types = [...imports.map((i) => [0x60, ...vec(i.params.map((p) => [p])), ...vec(i.results.map((r) => [r]))]), [0x60, 0, 0]];
  const code = [0, ...body, 0x0b];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec(types)),
    ...section(2, vec(imports.map((im, i) => [...name('wasi_snapshot_preview1'), ...name(im.name), 0x00, ...leb(i)]))),
    ...section(3, vec([leb(imports.length)])),
    ...section(5, vec([[0x00, 1]])),
    ...section(7, vec([[...name('memory'), 0x02, 0], [...name('_start'), 0x00, ...leb(imports.length)]])),
    ...section(10, vec([[...leb(code.length), ...code]])),
    ...section(11, vec(data.map(([at, bytes]) => [0x00, ...op.i32(at), 0x0b, ...vec(bytes.map((b) => [b]))]))),
  ]);
}

const FD_WRITE: Import = { name: 'fd_write', params: [I32, I32, I32, I32], results: [I32] };
const PROC_EXIT: Import = { name: 'proc_exit', params: [I32], results: [] };
const ARGS_SIZES: Import = { name: 'args_sizes_get', params: [I32, I32], results: [I32] };
const ARGS_GET: Import = { name: 'args_get', params: [I32, I32], results: [I32] };
const PATH_OPEN: Import = { name: 'path_open', params: [I32, I32, I32, I32, I32, I64, I64, I32, I32], results: [I32] };
const FD_CLOSE: Import = { name: 'fd_close', params: [I32], results: [I32] };
const FD_READ: Import = { name: 'fd_read', params: [I32, I32, I32, I32], results: [I32] };

const HELLO: [number, number[]] = [300, utf8('hello, wasm\n')];
const HELLO_IOV: [number, number[]] = [32, [...le32(300), ...le32(12)]];

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
