/**
 * COPY and ADD (BuildKit dispatchCopy): sources from the context, a stage
 * or an image, wildcards, a directory's contents (not the directory
 * itself), file vs directory destinations (a trailing `/`, several
 * sources, an existing directory), `--chown`, `--chmod`, heredoc sources,
 * and for ADD the auto-extraction of local tar archives.
 *
 * Planning (what would be copied, its checksum, the cache inputs) is
 * separate from applying it to a mount, because the cache is consulted in
 * between.
 */
import { EngineError } from '../../api/index.ts';
import type { AddInstruction, CopyInstruction } from '../dockerfile/index.ts';
import { isFsError } from '../fs/errors.ts';
import { tarToEntries, isGzip } from '../fs/layer-tar.ts';
import type { Vfs } from '../fs/vfs.ts';
import { parentPath } from '../fs/path.ts';
import { utf8Encode } from '../fs/utf8.ts';
import { sha256Digest } from '../oci/digest.ts';
import { resolveUser } from '../runtime/user.ts';
import { gunzipSync } from 'fflate';
import type { SourceNode, SourceTree } from './sources.ts';
import { expandSource, sourceChecksum, walkSource } from './sources.ts';
import type { StageState } from './stage.ts';
import { joinWorkdir } from './stage.ts';

export interface CopyPlan {
  readonly kind: 'COPY' | 'ADD';
  /** The instruction as printed in progress (variables expanded). */
  readonly display: string;
  /** History `created_by`. */
  readonly createdBy: string;
  /** Cache inputs: `content:<src>` digests, dest, flags. */
  readonly inputs: Record<string, string>;
  readonly dest: string;
  readonly destIsDir: boolean;
  readonly items: readonly { readonly source: string; readonly path: string }[];
  readonly inline: readonly { readonly name: string; readonly data: Uint8Array }[];
  readonly chown: string;
  readonly chmod: number | undefined;
  readonly tree: SourceTree;
  readonly unpack: boolean;
}

/** Thrown when a source is missing: BuildKit's "not found" text plus a teaching hint. */
export function sourceNotFound(source: string, hint?: string): EngineError {
  const path = `/${source.replace(/^\/+/, '')}`;
  return new EngineError('NotFound', `failed to compute cache key: failed to calculate checksum of ref: "${path}": not found`, { source, ...(hint ? { hint } : {}) });
}

