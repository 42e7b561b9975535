/**
 * The file-system layer of the engine:
 *
 * - `vfs.ts`: the synchronous Vfs contract (stat, open, rename, …) every file
 *   system implements, with Linux open flags and mode bits;
 * - `mem-fs.ts`: the in-memory inode file system (container upper dirs, build
 *   contexts), over `resolve.ts` (POSIX path walk, symlinks, ELOOP) and
 *   `perms.ts` (Unix permission rules);
 * - `changes.ts`: layer change sets (entries, whiteouts, opaque dirs) and
 *   ChangesDirs, the full-tree `docker diff`;
 * - `layer-tar.ts`: change sets as deterministic tar/gzip.
 *
 * The union mount and the snapshotter that stack these live in ../snapshots.
 */
export * from './errors.ts';
export * from './vfs.ts';
export { MemFs } from './mem-fs.ts';
export type { MemFsOptions } from './mem-fs.ts';
export * from './changes.ts';
export { entriesToTar, gzipLayer, isGzip, tarToEntries } from './layer-tar.ts';
