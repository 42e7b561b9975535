/**
 * Writing a base image's file tree, one layer at a time: a union mount over
 * the layers below (so a later layer can replace or delete files, leaving
 * whiteouts, exactly as a build step would) with a clock frozen at the
 * layer's creation time, frozen into a Layer afterwards. Same recipe → same
 * entries → same tar → same diffId on every run.
 */
import type { ContentStore } from '../../content/store.ts';
import { isFsError } from '../../fs/errors.ts';
import type { Vfs } from '../../fs/vfs.ts';
import { createLayer } from '../../snapshots/layer.ts';
import type { Layer } from '../../snapshots/layer.ts';
import { EMPTY_VIEW, extendView } from '../../snapshots/lower-view.ts';
import type { LowerView } from '../../snapshots/lower-view.ts';
import { UnionMount } from '../../snapshots/union-mount.ts';
import { utf8Encode } from '../../fs/utf8.ts';

const utf8 = { encode: utf8Encode };

/** Small conveniences over a Vfs for recipes: parents created, modes applied exactly. */
export class TreeWriter {
  constructor(readonly vfs: Vfs) {}

  /** `mkdir -p` with `mode` on the last component (parents 0755). */
  dir(path: string, mode = 0o755): this {
    let cur = '';
    const parts = path.split('/').filter(Boolean);
    parts.forEach((seg, i) => {
      cur += `/${seg}`;
      const m = i === parts.length - 1 ? mode : 0o755;
      try {
        this.vfs.mkdir(cur, m);
      } catch (e) {
        if (!isFsError(e, 'EEXIST')) throw e;
        if (i < parts.length - 1) return;
      }
      if (i === parts.length - 1) this.vfs.chmod(cur, m);
    });
    return this;
  }

  /** Writes a file (text as UTF-8), creating parents. */
  file(path: string, content: string | Uint8Array, mode = 0o644, owner?: { uid: number; gid: number }): this {
    this.dir(path.slice(0, path.lastIndexOf('/')) || '/');
    this.vfs.writeFile(path, typeof content === 'string' ? utf8.encode(content) : content, { mode });
    this.vfs.chmod(path, mode);
    if (owner) this.vfs.chown(path, owner.uid, owner.gid);
    return this;
  }

  /** `ln -s target path`, creating parents. */
  symlink(target: string, path: string): this {
    this.dir(path.slice(0, path.lastIndexOf('/')) || '/');
    this.vfs.symlink(target, path);
    return this;
  }

  /** Empty files, e.g. shared libraries whose content does not matter to the simulation. */
  files(dir: string, names: readonly string[], content: (name: string) => string | Uint8Array = () => '', mode = 0o644): this {
    for (const n of names) this.file(`${dir}/${n}`, content(n), mode);
    return this;
  }
}

/** The layers built so far and the view they make (the lower of the next layer). */
export interface TreeState {
  readonly view: LowerView;
}

export const EMPTY_TREE: TreeState = { view: EMPTY_VIEW };

/** Builds one layer over `below` by running `write`, with every mtime at `createdMs`. */
export async function buildLayer(below: TreeState, createdMs: number, content: ContentStore | undefined, write: (t: TreeWriter) => void): Promise<{ layer: Layer; tree: TreeState }> {
  const mount = new UnionMount({ lower: below.view, clock: { now: () => createdMs } });
  write(new TreeWriter(mount));
  const layer = await createLayer(mount.changes(), content);
  return { layer, tree: { view: extendView(below.view, layer.entries) } };
}
