/**
 * One operation vocabulary, two implementations: the kernel's overlay mount
 * (through node:fs) and Layerlab's union mount. `applyOp` runs the same
 * userspace logic on both (rm -r included), so a difference in outcome is a
 * difference in the file systems.
 */
import { createHash } from 'node:crypto';
import type { Op, UserOp } from './gen.ts';

/** The primitive calls an op sequence needs. Failures throw with a `code` (errno name). */
export interface Driver {
  mkdir(path: string, mode: number): void;
  writeFile(path: string, data: Uint8Array, mode: number): void;
  appendFile(path: string, data: Uint8Array): void;
  truncate(path: string, len: number): void;
  chmod(path: string, mode: number): void;
  chown(path: string, uid: number, gid: number): void;
  lchown(path: string, uid: number, gid: number): void;
  /** Exclusive create (O_CREAT|O_EXCL) and write. */
  create(path: string, data: Uint8Array, mode: number): void;
  symlink(target: string, path: string): void;
  link(from: string, path: string): void;
  unlink(path: string): void;
  rmdir(path: string): void;
  rename(from: string, to: string): void;
  readFile(path: string): Uint8Array;
  /** open(O_RDONLY), then writeFile through the path, then read(2) the first descriptor from offset 0. */
  readAcrossWrite(path: string, data: Uint8Array): Uint8Array;
  isDir(path: string): boolean;
  readdir(path: string): string[];
}

export function hash(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex').slice(0, 16);
}

const enc = (s: string) => new TextEncoder().encode(s);

/** The driver acting as a given uid (gid = uid). */
export type DriverFor = (uid: number) => Driver;

/** Runs one op as its user; returns `ok`, `ok:<content hash>` for reads, or the errno name. */
export function applyOp(driverFor: DriverFor, op: UserOp): string {
  const d = driverFor(op.as);
  try {
    switch (op.op) {
      case 'mkdir':
        d.mkdir(`/${op.path}`, op.mode);
        break;
      case 'write':
        d.writeFile(`/${op.path}`, enc(op.data), op.mode);
        break;
      case 'append':
        d.appendFile(`/${op.path}`, enc(op.data));
        break;
      case 'truncate':
        d.truncate(`/${op.path}`, op.len);
        break;
      case 'chmod':
        d.chmod(`/${op.path}`, op.mode);
        break;
      case 'chown':
        d.chown(`/${op.path}`, op.uid, op.gid);
        break;
      case 'lchown':
        d.lchown(`/${op.path}`, op.uid, op.gid);
        break;
      case 'create':
        d.create(`/${op.path}`, enc(op.data), op.mode);
        break;
      case 'symlink':
        d.symlink(op.target, `/${op.path}`);
        break;
      case 'link':
        d.link(`/${op.from}`, `/${op.path}`);
        break;
      case 'unlink':
        d.unlink(`/${op.path}`);
        break;
      case 'rmdir':
        d.rmdir(`/${op.path}`);
        break;
      case 'rmr':
        removeRecursive(d, `/${op.path}`);
        break;
      case 'rename':
        d.rename(`/${op.from}`, `/${op.path}`);
        break;
      case 'read':
        return `ok:${hash(d.readFile(`/${op.path}`))}`;
      case 'readAcrossWrite':
        return `ok:${hash(d.readAcrossWrite(`/${op.path}`, enc(op.data)))}`;
    }
    return 'ok';
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    throw err;
  }
}

/** `rm -r` as userspace does it: children first (lstat, no symlink following), then the directory. */
function removeRecursive(d: Driver, path: string): void {
  if (!d.isDir(path)) {
    d.unlink(path);
    return;
  }
  for (const name of d.readdir(path)) removeRecursive(d, `${path}/${name}`);
  d.rmdir(path);
}

export function describeOp(op: UserOp): string {
  return op.as === 0 ? describeBare(op) : `${describeBare(op)} (as ${op.as})`;
}

function describeBare(op: Op): string {
  switch (op.op) {
    case 'mkdir':
    case 'chmod':
      return `${op.op} ${op.path} ${op.mode.toString(8)}`;
    case 'write':
      return `write ${op.path} ${JSON.stringify(op.data)} ${op.mode.toString(8)}`;
    case 'readAcrossWrite':
      return `readAcrossWrite ${op.path} ${JSON.stringify(op.data)}`;
    case 'append':
      return `append ${op.path} ${JSON.stringify(op.data)}`;
    case 'truncate':
      return `truncate ${op.path} ${op.len}`;
    case 'chown':
    case 'lchown':
      return `${op.op} ${op.path} ${op.uid}:${op.gid}`;
    case 'create':
      return `create ${op.path} ${JSON.stringify(op.data)} ${op.mode.toString(8)}`;
    case 'symlink':
      return `symlink ${op.target} ${op.path}`;
    case 'link':
    case 'rename':
      return `${op.op} ${op.from} ${op.path}`;
    default:
      return `${op.op} ${op.path}`;
  }
}
