/**
 * The workspace: the learner's build context (Dockerfile and the files it
 * copies), persisted through a WorkspaceStore. Components render `tree` and
 * call the verbs; every verb validates first and reports a message key on
 * refusal, so a bad name never reaches the store.
 */
import { packTar } from 'modern-tar';
import type { WorkspaceChanges } from '../../api/index.ts';
import type { WorkspaceStore } from '../workspace/workspace-store.ts';
import type { MessageKey } from './messages.ts';

/** One row of the file tree: directories come from the paths of the files below them. */
export interface TreeRow {
  readonly path: string;
  readonly name: string;
  readonly kind: 'file' | 'dir';
  /** 1 for top-level entries (ARIA's aria-level). */
  readonly level: number;
}

/** The starting build context: a Dockerfile and something for it to COPY. */
export const STARTER_FILES: Readonly<Record<string, string>> = {
  Dockerfile: '# syntax=docker/dockerfile:1\nFROM busybox:1.37\nWORKDIR /app\nCOPY . .\nCMD ["sh", "hello.sh"]\n',
  'hello.sh': 'echo "hello from Layerlab"\n',
  '.dockerignore': '*.md\n',
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A file's text, or null when it is binary: not UTF-8, or holding a NUL byte
 * (git's test; an uncompressed tar can be valid UTF-8 padded with NULs).
 */
export function fileText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Why a workspace path is refused, or null when it is fine. */
export function checkPath(path: string): MessageKey | null {
  if (path.trim() === '') return 'pathEmpty';
  if (path.length > 255) return 'pathTooLong';
  if (path.startsWith('/') || path.includes('\\') || path.includes('\0')) return 'pathInvalid';
  if (path.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) return 'pathInvalid';
  return null;
}

/** Rows for the tree: directories before files at each level, both by name. */
export function treeRows(paths: readonly string[]): TreeRow[] {
  interface Dir {
    dirs: Map<string, Dir>;
    files: string[];
  }
  const root: Dir = { dirs: new Map(), files: [] };
  for (const path of paths) {
    const parts = path.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      let next = dir.dirs.get(part);
      if (!next) dir.dirs.set(part, (next = { dirs: new Map(), files: [] }));
      dir = next;
    }
    dir.files.push(parts[parts.length - 1]!);
  }
  const rows: TreeRow[] = [];
  const walk = (dir: Dir, prefix: string, level: number) => {
    for (const name of [...dir.dirs.keys()].sort()) {
      rows.push({ path: `${prefix}${name}`, name, kind: 'dir', level });
      walk(dir.dirs.get(name)!, `${prefix}${name}/`, level + 1);
    }
    for (const name of [...dir.files].sort()) rows.push({ path: `${prefix}${name}`, name, kind: 'file', level });
  };
  walk(root, '', 1);
  return rows;
}

/** The host's side of the workspace: the learner's home directory on the simulated Docker host. */
export interface HostHome {
  workspacePush(changes: WorkspaceChanges, replace?: boolean): Promise<void>;
  workspacePull(): Promise<WorkspaceChanges>;
}

export class Workspace {
  paths = $state<string[]>([]);
  /** The file open in the editor. */
  active = $state<string | null>(null);
  ready = $state(false);
  readonly tree = $derived(treeRows(this.paths));

  private host: HostHome | undefined;

  constructor(private readonly store: WorkspaceStore) {}

  /**
   * Makes the host's home directory hold this workspace, and keeps it so:
   * every verb below sends its change, and `pullFromHost` brings back what
   * commands in the terminal changed.
   */
  async syncWith(host: HostHome): Promise<void> {
    this.host = host;
    const written: Record<string, Uint8Array> = {};
    for (const path of this.paths) written[path] = await this.store.read(path);
    await host.workspacePush({ written, removed: [] }, true);
  }

  /** Applies the files commands created, changed or removed in the home directory. Returns whether anything changed. */
  async pullFromHost(): Promise<boolean> {
    if (!this.host) return false;
    const { written, removed } = await this.host.workspacePull();
    const paths = Object.keys(written).filter((p) => checkPath(p) === null);
    if (paths.length === 0 && removed.length === 0) return false;
    for (const path of removed) if (this.has(path)) await this.store.remove(path);
    for (const path of paths) await this.store.write(path, written[path]!);
    await this.refresh();
    if (this.active !== null && !this.paths.includes(this.active)) this.active = this.paths.includes('Dockerfile') ? 'Dockerfile' : (this.paths[0] ?? null);
    this.revision++;
    return true;
  }

  /** Bumped when files change under the editor (commands in the terminal): open files reload. */
  revision = $state(0);

  private async toHost(written: Readonly<Record<string, Uint8Array>>, removed: readonly string[] = []): Promise<void> {
    await this.host?.workspacePush({ written, removed }).catch(() => {});
  }

  /** Reads the stored workspace; a first visit gets the starter files. */
  async load(seed: Readonly<Record<string, string>> = STARTER_FILES): Promise<void> {
    let paths = await this.store.list();
    if (paths.length === 0) {
      for (const [path, text] of Object.entries(seed)) await this.store.write(path, encoder.encode(text));
      paths = await this.store.list();
    }
    this.paths = paths;
    this.active = paths.includes('Dockerfile') ? 'Dockerfile' : (paths[0] ?? null);
    this.ready = true;
  }

  has(path: string): boolean {
    return this.paths.includes(path);
  }

  /** True when `path` is a directory (a prefix of some file's path). */
  isDir(path: string): boolean {
    return this.paths.some((p) => p.startsWith(`${path}/`));
  }

  async readText(path: string): Promise<string> {
    return decoder.decode(await this.store.read(path));
  }

  async readBytes(path: string): Promise<Uint8Array> {
    return this.store.read(path);
  }

  /** Saves editor text to an existing file. */
  async save(path: string, text: string): Promise<void> {
    const data = encoder.encode(text);
    await this.store.write(path, data);
    await this.toHost({ [path]: data });
  }

  async create(path: string, text = ''): Promise<MessageKey | null> {
    const bad = checkPath(path) ?? this.conflict(path);
    if (bad) return bad;
    const data = encoder.encode(text);
    await this.store.write(path, data);
    await this.toHost({ [path]: data });
    await this.refresh();
    this.active = path;
    return null;
  }

  async rename(from: string, to: string): Promise<MessageKey | null> {
    if (from === to) return null;
    const bad = checkPath(to) ?? this.conflict(to);
    if (bad) return bad;
    if (to.startsWith(`${from}/`)) return 'pathInvalid';
    const moved = this.paths.filter((p) => p === from || p.startsWith(`${from}/`));
    await this.store.rename(from, to);
    const written: Record<string, Uint8Array> = {};
    for (const p of moved) written[to + p.slice(from.length)] = await this.store.read(to + p.slice(from.length));
    await this.toHost(written, moved);
    await this.refresh();
    if (this.active === from) this.active = to;
    else if (this.active?.startsWith(`${from}/`)) this.active = to + this.active.slice(from.length);
    return null;
  }

  async remove(path: string): Promise<void> {
    const gone = this.paths.filter((p) => p === path || p.startsWith(`${path}/`));
    await this.store.remove(path);
    await this.toHost({}, gone);
    await this.refresh();
    if (this.active !== null && !this.paths.includes(this.active)) this.active = this.paths.includes('Dockerfile') ? 'Dockerfile' : (this.paths[0] ?? null);
  }

  /** Adds uploaded files (replacing same-named ones, as dropping files into a folder does). */
  async upload(files: readonly { name: string; data: Uint8Array }[], dir = ''): Promise<MessageKey | null> {
    for (const f of files) {
      const path = dir ? `${dir}/${f.name}` : f.name;
      const bad = checkPath(path) ?? (this.isDir(path) ? 'pathExists' : null);
      if (bad) return bad;
    }
    const written: Record<string, Uint8Array> = {};
    for (const f of files) {
      const path = dir ? `${dir}/${f.name}` : f.name;
      await this.store.write(path, f.data);
      written[path] = f.data;
    }
    await this.toHost(written);
    await this.refresh();
    return null;
  }

  /** The whole workspace as a POSIX tar, as `docker build` would send the context. */
  async tar(mtime = new Date()): Promise<Uint8Array<ArrayBuffer>> {
    const entries = [];
    for (const path of this.paths) {
      const body = await this.store.read(path);
      entries.push({ header: { name: path, size: body.length, mode: 0o644, mtime }, body });
    }
    return packTar(entries);
  }

  /** Every text file (for sharing a session); files that are not UTF-8 text are listed in `skipped`. */
  async snapshot(): Promise<{ files: Record<string, string>; skipped: string[] }> {
    const files: [string, string][] = [];
    const skipped: string[] = [];
    for (const path of this.paths) {
      const text = fileText(await this.store.read(path));
      if (text === null) skipped.push(path);
      else files.push([path, text]);
    }
    // fromEntries: a file called `__proto__` is kept as a file.
    return { files: Object.fromEntries(files), skipped };
  }

  /** Replaces the whole workspace (an imported or shared session). */
  async replaceAll(files: Readonly<Record<string, string>>): Promise<void> {
    for (const path of Object.keys(files)) {
      const bad = checkPath(path);
      if (bad) throw new Error(`refusing workspace path ${JSON.stringify(path)}`);
    }
    for (const path of this.paths) await this.store.remove(path);
    for (const [path, text] of Object.entries(files)) await this.store.write(path, encoder.encode(text));
    await this.refresh();
    if (this.host) await this.syncWith(this.host).catch(() => {});
    this.active = this.paths.includes('Dockerfile') ? 'Dockerfile' : (this.paths[0] ?? null);
  }

  private conflict(path: string): MessageKey | null {
    if (this.has(path) || this.isDir(path)) return 'pathExists';
    // A file cannot become a directory's parent: `Dockerfile/x` when Dockerfile is a file.
    const parts = path.split('/');
    for (let k = 1; k < parts.length; k++) if (this.has(parts.slice(0, k).join('/'))) return 'pathExists';
    return null;
  }

  private async refresh(): Promise<void> {
    this.paths = await this.store.list();
  }
}
