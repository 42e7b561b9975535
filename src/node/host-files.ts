/**
 * The docker CLI's host files in Node (`save -o`, `load -i`), with the error
 * texts the Go client prints (os.Open's `open x: no such file or directory`,
 * command.ValidateOutputPath's `invalid output path: …`).
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BuildContextEntry } from '../api/build.ts';
import type { CliFiles } from '../cli/io.ts';

const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
};

function osError(op: string, path: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return new Error(`${op} ${path}: ${ERRNO_TEXT[code] ?? (err as Error).message}`);
}

export const hostFiles: CliFiles = {
  readFile(path) {
    try {
      return new Uint8Array(readFileSync(path));
    } catch (e) {
      throw osError('open', path, e);
    }
  },
  writeFile(path, data) {
    const dir = dirname(path);
    try {
      if (!statSync(dir).isDirectory()) throw new Error();
    } catch {
      throw new Error(`invalid output path: directory "${dir}" does not exist`);
    }
    try {
      const st = statSync(path);
      if (!st.isFile()) throw new Error(`invalid output path: "${path}" must be a directory or a regular file`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    // Written beside the target and renamed, so a failed save never leaves half a tar (docker's CopyToFile).
    const tmp = `${path}.layerlab-tmp`;
    try {
      writeFileSync(tmp, data);
      renameSync(tmp, path);
    } catch (e) {
      throw osError('open', path, e);
    }
  },
  walk(dir) {
    let st;
    try {
      st = statSync(dir);
    } catch (e) {
      throw osError('lstat', dir, e);
    }
    if (!st.isDirectory()) throw new Error(`${dir}: not a directory`);
    const out: BuildContextEntry[] = [];
    walkInto(dir, '', out);
    return out;
  },
  stat(path) {
    try {
      const st = lstatSync(path);
      return { type: st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other' };
    } catch {
      return undefined;
    }
  },
  extract(dir, entries) {
    try {
      if (!statSync(dirname(dir)).isDirectory()) throw new Error();
    } catch {
      throw new Error(`lstat ${dirname(dir)}: no such file or directory`);
    }
    try {
      mkdirSync(dir, { recursive: true });
      for (const e of entries) {
        const full = join(dir, e.path);
        const existing = this.stat!(full);
        if (existing && !(existing.type === 'dir' && e.type === 'dir')) rmSync(full, { recursive: true, force: true });
        if (e.type === 'dir') {
          if (!existing || existing.type !== 'dir') mkdirSync(full, { mode: e.mode ?? 0o755 });
          chmodSync(full, e.mode ?? 0o755);
        } else if (e.type === 'symlink') symlinkSync(e.target ?? '', full);
        else {
          writeFileSync(full, typeof e.data === 'string' ? e.data : (e.data ?? new Uint8Array(0)), { mode: e.mode ?? 0o644 });
          chmodSync(full, e.mode ?? 0o644);
        }
      }
    } catch (e) {
      throw osError('open', dir, e);
    }
  },
};

/** Bytewise order of names (Go's sort.Strings), so a context lists the same way on every host. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function walkInto(root: string, rel: string, out: BuildContextEntry[]): void {
  const abs = rel ? join(root, rel) : root;
  let names: string[];
  try {
    names = readdirSync(abs).sort(byteOrder);
  } catch (e) {
    throw osError('open', abs, e);
  }
  for (const name of names) {
    const path = rel ? `${rel}/${name}` : name;
    const full = join(root, path);
    let st;
    try {
      st = lstatSync(full);
    } catch (e) {
      throw osError('lstat', full, e);
    }
    const mode = st.mode & 0o7777;
    if (st.isSymbolicLink()) out.push({ path, type: 'symlink', target: readlinkSync(full), mode });
    else if (st.isDirectory()) {
      out.push({ path, type: 'dir', mode });
      walkInto(root, path, out);
    } else if (st.isFile()) {
      try {
        out.push({ path, type: 'file', data: new Uint8Array(readFileSync(full)), mode });
      } catch (e) {
        throw osError('open', full, e);
      }
    }
    // Simplification: sockets, fifos and devices are left out of a context.
  }
}
