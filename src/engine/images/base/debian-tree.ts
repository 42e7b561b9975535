/**
 * The Debian-family root file system shared by debian and ubuntu: merged
 * /usr (`/bin` → `usr/bin`), the account files, dpkg's database
 * (`/var/lib/dpkg/status`) and apt's configuration.
 *
 * Simplification: the shell and core utilities are the userspace's BusyBox
 * (linked under /usr/bin), and `bash` is a stand-alone binary running its
 * `sh`; package files other than the ones listed are not present.
 */
import type { TreeWriter } from './tree.ts';
import type { RootfsTools } from './tools.ts';

/** One installed package: name, version, section, priority, installed size (KiB), description. */
export type DpkgPackage = readonly [string, string, string, string, number, string];

/** dpkg's status file, one stanza per installed package, sorted by name as dpkg writes it. */
export function dpkgStatus(packages: readonly DpkgPackage[], maintainer: string): string {
  return [...packages]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, version, section, priority, size, description]) =>
      [
        `Package: ${name}`,
        'Status: install ok installed',
        `Priority: ${priority}`,
        `Section: ${section}`,
        `Installed-Size: ${size}`,
        `Maintainer: ${maintainer}`,
        'Architecture: amd64',
        `Version: ${version}`,
        `Description: ${description}`,
        '',
      ].join('\n'),
    )
    .join('\n');
}

const PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;

const GROUPS = [
  ['root', 0], ['daemon', 1], ['bin', 2], ['sys', 3], ['adm', 4], ['tty', 5], ['disk', 6], ['lp', 7], ['mail', 8], ['news', 9],
  ['uucp', 10], ['man', 12], ['proxy', 13], ['kmem', 15], ['dialout', 20], ['fax', 21], ['voice', 22], ['cdrom', 24], ['floppy', 25],
  ['tape', 26], ['sudo', 27], ['audio', 29], ['dip', 30], ['www-data', 33], ['backup', 34], ['operator', 37], ['list', 38], ['irc', 39],
  ['src', 40], ['shadow', 42], ['utmp', 43], ['video', 44], ['sasl', 45], ['plugdev', 46], ['staff', 50], ['games', 60], ['users', 100],
  ['nogroup', 65534],
] as const;

/** The base tree of a Debian-family image, with `osRelease` as /etc/os-release. */
export function writeDebianTree(t: TreeWriter, tools: RootfsTools, opts: { osRelease: string; debianVersion: string; sources: string }): void {
  for (const d of ['bin', 'sbin', 'lib', 'lib64']) {
    t.dir(`/usr/${d}`);
    t.symlink(`usr/${d}`, `/${d}`);
  }
  t.file('/etc/passwd', PASSWD);
  t.file('/etc/group', GROUPS.map(([n, g]) => `${n}:x:${g}:\n`).join(''));
  t.file('/etc/shadow', PASSWD.split('\n').filter(Boolean).map((l) => `${l.split(':')[0]}:*:20367:0:99999:7:::`).join('\n') + '\n', 0o640, { uid: 0, gid: 42 });
  tools.installBusybox(t.vfs);
  t.file('/usr/bin/bash', tools.appletBinary('sh'), 0o755);
  // apt and dpkg (packages apt, dpkg): the userspace's package manager programs.
  for (const prog of ['apt-get', 'apt', 'dpkg', 'dpkg-query']) t.file(`/usr/bin/${prog}`, tools.appletBinary(prog), 0o755);
  t.file('/usr/lib/os-release', opts.osRelease).symlink('../usr/lib/os-release', '/etc/os-release');
  t.file('/etc/debian_version', `${opts.debianVersion}\n`);
  t.file('/etc/hostname', '').file('/etc/hosts', '127.0.0.1\tlocalhost\n');
  t.file('/etc/shells', '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n');
  t.file('/etc/profile', 'if [ "$(id -u)" -eq 0 ]; then\n  PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\nelse\n  PATH="/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games"\nfi\nexport PATH\n');
  t.file('/etc/bash.bashrc', '# System-wide .bashrc file for interactive bash(1) shells.\n[ -z "$PS1" ] && return\n');
  t.file('/root/.bashrc', '# ~/.bashrc: executed by bash(1) for non-login shells.\n', 0o644).file('/root/.profile', '# ~/.profile: executed by Bourne-compatible login shells.\n');
  t.vfs.chmod('/root', 0o700);
  t.file('/etc/apt/sources.list.d/debian.sources', opts.sources);
  t.dir('/etc/apt/apt.conf.d').dir('/etc/apt/preferences.d').dir('/etc/apt/trusted.gpg.d').dir('/etc/dpkg/dpkg.cfg.d');
  t.file('/etc/apt/apt.conf.d/docker-clean', 'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };\n');
  t.dir('/var/lib/dpkg/info').dir('/var/lib/dpkg/updates').dir('/var/lib/dpkg/alternatives').file('/var/lib/dpkg/available', '');
  t.dir('/var/lib/apt/lists/partial', 0o700).dir('/var/cache/apt/archives/partial', 0o700).dir('/var/cache/debconf');
  t.dir('/boot').dir('/dev').dir('/home').dir('/media').dir('/mnt').dir('/opt').dir('/proc', 0o555).dir('/run/lock', 0o1777).dir('/srv').dir('/sys', 0o555);
  t.dir('/tmp', 0o1777).dir('/usr/games').dir('/usr/include').dir('/usr/libexec').dir('/usr/local/bin').dir('/usr/local/lib').dir('/usr/local/sbin').dir('/usr/local/share');
  t.dir('/usr/share/doc').dir('/usr/share/man').dir('/usr/src').dir('/var/backups').dir('/var/log/apt').dir('/var/mail', 0o2775).dir('/var/opt').dir('/var/spool').dir('/var/tmp', 0o1777);
  t.symlink('/run', '/var/run').symlink('/run/lock', '/var/lock');
  t.files('/usr/lib/x86_64-linux-gnu', ['libc.so.6', 'libm.so.6', 'libselinux.so.1', 'libz.so.1', 'libtinfo.so.6'], (n) => `\x7fELF ${n}\n`, 0o755);
  t.file('/usr/lib64/ld-linux-x86-64.so.2', '\x7fELF ld-linux-x86-64.so.2\n', 0o755);
}
