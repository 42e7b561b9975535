import { isFsError } from '../../fs/errors.ts';
import { matchPattern } from '../shell/glob.ts';
import { makeParents } from './lib/applet-io.ts';
import { optValue, parseOptions } from './lib/options.ts';
import { dirName } from './lib/paths.ts';
import { readZip, ZipError } from './lib/zip.ts';
import type { ZipEntry } from './lib/zip.ts';
import { defineApplet } from './registry.ts';

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * unzip [-lnojpq] FILE[.zip] [FILE]… [-x FILE]… [-d DIR]: lists or extracts
 * with BusyBox's lines ("  inflating: …") and modes from the archive; as
 * BusyBox 1.35 does, extracted files get the current time, not the archive's.
 */
export const unzip = defineApplet('unzip', async (io, argv) => {
  // -x takes every following operand up to the next option (BusyBox's rule).
  const args: string[] = [];
  const excludes: string[] = [];
  let inX = false;
  for (const a of argv.slice(1)) {
    if (a === '-x') inX = true;
    else if (inX && !a.startsWith('-')) excludes.push(a);
    else {
      inX = false;
      args.push(a);
    }
  }
  const o = parseOptions(args, 'lnojpqtvd:');
  const [file, ...wanted] = o.args;
  if (file === undefined) {
    await io.usage();
    return 1;
  }
  const { vfs, cred } = io.proc;
  const quiet = o.flags.has('q') || o.flags.has('p');
  let bytes: Uint8Array;
  let shown = file;
  try {
    bytes = vfs.readFile(io.path(file), cred);
  } catch {
    try {
      bytes = vfs.readFile(io.path(`${file}.zip`), cred);
      shown = `${file}.zip`;
    } catch {
      await io.err(`can't open ${file}[.zip]`);
      return 1;
    }
  }
  if (!quiet) await io.out(`Archive:  ${shown}\n`);
  let entries: ZipEntry[];
  try {
    entries = readZip(bytes);
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
    await io.err(e.message);
    return 1;
  }
  const picked = entries.filter((e) => (wanted.length === 0 || wanted.some((w) => matchPattern(w, e.name))) && !excludes.some((x) => matchPattern(x, e.name)));
  if (o.flags.has('l')) {
    let out = '  Length      Date    Time    Name\n---------  ---------- -----   ----\n';
    let total = 0;
    for (const e of picked) {
      const d = new Date(e.mtimeMs);
      out += `${String(e.size).padStart(9)}  ${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}-${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}   ${e.name}\n`;
      total += e.size;
    }
    // BusyBox counts every member of the archive here, listed or not.
    await io.out(`${out} --------                     -------\n${String(total).padStart(9)}                     ${entries.length} file${entries.length === 1 ? '' : 's'}\n`);
    return 0;
  }
  const base = io.path(optValue(o, 'd') ?? '.');
  let overwrite = o.flags.has('o') ? true : o.flags.has('n') ? false : undefined;
  for (const e of picked) {
    const isDir = e.name.endsWith('/');
    if (o.flags.has('p')) {
      if (!isDir) await io.outBytes(e.data());
      continue;
    }
    const rel = o.flags.has('j') ? e.name.slice(e.name.replace(/\/+$/, '').lastIndexOf('/') + 1) : e.name;
    if (rel === '' || (o.flags.has('j') && isDir)) continue;
    const path = `${base}/${rel.replace(/\/+$/, '')}`;
    try {
      makeParents(io, dirName(path), 0o755);
      if (isDir) {
        try {
          vfs.mkdir(path, e.mode ?? 0o755, cred);
          if (!quiet) await io.out(`   creating: ${rel}\n`);
        } catch (err) {
          if (!isFsError(err, 'EEXIST')) throw err;
        }
        continue;
      }
      let exists = true;
      try {
        vfs.lstat(path, cred);
      } catch {
        exists = false;
      }
      if (exists && overwrite !== true) {
        if (overwrite === false) continue;
        await io.out(`replace ${rel}? [y]es, [n]o, [A]ll, [N]one, [r]ename: `);
        await io.flush();
        const answer = await io.proc.read(0, 64);
        if (answer === null || answer.length === 0) {
          await io.err("can't read standard input");
          return 1;
        }
        const c = String.fromCharCode(answer[0]!);
        if (c === 'A') overwrite = true;
        if (c === 'N') overwrite = false;
        if (c === 'n' || c === 'N') continue;
      }
      if (!quiet) await io.out(`  inflating: ${rel}\n`);
      const mode = e.mode ?? 0o644;
      vfs.writeFile(path, e.data(), { mode, cred });
      vfs.chmod(path, mode, cred);
    } catch (err) {
      if (err instanceof ZipError) {
        await io.err(err.message);
        return 1;
      }
      if (!isFsError(err)) throw err;
      await io.err(`can't create '${rel}': ${err.text}`);
      return 1;
    }
  }
  return 0;
});
