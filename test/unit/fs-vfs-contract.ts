/**
 * The Vfs contract, as one suite every implementation runs (the in-memory fs,
 * the union mount, …): POSIX results and errno codes that shell applets rely
 * on. A factory returns a fresh file system whose `/` is an empty, writable
 * directory owned by root with mode 0755.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/deps.ts';
import { isFsError } from '../../src/engine/fs/errors.ts';
import type { Errno } from '../../src/engine/fs/errors.ts';
import {
  O_APPEND,
  O_CREAT,
  O_EXCL,
  O_NOFOLLOW,
  O_RDONLY,
  O_RDWR,
  O_TRUNC,
  O_WRONLY,
  S_IFCHR,
  S_IFMT,
} from '../../src/engine/fs/vfs.ts';
import type { Cred, Vfs } from '../../src/engine/fs/vfs.ts';

export interface VfsFactoryOptions {
  readonly clock: ManualClock;
  readonly quotaBytes?: number;
}
export type VfsFactory = (opts: VfsFactoryOptions) => Vfs;

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const USER: Cred = { uid: 1000, gid: 1000, groups: [1000], umask: 0o022 };
const OTHER: Cred = { uid: 1001, gid: 1001, groups: [1001], umask: 0o022 };

export function expectErrno(fn: () => unknown, code: Errno): void {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown, `expected ${code}`).toBeDefined();
  expect(isFsError(thrown) ? thrown.code : thrown).toBe(code);
}

export function vfsContract(name: string, factory: VfsFactory): void {
  const make = (quotaBytes?: number) => {
    const clock = new ManualClock();
    return { fs: factory(quotaBytes === undefined ? { clock } : { clock, quotaBytes }), clock };
  };

  describe(`Vfs contract: ${name}`, () => {
    it('creates, reads and stats regular files with umask, owner and clock times', () => {
      const { fs, clock } = make();
      clock.advance(5000);
      fs.writeFile('/a.txt', enc('hello'), { mode: 0o666 });
      const st = fs.stat('/a.txt');
      expect(st.type).toBe('file');
      expect(st.mode & 0o7777).toBe(0o644);
      expect(st.mode & S_IFMT).toBe(0o100000);
      expect([st.size, st.uid, st.gid, st.nlink]).toEqual([5, 0, 0, 1]);
      expect(st.mtimeMs).toBe(clock.now());
      expect(dec(fs.readFile('/a.txt'))).toBe('hello');
      fs.writeFile('/a.txt', enc('hi'));
      expect(dec(fs.readFile('/a.txt'))).toBe('hi');
      expect(fs.stat('/a.txt').size).toBe(2);
    });

    it('makes and lists directories sorted by name, without . and ..', () => {
      const { fs } = make();
      fs.mkdir('/d', 0o755);
      for (const n of ['b', 'a', 'C', 'c']) fs.writeFile(`/d/${n}`, enc(n));
      fs.mkdir('/d/sub');
      expect(fs.readdir('/d').map((e) => e.name)).toEqual(['C', 'a', 'b', 'c', 'sub']);
      expect(fs.readdir('/d').find((e) => e.name === 'sub')?.type).toBe('dir');
      expect(fs.stat('/d').type).toBe('dir');
      expect(fs.stat('/d').nlink).toBe(3);
    });

    it('raises EEXIST, ENOENT, ENOTDIR, EISDIR and ENOTEMPTY like Linux', () => {
      const { fs } = make();
      fs.mkdir('/d');
      fs.writeFile('/d/f', enc('x'));
      expectErrno(() => fs.mkdir('/d'), 'EEXIST');
      expectErrno(() => fs.mkdir('/d/f'), 'EEXIST');
      expectErrno(() => fs.mkdir('/nope/x'), 'ENOENT');
      expectErrno(() => fs.stat('/nope'), 'ENOENT');
      expectErrno(() => fs.stat('/d/f/x'), 'ENOTDIR');
      expectErrno(() => fs.writeFile('/d/f/x', enc('')), 'ENOTDIR');
      expectErrno(() => fs.readdir('/d/f'), 'ENOTDIR');
      expectErrno(() => fs.readFile('/d'), 'EISDIR');
      expectErrno(() => fs.unlink('/d'), 'EISDIR');
      expectErrno(() => fs.rmdir('/d/f'), 'ENOTDIR');
      expectErrno(() => fs.rmdir('/d'), 'ENOTEMPTY');
      expectErrno(() => fs.unlink('/d/nope'), 'ENOENT');
      expectErrno(() => fs.open('/d', O_WRONLY), 'EISDIR');
      expectErrno(() => fs.truncate('/d', 0), 'EISDIR');
      expectErrno(() => fs.stat('/d/f/'), 'ENOTDIR');
      fs.unlink('/d/f');
      fs.rmdir('/d');
      expectErrno(() => fs.stat('/d'), 'ENOENT');
    });

    it('resolves relative, absolute and chained symlinks, and .. physically', () => {
      const { fs } = make();
      fs.mkdir('/a');
      fs.mkdir('/a/b');
      fs.mkdir('/x');
      fs.writeFile('/a/b/f', enc('deep'));
      fs.writeFile('/a/top', enc('top'));
      fs.symlink('a/b', '/rel');
      fs.symlink('/a/b/f', '/abs');
      fs.symlink('abs', '/chain');
      fs.symlink('/a/b', '/x/lnk');
      expect(dec(fs.readFile('/rel/f'))).toBe('deep');
      expect(dec(fs.readFile('/abs'))).toBe('deep');
      expect(dec(fs.readFile('/chain'))).toBe('deep');
      // `..` after a symlink goes to the target's parent, not back to /x.
      expect(dec(fs.readFile('/x/lnk/../top'))).toBe('top');
      expect(fs.lstat('/chain').type).toBe('symlink');
      expect(fs.lstat('/chain').size).toBe(3);
      expect(fs.stat('/chain').type).toBe('file');
      expect(fs.readlink('/rel')).toBe('a/b');
      expectErrno(() => fs.readlink('/a/top'), 'EINVAL');
      fs.symlink('missing', '/dangling');
      expectErrno(() => fs.stat('/dangling'), 'ENOENT');
      expect(fs.lstat('/dangling').type).toBe('symlink');
      // Creating through a dangling symlink creates its target.
      fs.writeFile('/dangling', enc('made'));
      expect(dec(fs.readFile('/missing'))).toBe('made');
      expectErrno(() => fs.symlink('x', '/rel'), 'EEXIST');
    });

    it('stops at 40 symlinks with ELOOP', () => {
      const { fs } = make();
      fs.writeFile('/t', enc('end'));
      fs.symlink('/t', '/l0');
      for (let i = 1; i <= 40; i++) fs.symlink(`/l${i - 1}`, `/l${i}`);
      expect(dec(fs.readFile('/l39'))).toBe('end'); // 40 links
      expectErrno(() => fs.readFile('/l40'), 'ELOOP'); // 41 links
      fs.symlink('self', '/self');
      expectErrno(() => fs.stat('/self'), 'ELOOP');
      expectErrno(() => fs.open('/l0', O_RDONLY | O_NOFOLLOW), 'ELOOP');
    });

    it('shares content and counts nlink across hard links', () => {
      const { fs } = make();
      fs.writeFile('/f', enc('one'));
      fs.link('/f', '/g');
      expect(fs.stat('/f').nlink).toBe(2);
      expect(fs.stat('/g').ino).toBe(fs.stat('/f').ino);
      fs.writeFile('/g', enc('two'));
      expect(dec(fs.readFile('/f'))).toBe('two');
      fs.unlink('/f');
      expect(fs.stat('/g').nlink).toBe(1);
      fs.mkdir('/d');
      expectErrno(() => fs.link('/d', '/d2'), 'EPERM');
      expectErrno(() => fs.link('/g', '/d'), 'EEXIST');
      expectErrno(() => fs.link('/nope', '/h'), 'ENOENT');
    });

    it('renames files and directories with POSIX replace rules', () => {
      const { fs } = make();
      fs.writeFile('/a', enc('a'));
      fs.writeFile('/b', enc('b'));
      fs.rename('/a', '/b');
      expect(dec(fs.readFile('/b'))).toBe('a');
      expectErrno(() => fs.stat('/a'), 'ENOENT');
      fs.mkdir('/d1');
      fs.writeFile('/d1/x', enc('x'));
      fs.mkdir('/d2');
      fs.rename('/d1', '/d2');
      expect(dec(fs.readFile('/d2/x'))).toBe('x');
      fs.mkdir('/d3');
      expectErrno(() => fs.rename('/d3', '/d2'), 'ENOTEMPTY');
      expectErrno(() => fs.rename('/d3', '/b'), 'ENOTDIR');
      expectErrno(() => fs.rename('/b', '/d3'), 'EISDIR');
      expectErrno(() => fs.rename('/d2', '/d2/x/y'), 'ENOTDIR');
      fs.mkdir('/d2/in');
      expectErrno(() => fs.rename('/d2', '/d2/in/deeper'), 'EINVAL');
      expectErrno(() => fs.rename('/nope', '/z'), 'ENOENT');
      fs.link('/b', '/b2');
      fs.rename('/b', '/b2'); // same inode: nothing happens
      expect(fs.stat('/b').nlink).toBe(2);
    });

    it('opens, reads, writes, appends, truncates and closes descriptors', () => {
      const { fs, clock } = make();
      const fd = fs.open('/f', O_RDWR | O_CREAT, 0o600);
      expect(fs.write(fd, enc('hello world'), 0, 11, null)).toBe(11);
      const buf = new Uint8Array(5);
      expect(fs.read(fd, buf, 0, 5, 6)).toBe(5);
      expect(dec(buf)).toBe('world');
      fs.close(fd);
      expectErrno(() => fs.close(fd), 'EBADF');
      expectErrno(() => fs.open('/f', O_WRONLY | O_CREAT | O_EXCL), 'EEXIST');
      const ap = fs.open('/f', O_WRONLY | O_APPEND);
      fs.write(ap, enc('!'), 0, 1, 0);
      expectErrno(() => fs.read(ap, buf, 0, 1, 0), 'EBADF');
      fs.close(ap);
      expect(dec(fs.readFile('/f'))).toBe('hello world!');
      const ro = fs.open('/f', O_RDONLY);
      expectErrno(() => fs.write(ro, enc('x'), 0, 1, null), 'EBADF');
      fs.close(ro);
      clock.advance(1000);
      fs.truncate('/f', 3);
      expect(dec(fs.readFile('/f'))).toBe('hel');
      expect(fs.stat('/f').mtimeMs).toBe(clock.now());
      fs.truncate('/f', 5);
      expect([...fs.readFile('/f')]).toEqual([104, 101, 108, 0, 0]);
      fs.close(fs.open('/f', O_WRONLY | O_TRUNC));
      expect(fs.stat('/f').size).toBe(0);
      expectErrno(() => fs.open('/nope', O_RDONLY), 'ENOENT');
      expectErrno(() => fs.truncate('/f', -1), 'EINVAL');
    });

    it('keeps setuid, setgid and sticky bits; chown clears setuid on files', () => {
      const { fs, clock } = make();
      fs.writeFile('/s', enc('#!'));
      fs.chmod('/s', 0o4755);
      expect(fs.stat('/s').mode & 0o7777).toBe(0o4755);
      fs.mkdir('/tmp');
      fs.chmod('/tmp', 0o1777);
      expect(fs.stat('/tmp').mode & 0o7777).toBe(0o1777);
      clock.advance(10);
      fs.chown('/s', 1000, 1000);
      const st = fs.stat('/s');
      expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([1000, 1000, 0o755]);
      expect(st.ctimeMs).toBe(clock.now());
      fs.utimes('/s', 1000, 2000);
      expect([fs.stat('/s').atimeMs, fs.stat('/s').mtimeMs]).toEqual([1000, 2000]);
      fs.symlink('/s', '/ls');
      fs.lchown('/ls', 5, 5);
      expect(fs.lstat('/ls').uid).toBe(5);
      expect(fs.stat('/ls').uid).toBe(1000);
    });

    it('creates device nodes as root only', () => {
      const { fs } = make();
      fs.mknod('/null', S_IFCHR | 0o666, 0x103);
      const st = fs.lstat('/null');
      expect([st.type, st.rdev, st.mode & 0o777]).toEqual(['chardev', 0x103, 0o644]);
      expectErrno(() => fs.mknod('/null2', S_IFCHR, 0x103, USER), 'EPERM');
      expectErrno(() => fs.mknod('/null', S_IFCHR, 0x103), 'EEXIST');
    });

    it('enforces permissions for non-root callers with EACCES/EPERM', () => {
      const { fs } = make();
      fs.writeFile('/secret', enc('s'), { mode: 0o600 });
      expectErrno(() => fs.readFile('/secret', USER), 'EACCES');
      expectErrno(() => fs.writeFile('/new', enc('x'), { cred: USER }), 'EACCES');
      expectErrno(() => fs.mkdir('/dir', 0o755, USER), 'EACCES');
      fs.mkdir('/home');
      fs.chown('/home', 1000, 1000);
      fs.writeFile('/home/mine', enc('m'), { cred: USER });
      expect(fs.stat('/home/mine').uid).toBe(1000);
      expectErrno(() => fs.chmod('/secret', 0o777, USER), 'EPERM');
      expectErrno(() => fs.chown('/home/mine', 0, 0, USER), 'EPERM');
      fs.mkdir('/priv', 0o700);
      fs.writeFile('/priv/f', enc('p'), { mode: 0o644 });
      expectErrno(() => fs.stat('/priv/f', USER), 'EACCES');
      fs.mkdir('/tmp');
      fs.chmod('/tmp', 0o1777);
      fs.writeFile('/tmp/u', enc('u'), { cred: USER });
      expectErrno(() => fs.unlink('/tmp/u', OTHER), 'EPERM');
      fs.unlink('/tmp/u', USER);
      expectErrno(() => fs.readdir('/priv', USER), 'EACCES');
    });

    it('drops set-ID bits when an unprivileged caller writes, and guards hard links', () => {
      const { fs } = make();
      fs.mkdir('/pub', 0o777);
      fs.chmod('/pub', 0o777);
      fs.writeFile('/pub/tool', enc('x'), { mode: 0o666 });
      fs.chmod('/pub/tool', 0o6777);
      fs.writeFile('/pub/tool', enc('y'), { cred: USER });
      expect(fs.stat('/pub/tool').mode & 0o7777).toBe(0o777);
      fs.chmod('/pub/tool', 0o4777);
      fs.writeFile('/pub/tool', enc('z'));
      expect(fs.stat('/pub/tool').mode & 0o7777).toBe(0o4777); // root keeps them (CAP_FSETID)
      expectErrno(() => fs.link('/pub/tool', '/pub/tool2', USER), 'EPERM'); // protected_hardlinks: set-user-ID source
      fs.chmod('/pub/tool', 0o666);
      fs.link('/pub/tool', '/pub/tool2', USER);
      expect(fs.stat('/pub/tool').nlink).toBe(2);
    });

    it('needs write access to a directory that moves to another parent', () => {
      const { fs } = make();
      fs.mkdir('/pub', 0o777);
      fs.chmod('/pub', 0o777);
      fs.mkdir('/pub/ro', 0o555);
      fs.mkdir('/pub/dest', 0o777);
      fs.chmod('/pub/dest', 0o777);
      expectErrno(() => fs.rename('/pub/ro', '/pub/dest/ro', USER), 'EACCES');
      fs.rename('/pub/ro', '/pub/ro2', USER); // same parent: `..` unchanged
      expectErrno(() => fs.readFile('/pub/ro2', OTHER), 'EISDIR');
      fs.chmod('/pub/dest', 0o700);
      expectErrno(() => fs.readFile('/pub/dest', OTHER), 'EACCES');
    });

    it('fails with ENOSPC when the size quota is hit', () => {
      const { fs } = make(100);
      fs.writeFile('/a', new Uint8Array(60));
      expectErrno(() => fs.writeFile('/b', new Uint8Array(50)), 'ENOSPC');
      fs.unlink('/a');
      fs.writeFile('/b', new Uint8Array(90));
      expect(fs.stat('/b').size).toBe(90);
    });

    it('updates directory mtime when entries change', () => {
      const { fs, clock } = make();
      fs.mkdir('/d');
      clock.advance(1000);
      fs.writeFile('/d/f', enc(''));
      expect(fs.stat('/d').mtimeMs).toBe(clock.now());
    });
  });
}
