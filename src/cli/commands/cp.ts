/**
 * `docker cp` / `docker container cp`: files between a container and the
 * host, with go-archive's rules for where a copy lands (docker/cli
 * cli/command/container/cp.go, moby go-archive copy.go): into an existing
 * directory under the source's base name; onto a missing path as that
 * name; `SRC/.` copies a directory's contents. The daemon side is the
 * archive endpoint (a tar rooted at the source's base name; an existing
 * directory as extraction point). Simplification: `-` (a tar on
 * stdin/stdout) is not available, command output being text here.
 */
import { packTar, unpackTar } from 'modern-tar';
import type { BuildContextEntry, ContainerPathStat } from '../../api/index.ts';
import { isEngineError } from '../../api/index.ts';
import { encodeUtf8 } from '../../lib/text.ts';
import type { CommandSpec } from '../command.ts';
import { flagBool } from '../flags.ts';
import { humanSize } from '../format/units.ts';
import type { CliContext, CliFiles } from '../io.ts';

/** docker/cli splitCpArg: `ctr:path`, unless the argument is absolute or starts with `.`. */
function splitCpArg(arg: string): { container?: string; path: string } {
  if (arg.startsWith('/')) return { path: arg };
  const i = arg.indexOf(':');
  if (i < 0 || arg.startsWith('.')) return { path: arg };
  return { container: arg.slice(0, i), path: arg.slice(i + 1) };
}

const trimSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);
const baseOf = (p: string) => trimSlash(p).slice(trimSlash(p).lastIndexOf('/') + 1);
function dirOf(p: string): string {
  const t = trimSlash(p);
  const i = t.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : t.slice(0, i);
}
/** `SRC/.`: the directory's contents, not the directory. */
const contentsOf = (p: string) => p === '.' || p.endsWith('/.');
/** A trailing `/` (or `/.`) says the path must be a directory. */
const assertsDir = (p: string) => p.endsWith('/') || contentsOf(p);

/** Go's isDir for a PathStat mode (os.ModeDir is the top bit). */
const isDirMode = (mode: number) => mode >= 2 ** 31;

class CpError extends Error {}

/** The tar's entries renamed: the root (`name`, `name/…`) becomes `as` ('' drops it, keeping its children). */
function rebase(entries: readonly BuildContextEntry[], root: string, as: string): BuildContextEntry[] {
  const out: BuildContextEntry[] = [];
  for (const e of entries) {
    const rel = e.path === root ? '' : e.path.startsWith(`${root}/`) ? e.path.slice(root.length + 1) : undefined;
    if (rel === undefined) continue;
    const path = as === '' ? rel : rel === '' ? as : `${as}/${rel}`;
    if (path !== '') out.push({ ...e, path });
  }
  return out;
}

