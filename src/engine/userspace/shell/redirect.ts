import { isFsError } from '../../fs/errors.ts';
import { FdTable } from '../io/fd-table.ts';
import { openPath } from '../io/open-path.ts';
import type { OpenMode } from '../io/open-path.ts';
import type { OpenFile } from '../io/open-file.ts';
import { bytesSource, StreamFile } from '../io/special-files.ts';
import { encode } from '../io/text.ts';
import type { Process } from '../process/process.ts';
import type { Redir } from './ast.ts';
import type { Expander } from './expand.ts';

/** A failed redirection: ash prints the message and the command gets status 1. */
export class RedirError extends Error {
  override readonly name = 'RedirError';
}

/** Descriptors replaced by redirections of a builtin or compound command, to put back afterwards. */
export type SavedFds = Map<number, OpenFile | null>;

/**
 * Applies redirections to `proc`'s descriptor table, left to right. With
 * `saved`, the previous descriptors are kept there for `restoreFds`.
 */
export async function applyRedirs(proc: Process, redirs: readonly Redir[], ex: Expander, noclobber: boolean, saved: SavedFds | null): Promise<void> {
  for (const r of redirs) {
    const fd = r.fd ?? (r.op[0] === '<' ? 0 : 1);
    let file: OpenFile | null;
    if (r.op === '<<' || r.op === '<<-') {
      const h = r.heredoc!;
      const text = h.quoted ? h.body.parts.map((p) => (p.t === 'sq' ? p.v : '')).join('') : await ex.string(h.body);
      file = new StreamFile(bytesSource(encode(text)), null, () => {}, 'heredoc');
    } else {
      const target = await ex.string(r.target);
      if (r.op === '<&' || r.op === '>&') {
        if (target === '-') file = null;
        else if (/^\d+$/.test(target)) {
          const src = proc.fds.get(Number(target));
          if (!src) throw new RedirError(`${target}: Bad file descriptor`);
          src.refs++;
          file = src;
        } else file = open(proc, target, 'write');
      } else {
        const mode: OpenMode = r.op === '<' ? 'read' : r.op === '>>' ? 'append' : r.op === '<>' ? 'readwrite' : noclobber && r.op === '>' ? 'create-excl' : 'write';
        file = open(proc, target, mode);
      }
    }
    if (saved && !saved.has(fd)) {
      const old = proc.fds.get(fd);
      if (old) old.refs++;
      saved.set(fd, old ?? null);
    }
    if (file) proc.fds.install(fd, file);
    else proc.fds.close(fd);
  }
}

/** Puts back descriptors saved by applyRedirs. */
export function restoreFds(proc: Process, saved: SavedFds): void {
  for (const [fd, f] of saved) {
    if (f) proc.fds.install(fd, f);
    else proc.fds.close(fd);
  }
  saved.clear();
}

function open(proc: Process, target: string, mode: OpenMode): OpenFile {
  const path = proc.resolvePath(target);
  try {
    return openPath(proc.vfs, proc.fds, path, mode, proc.cred, proc.kernel.opts.random);
  } catch (e) {
    if (!isFsError(e)) throw e;
    if (mode === 'read') throw new RedirError(`can't open ${target}: ${e.code === 'ENOENT' ? 'no such file' : e.text}`);
    if (e.code === 'ENOENT') throw new RedirError(`can't create ${target}: nonexistent directory`);
    if (e.code === 'EEXIST') throw new RedirError(`can't create ${target}: File exists`);
    throw new RedirError(`can't create ${target}: ${e.text}`);
  }
}

export { FdTable };
