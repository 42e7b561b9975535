/**
 * The docker CLI's host files (CliFiles) on the simulated host: `docker
 * save -o`, `load -i`, `--env-file` and the build context read and write the
 * host's file system as the process running `docker` sees it (its cwd, its
 * user's permissions), with the texts of Go's os errors.
 */
import type { BuildContextEntry } from '../api/build.ts';
import type { CliFiles } from '../cli/io.ts';
import { isFsError } from '../engine/fs/errors.ts';
import type { Process } from '../engine/userspace/process/process.ts';

const GO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
};

function goError(op: string, path: string, e: unknown): Error {
  if (isFsError(e)) return new Error(`${op} ${path}: ${GO_TEXT[e.code] ?? e.text.toLowerCase()}`);
  return e instanceof Error ? e : new Error(String(e));
}

export function processFiles(proc: Process): CliFiles {
  const vfs = proc.vfs;
  const abs = (p: string) => proc.resolvePath(p);
  return {
    readFile(path) {
      try {
        return vfs.readFile(abs(path), proc.cred);
      } catch (e) {
        throw goError('open', path, e);
      }
    },
    writeFile(path, data) {
      const full = abs(path);
      const dir = full.slice(0, full.lastIndexOf('/')) || '/';
      try {
        if (vfs.stat(dir, proc.cred).type !== 'dir') throw new Error();
      } catch {
        throw new Error(`invalid output path: directory "${path.includes('/') ? path.slice(0, path.lastIndexOf('/')) || '/' : '.'}" does not exist`);
      }
      try {
        const st = vfs.stat(full, proc.cred);
        if (st.type !== 'file') throw new Error(`invalid output path: "${path}" must be a directory or a regular file`);
      } catch (e) {
        if (!isFsError(e, 'ENOENT')) throw e;
      }
      try {
        vfs.writeFile(full, data, { mode: 0o666 & ~proc.umask, cred: proc.cred });
      } catch (e) {
        throw goError('open', path, e);
      }
    },
    walk(dir) {
      const root = abs(dir);
      let st;
      try {
        st = vfs.stat(root, proc.cred);
      } catch (e) {
        throw goError('lstat', dir, e);
      }
      if (st.type !== 'dir') throw new Error(`${dir}: not a directory`);
      const out: BuildContextEntry[] = [];
      const walk = (rel: string) => {
        const here = rel ? `${root === '/' ? '' : root}/${rel}` : root;
        let entries;
        try {
          entries = vfs.readdir(here, proc.cred);
        } catch (e) {
          throw goError('open', here, e);
        }
        for (const e of entries) {
          const path = rel ? `${rel}/${e.name}` : e.name;
          const full = `${root === '/' ? '' : root}/${path}`;
          const s = vfs.lstat(full, proc.cred);
          const mode = s.mode & 0o7777;
          if (s.type === 'symlink') out.push({ path, type: 'symlink', target: vfs.readlink(full, proc.cred), mode });
          else if (s.type === 'dir') {
            out.push({ path, type: 'dir', mode });
            walk(path);
          } else if (s.type === 'file') {
            try {
              out.push({ path, type: 'file', data: vfs.readFile(full, proc.cred), mode });
            } catch (err) {
              throw goError('open', full, err);
            }
          }
        }
      };
      walk('');
      return out;
    },
  };
}
