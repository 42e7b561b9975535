/**
 * Where the learner's build context lives. The Workspace state class talks
 * to this small interface only, so it runs in Node tests over the same
 * lightning-fs code the browser uses (with fake-indexeddb there).
 */
import type FS from '@isomorphic-git/lightning-fs';

/** A flat, path-keyed file store. Paths are relative (`app/main.py`), '/'-separated. */
export interface WorkspaceStore {
  /** Every file's path, sorted. Directories exist only as parts of paths. */
  list(): Promise<string[]>;
  read(path: string): Promise<Uint8Array>;
  /** Creates or replaces a file, creating its parent directories. */
  write(path: string, data: Uint8Array): Promise<void>;
  /** Removes a file, or a directory with everything in it. Missing paths are not an error. */
  remove(path: string): Promise<void>;
  /** Moves a file or directory; the target must not exist. */
  rename(from: string, to: string): Promise<void>;
}

/** lightning-fs (IndexedDB) under one root directory. */
export class LightningWorkspaceStore implements WorkspaceStore {
  constructor(
    private readonly fs: FS,
    private readonly root = '/workspace',
  ) {}

  private abs(path: string): string {
    return `${this.root}/${path}`;
  }

  async list(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string, prefix: string) => {
      let names: string[];
      try {
        names = await this.fs.promises.readdir(dir);
      } catch {
        return;
      }
      for (const name of names) {
        const stat = await this.fs.promises.stat(`${dir}/${name}`);
        if (stat.type === 'dir') await walk(`${dir}/${name}`, `${prefix}${name}/`);
        else out.push(`${prefix}${name}`);
      }
    };
    await walk(this.root, '');
    return out.sort();
  }

  async read(path: string): Promise<Uint8Array> {
    return (await this.fs.promises.readFile(this.abs(path))) as Uint8Array;
  }

  async write(path: string, data: Uint8Array): Promise<void> {
    await this.mkdirs(path);
    await this.fs.promises.writeFile(this.abs(path), data);
    // The directory tree is one debounced IndexedDB record: write it now so a reload finds the file.
    await this.fs.promises.flush();
  }

  async remove(path: string): Promise<void> {
    const target = this.abs(path);
    let stat;
    try {
      stat = await this.fs.promises.stat(target);
    } catch {
      return;
    }
    if (stat.type === 'dir') {
      for (const name of await this.fs.promises.readdir(target)) await this.remove(`${path}/${name}`);
      await this.fs.promises.rmdir(target);
    } else {
      await this.fs.promises.unlink(target);
    }
    await this.fs.promises.flush();
  }

  async rename(from: string, to: string): Promise<void> {
    await this.mkdirs(to);
    await this.fs.promises.rename(this.abs(from), this.abs(to));
    await this.fs.promises.flush();
  }

  /** Parent directories of `path`, root first. */
  private async mkdirs(path: string): Promise<void> {
    const parts = path.split('/').slice(0, -1);
    let dir = this.root;
    for (const part of ['', ...parts]) {
      if (part !== '') dir += `/${part}`;
      try {
        await this.fs.promises.mkdir(dir);
      } catch (err) {
        if ((err as { code?: string }).code !== 'EEXIST') throw err;
      }
    }
  }
}

/** The browser's store: lightning-fs is loaded on first use so it stays out of the initial bundle. */
export async function openBrowserWorkspaceStore(name = 'layerlab-workspace'): Promise<WorkspaceStore> {
  const { default: LightningFS } = await import('@isomorphic-git/lightning-fs');
  return new LightningWorkspaceStore(new LightningFS(name));
}

/**
 * Files in memory only: the fallback when IndexedDB is unavailable (some
 * private windows), so the workspace still works for the visit.
 */
export class MemoryWorkspaceStore implements WorkspaceStore {
  private readonly files = new Map<string, Uint8Array>();

  async list(): Promise<string[]> {
    return [...this.files.keys()].sort();
  }

  async read(path: string): Promise<Uint8Array> {
    const data = this.files.get(path);
    if (!data) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return data;
  }

  async write(path: string, data: Uint8Array): Promise<void> {
    this.files.set(path, data);
  }

  async remove(path: string): Promise<void> {
    for (const key of [...this.files.keys()]) if (key === path || key.startsWith(`${path}/`)) this.files.delete(key);
  }

  async rename(from: string, to: string): Promise<void> {
    for (const [key, data] of [...this.files]) {
      if (key !== from && !key.startsWith(`${from}/`)) continue;
      this.files.delete(key);
      this.files.set(to + key.slice(from.length), data);
    }
  }
}
