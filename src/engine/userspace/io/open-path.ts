import type { Cred, Vfs } from '../../fs/vfs.ts';
import { O_APPEND, O_CREAT, O_EXCL, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY } from '../../fs/vfs.ts';
import { FsError } from '../../fs/errors.ts';
import type { FdTable } from './fd-table.ts';
import type { OpenFile } from './open-file.ts';
import { FullFile, NullFile, RandomFile, ZeroFile } from './special-files.ts';
import { VfsFile } from './vfs-file.ts';

export type OpenMode = 'read' | 'write' | 'append' | 'readwrite' | 'create-excl';

/**
 * open(2) for processes: regular files go to the Vfs; a few device paths are
 * served here. Simplification: /dev/null, /dev/zero, /dev/full, /dev/stdin|stdout|stderr
 * and /dev/fd/N are recognised by path, not by device number.
 */
export function openPath(vfs: Vfs, fds: FdTable, path: string, mode: OpenMode, cred: Cred, random?: () => number): OpenFile {
  switch (path) {
    case '/dev/null':
      return new NullFile();
    case '/dev/zero':
      return new ZeroFile();
    case '/dev/full':
      return new FullFile();
    case '/dev/urandom':
    case '/dev/random':
      if (random) return new RandomFile(random, path);
      break;
    case '/dev/stdin':
      return dupOf(fds, 0, path);
    case '/dev/stdout':
      return dupOf(fds, 1, path);
    case '/dev/stderr':
      return dupOf(fds, 2, path);
  }
  const m = /^\/dev\/fd\/(\d+)$/.exec(path);
  if (m) return dupOf(fds, Number(m[1]), path);
  const flags =
    mode === 'read' ? O_RDONLY
    : mode === 'write' ? O_WRONLY | O_CREAT | O_TRUNC
    : mode === 'append' ? O_WRONLY | O_CREAT | O_APPEND
    : mode === 'create-excl' ? O_WRONLY | O_CREAT | O_EXCL
    : O_RDWR | O_CREAT;
  if (mode !== 'read') {
    let isDir = false;
    try {
      isDir = vfs.stat(path, cred).type === 'dir';
    } catch {
      // Missing is fine: open creates it (or fails with the right errno).
    }
    if (isDir) throw new FsError('EISDIR', 'open', path);
  }
  const vfd = vfs.open(path, flags, 0o666 & ~(cred.umask ?? 0o022), cred);
  return new VfsFile(vfs, vfd, mode === 'read' || mode === 'readwrite', mode !== 'read', path);
}

function dupOf(fds: FdTable, fd: number, path: string): OpenFile {
  const f = fds.get(fd);
  if (!f) throw new FsError('ENOENT', 'open', path);
  f.refs++;
  return f;
}
