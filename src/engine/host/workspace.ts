/**
 * The learner's home directory is the workspace (the build context): the
 * editor's files are written into it, and what commands change there flows
 * back to the editor. Both directions are change sets of whole files; the
 * host remembers what the editor last saw, so a pull reports only files
 * that commands created, changed or removed since.
 *
 * Simplification: the workspace holds regular files only; directories exist
 * through the files in them, and symlinks and device files made in the home
 * directory stay on the host.
 */
import type { WorkspaceChanges } from '../../api/host.ts';
import type { MemFs } from '../fs/mem-fs.ts';
import { isFsError } from '../fs/errors.ts';
import { LEARNER } from './rootfs.ts';


export class HostWorkspace {
  /** What the editor has, by path: the identity of the file it saw. */
  private seen = new Map<string, string>();

  constructor(
    private readonly fs: MemFs,
    readonly home: string = LEARNER.home,
  ) {}

  private files(): Map<string, string> {
    const out = new Map<string, string>();
    const walk = (rel: string) => {
      const abs = rel ? `${this.home}/${rel}` : this.home;
      let entries;
      try {
        entries = this.fs.readdir(abs);
      } catch {
        return;
      }
      for (const e of entries) {
        const path = rel ? `${rel}/${e.name}` : e.name;
        if (e.type === 'dir') walk(path);
        else if (e.type === 'file') {
          const st = this.fs.lstat(`${this.home}/${path}`);
          out.set(path, `${st.ino}:${st.mtimeMs}:${st.ctimeMs}:${st.size}`);
        }
      }
    };
    walk('');
    return out;
  }

  /** Applies the editor's changes (or, with `replace`, makes the home directory hold exactly `written`). */
  push(changes: WorkspaceChanges, replace = false): void {
    if (replace) {
      for (const path of this.files().keys()) if (!(path in changes.written)) this.remove(path);
    }
    for (const path of changes.removed) this.remove(path);
    for (const [path, data] of Object.entries(changes.written)) {
      const abs = `${this.home}/${path}`;
      let cur = this.home;
      for (const seg of path.split('/').slice(0, -1)) {
        cur += `/${seg}`;
        try {
          this.fs.mkdir(cur, 0o755);
          this.fs.chown(cur, LEARNER.uid, LEARNER.gid);
        } catch (e) {
          if (!isFsError(e, 'EEXIST')) throw e;
        }
      }
      this.fs.writeFile(abs, data, { mode: 0o644 });
      this.fs.chown(abs, LEARNER.uid, LEARNER.gid);
    }
    this.seen = this.files();
  }

  private remove(path: string): void {
    try {
      this.fs.unlink(`${this.home}/${path}`);
    } catch (e) {
      if (!isFsError(e, 'ENOENT')) throw e;
    }
    // Directories that held only the removed file go with it, as in the editor's tree.
    const parts = path.split('/');
    for (let k = parts.length - 1; k > 0; k--) {
      try {
        this.fs.rmdir(`${this.home}/${parts.slice(0, k).join('/')}`);
      } catch {
        break;
      }
    }
  }

  /** Files commands changed since the last push or pull; the editor is then up to date. */
  pull(): WorkspaceChanges {
    const now = this.files();
    const written: Record<string, Uint8Array> = {};
    for (const [path, id] of now) if (this.seen.get(path) !== id) written[path] = this.fs.readFile(`${this.home}/${path}`);
    const removed = [...this.seen.keys()].filter((p) => !now.has(p));
    this.seen = now;
    return { written, removed };
  }

  /** Every file of the workspace (the build context as `docker build` in the tab sends it). */
  all(): Record<string, Uint8Array> {
    const out: Record<string, Uint8Array> = {};
    for (const path of this.files().keys()) out[path] = this.fs.readFile(`${this.home}/${path}`);
    return out;
  }
}