async function tarEntries(tar: Uint8Array): Promise<BuildContextEntry[]> {
  const out: BuildContextEntry[] = [];
  for (const { header, data } of await unpackTar(tar)) {
    const path = header.name.replace(/^\.\//, '').replace(/\/+$/, '');
    if (path === '' || path === '.') continue;
    const mode = (header.mode ?? 0) & 0o7777;
    if (header.type === 'directory') out.push({ path, type: 'dir', mode });
    else if (header.type === 'symlink') out.push({ path, type: 'symlink', target: header.linkname ?? '', mode });
    else if (header.type === 'file' || header.type === undefined) out.push({ path, type: 'file', data: data ?? new Uint8Array(0), mode });
  }
  return out;
}

async function tarOf(entries: readonly BuildContextEntry[]): Promise<Uint8Array> {
  const mtime = new Date(0);
  return packTar(
    entries.map((e) => {
      const base = { mode: e.mode ?? (e.type === 'dir' ? 0o755 : 0o644), uid: 0, gid: 0, mtime };
      if (e.type === 'dir') return { header: { ...base, name: `${e.path}/`, type: 'directory' as const, size: 0 } };
      if (e.type === 'symlink') return { header: { ...base, name: e.path, type: 'symlink' as const, size: 0, linkname: e.target ?? '' } };
      const body = typeof e.data === 'string' ? encodeUtf8(e.data) : (e.data ?? new Uint8Array(0));
      return { header: { ...base, name: e.path, type: 'file' as const, size: body.length }, body };
    }),
  );
}

/** Container → host. Returns the bytes copied. */
async function copyFromContainer(ctx: CliContext, files: Required<Pick<CliFiles, 'stat' | 'extract'>>, container: string, src: string, dst: string, follow: boolean): Promise<number> {
  let srcPath = src;
  if (follow) {
    const st = await ctx.api.containerArchiveStat(container, src);
    if (st.linkTarget) srcPath = st.linkTarget;
  }
  const { stat, tar } = await ctx.api.containerArchive(container, srcPath);
  const entries = await tarEntries(tar);
  const srcIsDir = isDirMode(stat.mode);
  const dstStat = files.stat(dst);
  if (dstStat?.type === 'dir') {
    files.extract(dst, contentsOf(src) && srcIsDir ? rebase(entries, stat.name, '') : entries);
  } else if (dstStat) {
    if (srcIsDir) throw new CpError('cannot copy directory');
    files.extract(dirOf(dst), rebase(entries, stat.name, baseOf(dst)));
  } else {
    if (assertsDir(dst) && !srcIsDir) throw new CpError(`destination directory "${dst}" does not exist`);
    files.extract(dirOf(dst), rebase(entries, stat.name, baseOf(dst)));
  }
  return tar.length;
}

/** Host → container. Returns the bytes copied. */
async function copyToContainer(ctx: CliContext, files: CliFiles & Required<Pick<CliFiles, 'stat'>>, src: string, container: string, dst: string, archive: boolean): Promise<number> {
  const srcStat = files.stat(src);
  if (!srcStat) throw new CpError(`lstat ${src}: no such file or directory`);
  const srcIsDir = srcStat.type === 'dir';
  const name = baseOf(src) === '.' || baseOf(src) === '' ? 'src' : baseOf(src);
  let tree: BuildContextEntry[];
  if (srcIsDir) {
    if (!files.walk) throw new CpError('Layerlab: this terminal cannot read host directories yet');
    tree = [{ path: name, type: 'dir', mode: 0o755 }, ...files.walk(src).map((e) => ({ ...e, path: `${name}/${e.path}` }))];
  } else tree = [{ path: name, type: 'file', data: files.readFile(src), mode: 0o644 }];

  let dstStat: ContainerPathStat | undefined;
  try {
    dstStat = await ctx.api.containerArchiveStat(container, dst);
    if (dstStat.linkTarget) dstStat = await ctx.api.containerArchiveStat(container, dstStat.linkTarget);
  } catch (e) {
    if (!isEngineError(e) || e.code !== 'NotFound') throw e;
  }
  let dir: string;
  let entries: BuildContextEntry[];
  if (dstStat && isDirMode(dstStat.mode)) {
    dir = dst;
    entries = contentsOf(src) && srcIsDir ? rebase(tree, name, '') : tree;
  } else if (dstStat) {
    if (srcIsDir) throw new CpError('cannot copy directory');
    dir = dirOf(dst);
    entries = rebase(tree, name, baseOf(dst));
  } else {
    if (assertsDir(dst) && !srcIsDir) throw new CpError(`destination directory "${dst}" does not exist`);
    dir = dirOf(dst);
    entries = rebase(tree, name, baseOf(dst));
  }
  const tar = await tarOf(entries);
  await ctx.api.containerPutArchive(container, dir, tar, { noOverwriteDirNonDir: true, copyUIDGID: archive });
  return tar.length;
}

function cpCommand(name: string): CommandSpec {
  return {
    name,
    use: '[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH',
    short:
      "Copy files/folders between a container and the local filesystem\n\nUse '-' as the source to read a tar archive from stdin\nand extract it to a directory destination in a container.\nUse '-' as the destination to stream a tar archive of a\ncontainer source to stdout.",
    aliases: ['docker container cp', 'docker cp'],
    args: { kind: 'exact', n: 2 },
    flags: [
      { name: 'archive', shorthand: 'a', kind: 'bool', usage: 'Archive mode (copy all uid/gid information)' },
      { name: 'follow-link', shorthand: 'L', kind: 'bool', usage: 'Always follow symbol link in SRC_PATH' },
      { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached' },
    ],
    async run(ctx, parsed) {
      const [srcArg, dstArg] = parsed.args as [string, string];
      const src = splitCpArg(srcArg);
      const dst = splitCpArg(dstArg);
      if (src.container === undefined && dst.container === undefined) {
        ctx.stderr.write('must specify at least one container source\n');
        return 1;
      }
      if (src.container !== undefined && dst.container !== undefined) {
        ctx.stderr.write('copying between containers is not supported\n');
        return 1;
      }
      const local = src.container === undefined ? src.path : dst.path;
      if (local === '-') {
        ctx.stderr.write('Layerlab: docker cp cannot stream a tar through this terminal (-); copy to or from a path\n');
        return 1;
      }
      const files = ctx.files;
      if (!files?.stat || !files.extract) {
        ctx.stderr.write('Layerlab: this terminal has no host files yet; docker cp works in `layerlab docker`\n');
        return 1;
      }
      const quiet = flagBool(parsed, 'quiet') || !ctx.isTTY;
      try {
        if (src.container !== undefined) {
          const n = await copyFromContainer(ctx, files as Required<Pick<CliFiles, 'stat' | 'extract'>>, src.container, src.path, dst.path, flagBool(parsed, 'follow-link'));
          if (!quiet) ctx.stderr.write(`Successfully copied ${humanSize(n)} to ${dst.path}\n`);
        } else {
          const n = await copyToContainer(ctx, files as CliFiles & Required<Pick<CliFiles, 'stat'>>, src.path, dst.container!, dst.path, flagBool(parsed, 'archive'));
          if (!quiet) ctx.stderr.write(`Successfully copied ${humanSize(n)} to ${dst.container}:${dst.path}\n`);
        }
      } catch (e) {
        if (e instanceof CpError || (e instanceof Error && !isEngineError(e))) {
          ctx.stderr.write(`${e.message}\n`);
          return 1;
        }
        throw e;
      }
      return 0;
    },
  };
}

export const cpTopCommand = cpCommand('cp');
export const containerCpCommand = cpCommand('container cp');
