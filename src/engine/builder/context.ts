/**
 * The build context as the builder sees it: the client's files after
 * `.dockerignore` (BuildKit's filtered walk), addressable by clean relative
 * path, plus the Dockerfile and `.dockerignore` themselves, which the builder
 * always reads whatever the patterns say.
 */
import type { BuildContextEntry } from '../../api/build.ts';
import { EngineError } from '../../api/index.ts';
import { cleanPath, parseDockerignore } from '../dockerfile/dockerignore.ts';
import { contextTreeFromEntries, walkContext, type WalkStep } from '../dockerfile/context-walker.ts';
import { tarToEntries } from '../fs/layer-tar.ts';
import { utf8Decode, utf8Encode } from '../fs/utf8.ts';

export interface ContextFile {
  /** Clean relative path (`src/app.js`), never `.`. */
  readonly path: string;
  readonly type: 'file' | 'dir' | 'symlink';
  readonly data: Uint8Array;
  readonly mode: number;
  readonly target?: string;
  readonly mtimeMs: number;
}

const EMPTY = new Uint8Array(0);

/** A clean relative path: no leading `/` or `./`, no `..` above the root. */
export function contextPath(p: string): string {
  const c = cleanPath(`/${p}`).replace(/^\/+/, '');
  return c === '.' ? '' : c;
}

export class BuildContext {
  private readonly byPath: ReadonlyMap<string, ContextFile>;

  private constructor(
    private readonly all: ReadonlyMap<string, ContextFile>,
    sent: ReadonlyMap<string, ContextFile>,
    /** The `.dockerignore` patterns that filtered it. */
    readonly excludes: readonly string[],
    /** What the walk decided for every visited path (for "why was my file not copied?"). */
    readonly walk: readonly WalkStep[],
  ) {
    this.byPath = sent;
  }

  /**
   * A context from the client's entries (directories implied by paths are
   * added). `now` stamps files that carry no mtime.
   */
  static fromEntries(entries: readonly BuildContextEntry[], now: number): BuildContext {
    const all = new Map<string, ContextFile>();
    const addDirs = (path: string) => {
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        if (!all.has(dir)) all.set(dir, { path: dir, type: 'dir', data: EMPTY, mode: 0o755, mtimeMs: now });
      }
    };
    for (const e of entries) {
      const path = contextPath(e.path);
      if (path === '') continue;
      addDirs(path);
      const data = e.data === undefined ? EMPTY : typeof e.data === 'string' ? utf8Encode(e.data) : e.data;
      const mode = e.mode ?? (e.type === 'dir' ? 0o755 : e.type === 'symlink' ? 0o777 : 0o644);
      all.set(path, { path, type: e.type, data, mode: mode & 0o7777, mtimeMs: e.mtimeMs ?? now, ...(e.target !== undefined ? { target: e.target } : {}) });
    }
    return BuildContext.filtered(all);
  }

  /** A context from the tar `POST /build` receives (gzip allowed). */
  static async fromTar(tar: Uint8Array): Promise<BuildContext> {
    let entries;
    try {
      entries = await tarToEntries(tar);
    } catch (e) {
      throw new EngineError('InvalidParameter', `failed to read build context: ${(e as Error).message}`, {});
    }
    const list: BuildContextEntry[] = [];
    for (const e of entries) {
      if (e.kind !== 'file' && e.kind !== 'dir' && e.kind !== 'symlink') continue;
      list.push({ path: e.path, type: e.kind, mode: e.mode, mtimeMs: e.mtimeMs, ...(e.data ? { data: e.data } : {}), ...(e.target !== undefined ? { target: e.target } : {}) });
    }
    return BuildContext.fromEntries(list, 0);
  }

  /** Applies `.dockerignore` (when the context has one) with BuildKit's walk. */
  private static filtered(all: Map<string, ContextFile>): BuildContext {
    const ignore = all.get('.dockerignore');
    const excludes = ignore && ignore.type === 'file' ? parseDockerignore(utf8Decode(ignore.data)) : [];
    if (excludes.length === 0) return new BuildContext(all, all, [], []);
    const tree = contextTreeFromEntries([...all.values()].map((f) => ({ path: f.path, type: f.type, ...(f.target !== undefined ? { target: f.target } : {}) })));
    const walked = walkContext(tree, { exclude: excludes });
    const sent = new Map<string, ContextFile>();
    for (const e of walked.entries) {
      const f = all.get(e.path);
      if (f) sent.set(e.path, f);
    }
    return new BuildContext(all, sent, excludes, walked.steps);
  }

  /** A file the builder reads whatever `.dockerignore` says (the Dockerfile, `.dockerignore`). */
  readDirect(path: string): Uint8Array | undefined {
    const f = this.all.get(contextPath(path));
    return f && f.type === 'file' ? f.data : undefined;
  }

  /** An entry that reached the builder. */
  get(path: string): ContextFile | undefined {
    return this.byPath.get(contextPath(path));
  }

  /** Whether a path exists in the client's directory but `.dockerignore` kept it out. */
  excluded(path: string): boolean {
    const p = contextPath(path);
    return this.all.has(p) && !this.byPath.has(p);
  }

  /** Every entry that reached the builder, in path order. */
  list(): ContextFile[] {
    return [...this.byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Entries below `dir` (not `dir` itself), in path order. */
  below(dir: string): ContextFile[] {
    const d = contextPath(dir);
    const prefix = d === '' ? '' : `${d}/`;
    return this.list().filter((f) => f.path.startsWith(prefix) && f.path !== d);
  }

  /** Bytes sent to the builder (what "transferring context: 93B" reports). */
  get transferSize(): number {
    let n = 0;
    for (const f of this.byPath.values()) n += f.type === 'file' ? f.data.length : f.type === 'symlink' ? (f.target?.length ?? 0) : 0;
    return n;
  }
}
