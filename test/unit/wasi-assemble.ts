/**
 * A tiny WebAssembly assembler for the WASI tests: enough of the binary
 * format (types, imports, one function, memory, exports, code, data) to
 * write small WASI commands byte by byte, with no binaries from elsewhere.
 */
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
export const utf8 = (s: string) => [...new TextEncoder().encode(s)];
const name = (s: string) => [...leb(utf8(s).length), ...utf8(s)];
const vec = (items: number[][]) => [...leb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
export const I32 = 0x7f;
export const I64 = 0x7e;
export const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

/** Instructions used below. */
export const op = {
  i32: (n: number) => [0x41, ...sleb(n)],
  i64: (n: number) => [0x42, ...sleb(n)],
  call: (f: number) => [0x10, ...leb(f)],
  load: (addr: number) => [0x41, ...sleb(addr), 0x28, 2, 0],
  drop: [0x1a],
  unreachable: [0x00],
};

export interface Import {
  readonly name: string;
  readonly params: number[];
  readonly results: number[];
}

/** A WASI command: imports from wasi_snapshot_preview1, one page of memory with data, `_start` running `body`. */
export function wasiCommand(imports: Import[], body: number[], data: [number, number[]][]): Uint8Array {
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

export const FD_WRITE: Import = { name: 'fd_write', params: [I32, I32, I32, I32], results: [I32] };
export const PROC_EXIT: Import = { name: 'proc_exit', params: [I32], results: [] };
export const ARGS_SIZES: Import = { name: 'args_sizes_get', params: [I32, I32], results: [I32] };
export const ARGS_GET: Import = { name: 'args_get', params: [I32, I32], results: [I32] };
export const PATH_OPEN: Import = { name: 'path_open', params: [I32, I32, I32, I32, I32, I64, I64, I32, I32], results: [I32] };
export const FD_CLOSE: Import = { name: 'fd_close', params: [I32], results: [I32] };
export const FD_READ: Import = { name: 'fd_read', params: [I32, I32, I32, I32], results: [I32] };

/** "hello, wasm\\n" at 300 and an iovec for it at 32. */
export const HELLO: [number, number[]] = [300, utf8('hello, wasm\n')];
export const HELLO_IOV: [number, number[]] = [32, [...le32(300), ...le32(12)]];

