import { isFsError } from '../../fs/errors.ts';
import { concatBytes } from '../io/text.ts';
import { defineApplet } from './registry.ts';

type Fmt = 'o2' | 'c' | 'b' | 'x2' | 'x1' | 'd1' | 'u1' | 'd2';

const NAMED: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

function cell(bytes: Uint8Array, i: number, f: Fmt): string {
  const b = bytes[i]!;
  const short = b | ((bytes[i + 1] ?? 0) << 8);
  switch (f) {
    case 'c':
      return (NAMED[b] ?? (b >= 32 && b < 127 ? String.fromCharCode(b) : b.toString(8).padStart(3, '0'))).padStart(4);
    case 'b':
      return ` ${b.toString(8).padStart(3, '0')}`;
    case 'x1':
      return ` ${b.toString(16).padStart(2, '0')}`;
    case 'd1':
      return ` ${String(b > 127 ? b - 256 : b).padStart(4)}`;
    case 'u1':
      return ` ${String(b).padStart(3)}`;
    case 'o2':
      return ` ${short.toString(8).padStart(6, '0')}`;
    case 'x2':
      return ` ${short.toString(16).padStart(4, '0')}`;
    case 'd2':
      return ` ${String(short > 32767 ? short - 65536 : short).padStart(6)}`;
  }
}

/** od [-An] [-cbxod] [-t TYPE] [FILE]…: 16 bytes a line, octal offsets. */
export const od = defineApplet('od', async (io, argv) => {
  let fmt: Fmt = 'o2';
  let addresses = true;
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-An' || (a === '-A' && argv[i + 1] === 'n')) {
      addresses = false;
      if (a === '-A') i++;
    } else if (a === '-c') fmt = 'c';
    else if (a === '-b') fmt = 'b';
    else if (a === '-x') fmt = 'x2';
    else if (a === '-o') fmt = 'o2';
    else if (a === '-d') fmt = 'd2';
    else if (a === '-t' || a.startsWith('-t')) {
      const t = a === '-t' ? argv[++i] ?? '' : a.slice(2);
      fmt = t === 'c' ? 'c' : t === 'x1' || t === 'x' ? 'x1' : t === 'd1' ? 'd1' : t === 'u1' ? 'u1' : t === 'x2' ? 'x2' : t === 'o1' ? 'b' : 'o2';
    } else files.push(a);
  }
  const parts: Uint8Array[] = [];
  let status = 0;
  for (const f of files.length ? files : ['-']) {
    try {
      parts.push(await io.readBytes(f));
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`${f}: ${e.text}`);
      status = 1;
    }
  }
  const data = concatBytes(parts);
  const step = fmt === 'o2' || fmt === 'x2' || fmt === 'd2' ? 2 : 1;
  let out = '';
  for (let off = 0; off < data.length; off += 16) {
    let line = addresses ? off.toString(8).padStart(7, '0') : '';
    for (let i = off; i < Math.min(off + 16, data.length); i += step) line += cell(data, i, fmt);
    out += `${line}\n`;
  }
  if (addresses) out += `${data.length.toString(8).padStart(7, '0')}\n`;
  await io.out(out);
  return status;
});