export function planCopy(
  state: StageState,
  ins: CopyInstruction | AddInstruction,
  tree: SourceTree,
  opts: { fromLabel?: string; excludedHint?: (source: string) => string | undefined },
): CopyPlan {
  const x = (w: string) => state.scope.expand(w);
  const sources = ins.sourcePaths.map(x);
  const rawDest = x(ins.dest);
  const dest = joinWorkdir(state.workdir, rawDest);
  if (ins.kind === 'ADD') {
    const url = sources.find((s) => /^(https?|git):\/\//.test(s));
    if (url) {
      // Simplification: Layerlab's network has no Internet; an ADD of a URL fails as a lookup would.
      const host = url.replace(/^[a-z]+:\/\//, '').split(/[/:]/)[0];
      throw new EngineError('Unavailable', `failed to load cache key: Get "${url}": dial tcp: lookup ${host}: no such host`, { url, simplification: 'Layerlab has no Internet: ADD of a URL cannot download.' });
    }
  }
  const inputs: Record<string, string> = { dest };
  const items: { source: string; path: string }[] = [];
  for (const src of sources) {
    const matches = expandSource(tree, src);
    if (matches.length === 0) throw sourceNotFound(src, opts.excludedHint?.(src));
    for (const m of matches) items.push({ source: src, path: m });
    inputs[`content:${src}`] = sourceChecksum(tree, matches);
  }
  const inline = ins.sourceContents.map((c) => ({ name: c.path, data: utf8Encode(c.expand ? x(c.data) : c.data) }));
  for (const c of inline) inputs[`content:<<${c.name}`] = sha256Digest(c.data);
  const count = sources.length + inline.length;
  if (count > 1 && !rawDest.endsWith('/')) {
    throw new EngineError('InvalidParameter', `When using ${ins.kind} with more than one source file, the destination must be a directory and end with a /`, {});
  }
  const chown = ins.chown ? x(ins.chown) : '';
  const chmodText = ins.chmod ? x(ins.chmod) : '';
  let chmod: number | undefined;
  if (chmodText) {
    if (!/^[0-7]{3,4}$/.test(chmodText)) throw new EngineError('InvalidParameter', `invalid chmod parameter: '${chmodText}'. it should be octal string and between 0 and 07777`, {});
    chmod = parseInt(chmodText, 8);
  }
  if (chown) inputs.chown = chown;
  if (chmodText) inputs.chmod = chmodText;
  if (opts.fromLabel) inputs.from = opts.fromLabel;
  const destIsDir = rawDest.endsWith('/') || items.length > 1 || rawDest === '.' || rawDest.endsWith('/.');
  const flags = `${chown ? `--chown=${chown} ` : ''}${chmodText ? `--chmod=${chmodText} ` : ''}`;
  const srcText = [...sources, ...inline.map((c) => `<<${c.name}`)].join(' ');
  const display = `${ins.kind} ${ins.original.slice(ins.keyword.length).trim().replace(/\s+/g, ' ')}`;
  let createdBy: string;
  if (state.builder === 'buildkit') createdBy = `${ins.kind} ${flags}${srcText} ${rawDest} # buildkit`;
  else {
    const what = items.length > 1 || count > 1 ? 'multi' : items.length === 1 && tree.lstat(items[0]!.path)?.type === 'dir' ? 'dir' : 'file';
    const hash = sha256Digest(JSON.stringify(inputs)).slice(7);
    createdBy = `${[...(state.cmd.Shell ?? ['/bin/sh', '-c'])].join(' ')} #(nop) ${ins.kind} ${chown ? `--chown=${chown} ` : ''}${what}:${hash} in ${rawDest} `;
  }
  const unpack = ins.kind === 'ADD' && (ins as AddInstruction).unpack !== false;
  return { kind: ins.kind, display: display.startsWith(`${ins.kind} `) ? x(display) : display, createdBy, inputs, dest, destIsDir, items, inline, chown, chmod, tree, unpack };
}

/** Applies a plan to a writable mount. */
export async function applyCopy(plan: CopyPlan, vfs: Vfs): Promise<void> {
  const owner = plan.chown ? ownerOf(vfs, plan.chown) : undefined;
  const destExistsAsDir = isDir(vfs, plan.dest);
  const intoDir = plan.destIsDir || destExistsAsDir;
  for (const item of plan.items) {
    const node = plan.tree.lstat(item.path)!;
    if (node.type === 'dir') {
      mkdirp(vfs, plan.dest, owner);
      for (const n of walkSource(plan.tree, item.path)) {
        if (n.path === item.path) continue;
        const rel = item.path === '' ? n.path : n.path.slice(item.path.length + 1);
        writeNode(vfs, `${plan.dest === '/' ? '' : plan.dest}/${rel}`, n, owner, plan.chmod);
      }
      continue;
    }
    if (plan.unpack && node.type === 'file' && node.data && isTarArchive(node.data)) {
      mkdirp(vfs, plan.dest, owner);
      await extractInto(vfs, plan.dest, node.data);
      continue;
    }
    const base = item.path.split('/').pop()!;
    const target = intoDir ? `${plan.dest === '/' ? '' : plan.dest}/${base}` : plan.dest;
    mkdirp(vfs, parentPath(target), owner);
    writeNode(vfs, target, node, owner, plan.chmod);
  }
  for (const c of plan.inline) {
    const target = intoDir ? `${plan.dest === '/' ? '' : plan.dest}/${c.name}` : plan.dest;
    mkdirp(vfs, parentPath(target), owner);
    writeNode(vfs, target, { path: c.name, type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, data: c.data }, owner, plan.chmod);
  }
}

function ownerOf(vfs: Vfs, chown: string): { uid: number; gid: number } {
  const r = resolveUser(vfs, chown.includes(':') ? chown : `${chown}`);
  if ('error' in r) {
    const name = chown.split(':')[0];
    throw new EngineError('InvalidParameter', `unable to convert uid/gid chown string to host mapping: can't find uid for user ${name}: no such user: ${name}`, { chown });
  }
  // `--chown=user` without a group uses the user's primary group; `--chown=uid` alone uses gid = uid.
  if (!chown.includes(':') && /^\d+$/.test(chown)) return { uid: r.cred.uid, gid: r.cred.uid };
  return { uid: r.cred.uid, gid: r.cred.gid };
}


function isDir(vfs: Vfs, p: string): boolean {
  try {
    return vfs.stat(p).type === 'dir';
  } catch (e) {
    if (isFsError(e)) return false;
    throw e;
  }
}

function mkdirp(vfs: Vfs, path: string, owner?: { uid: number; gid: number }): void {
  let cur = '';
  for (const seg of path.split('/').filter(Boolean)) {
    cur += `/${seg}`;
    try {
      vfs.mkdir(cur, 0o755);
      if (owner) vfs.chown(cur, owner.uid, owner.gid);
    } catch (e) {
      if (!isFsError(e, 'EEXIST')) throw e;
      if (!isDir(vfs, cur)) throw new EngineError('InvalidParameter', `failed to copy files: mkdir ${cur}: not a directory`, { path: cur });
    }
  }
}

function writeNode(vfs: Vfs, path: string, n: SourceNode, owner: { uid: number; gid: number } | undefined, chmod: number | undefined): void {
  const uid = owner?.uid ?? n.uid;
  const gid = owner?.gid ?? n.gid;
  const mode = chmod ?? n.mode;
  let existing: string | undefined;
  try {
    existing = vfs.lstat(path).type;
  } catch (e) {
    if (!isFsError(e)) throw e;
  }
  if (n.type === 'dir') {
    if (existing !== 'dir') {
      if (existing) vfs.unlink(path);
      vfs.mkdir(path, mode);
    }
    vfs.chmod(path, mode);
    vfs.chown(path, uid, gid);
    vfs.utimes(path, n.mtimeMs, n.mtimeMs);
    return;
  }
  if (existing === 'dir') throw new EngineError('InvalidParameter', `failed to copy files: cannot replace directory ${path} with a file`, { path });
  if (existing) vfs.unlink(path);
  if (n.type === 'symlink') {
    vfs.symlink(n.target ?? '', path);
    vfs.lchown(path, uid, gid);
    return;
  }
  vfs.writeFile(path, n.data ?? new Uint8Array(0), { mode });
  vfs.chmod(path, mode);
  vfs.chown(path, uid, gid);
  vfs.utimes(path, n.mtimeMs, n.mtimeMs);
}

/** ADD extracts a local tar, plain or gzip (bzip2/xz: Simplification, copied as files). */
function isTarArchive(data: Uint8Array): boolean {
  const tar = isGzip(data) ? safeGunzip(data) : data;
  if (!tar || tar.length < 512) return false;
  const magic = String.fromCharCode(...tar.subarray(257, 262));
  return magic === 'ustar';
}

function safeGunzip(data: Uint8Array): Uint8Array | undefined {
  try {
    return gunzipSync(data);
  } catch {
    return undefined;
  }
}

async function extractInto(vfs: Vfs, dest: string, data: Uint8Array): Promise<void> {
  const entries = await tarToEntries(data);
  const root = dest === '/' ? '' : dest;
  for (const e of entries) {
    const path = `${root}/${e.path}`;
    if (e.path.split('/').includes('..')) continue;
    mkdirp(vfs, parentPath(path));
    if (e.kind === 'dir') writeNode(vfs, path, { path: e.path, type: 'dir', mode: e.mode, uid: e.uid, gid: e.gid, mtimeMs: e.mtimeMs }, undefined, undefined);
    else if (e.kind === 'file') writeNode(vfs, path, { path: e.path, type: 'file', mode: e.mode, uid: e.uid, gid: e.gid, mtimeMs: e.mtimeMs, data: e.data ?? new Uint8Array(0) }, undefined, undefined);
    else if (e.kind === 'symlink') writeNode(vfs, path, { path: e.path, type: 'symlink', mode: e.mode, uid: e.uid, gid: e.gid, mtimeMs: e.mtimeMs, target: e.target ?? '' }, undefined, undefined);
    else if (e.kind === 'hardlink') {
      try {
        vfs.link(`${root}/${e.target}`, path);
      } catch (err) {
        if (!isFsError(err)) throw err;
      }
    }
  }
}

