/**
 * alpine:3.22 — the minirootfs as one layer: BusyBox (the same userspace
 * binary as the busybox image), musl, apk's database and configuration,
 * /etc/os-release; `CMD ["/bin/sh"]`.
 */
import { appendHistory, appendLayer, emptyImage, withConfig, withMeta } from '../mutate.ts';
import { DEFAULT_PATH, at } from './recipe.ts';
import type { BaseImageRecipe } from './recipe.ts';
import { EMPTY_TREE, buildLayer } from './tree.ts';
import type { BuiltBase } from './derive.ts';
import type { BaseImageContext } from './tools.ts';

const CREATED = '2025-10-08T11:04:56Z';
const VERSION = '3.22.2';

/** Packages of the minirootfs: name, version, description, size (bytes installed). */
const PACKAGES: readonly (readonly [string, string, string, number])[] = [
  ['alpine-baselayout', '3.7.0-r0', 'Alpine base dir structure and init scripts', 8192],
  ['alpine-baselayout-data', '3.7.0-r0', 'Alpine base dir structure and init scripts', 26624],
  ['alpine-keys', '2.5-r0', 'Public keys for Alpine Linux packages', 15360],
  ['alpine-release', '3.22.2-r0', 'Alpine release data', 20480],
  ['apk-tools', '2.14.9-r3', 'Alpine Package Keeper - package manager for alpine', 241664],
  ['busybox', '1.37.0-r19', 'Size optimized toolbox of many common UNIX utilities', 808960],
  ['busybox-binsh', '1.37.0-r19', 'busybox ash /bin/sh', 0],
  ['ca-certificates-bundle', '20250911-r0', 'Pre generated bundle of Mozilla certificates', 221184],
  ['libapk2', '2.14.9-r3', 'Alpine Package Keeper - shared library', 131072],
  ['libcrypto3', '3.5.4-r0', 'Crypto library from openssl', 4624384],
  ['libssl3', '3.5.4-r0', 'SSL shared libraries', 774144],
  ['musl', '1.2.5-r10', 'the musl c library (libc) implementation', 649216],
  ['musl-utils', '1.2.5-r10', 'the musl c library (libc) implementation', 135168],
  ['scanelf', '1.3.8-r1', 'Scan ELF binaries for stuff', 53248],
  ['ssl_client', '1.37.0-r19', 'EXternal ssl_client for busybox wget', 14336],
  ['zlib', '1.3.1-r2', 'A compression/decompression Library', 102400],
];

/** /lib/apk/db/installed in apk's key:value format (one stanza per package). */
function installedDb(): string {
  return PACKAGES.map(([name, version, description, size]) =>
    [
      `P:${name}`,
      `V:${version}`,
      `A:x86_64`,
      `S:${Math.round(size / 3)}`,
      `I:${size}`,
      `T:${description}`,
      `U:https://alpinelinux.org`,
      `L:GPL-2.0-only`,
      `o:${name.replace(/-(data|binsh|utils|bundle)$/, '')}`,
      `m:Natanael Copa <ncopa@alpinelinux.org>`,
      `t:1759921496`,
      '',
    ].join('\n'),
  ).join('\n');
}

const PASSWD = `root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;

const GROUP = `root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin
adm:x:4:root,daemon
tty:x:5:
disk:x:6:root
lp:x:7:lp
kmem:x:9:
wheel:x:10:root
floppy:x:11:root
mail:x:12:mail
news:x:13:news
uucp:x:14:uucp
cron:x:16:cron
audio:x:18:
cdrom:x:19:
dialout:x:20:root
ftp:x:21:
sshd:x:22:
input:x:23:
tape:x:26:root
video:x:27:root
netdev:x:28:
kvm:x:34:kvm
games:x:35:
shadow:x:42:
www-data:x:82:
users:x:100:games
ntp:x:123:
abuild:x:300:
utmp:x:406:
ping:x:999:
nogroup:x:65533:
nobody:x:65534:
`;

export const alpine: BaseImageRecipe = {
  repository: 'alpine',
  tags: ['latest', '3.22', '3.22.2', '3'],
  description: 'A minimal Docker image based on Alpine Linux with a complete package index and only 5 MB in size!',
  async build(ctx) {
    return (await alpineBase(ctx)).image;
  },
};

/** alpine:3.22 with its tree, for images built FROM it. */
export async function alpineBase({ tools, content }: BaseImageContext): Promise<BuiltBase> {
  const { layer, tree } = await buildLayer(EMPTY_TREE, at(CREATED), content, (t) => {
    t.file('/etc/passwd', PASSWD).file('/etc/group', GROUP);
    t.file('/etc/shadow', PASSWD.split('\n').filter(Boolean).map((l) => `${l.split(':')[0]}:${l.startsWith('root:') ? '*' : '!'}::0:::::`).join('\n') + '\n', 0o640);
    tools.installBusybox(t.vfs);
    t.file('/etc/os-release', `NAME="Alpine Linux"\nID=alpine\nVERSION_ID=${VERSION}\nPRETTY_NAME="Alpine Linux v3.22"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n`);
    t.file('/etc/alpine-release', `${VERSION}\n`);
    t.file('/etc/hostname', 'localhost\n').file('/etc/hosts', '127.0.0.1\tlocalhost localhost.localdomain\n::1\t\tlocalhost localhost.localdomain\n');
    t.file('/etc/issue', 'Welcome to Alpine Linux 3.22\nKernel \\r on \\m (\\l)\n\n');
    t.file('/etc/motd', 'Welcome to Alpine!\n\nThe Alpine Wiki contains a large amount of how-to guides and general\ninformation about administrating Alpine systems.\nSee <https://wiki.alpinelinux.org/>.\n');
    t.file('/etc/profile', 'export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\nexport PAGER=less\numask 022\nfor script in /etc/profile.d/*.sh ; do\n\tif [ -r "$script" ] ; then\n\t\t. "$script"\n\tfi\ndone\nunset script\n');
    t.file('/etc/shells', '# valid login shells\n/bin/sh\n/bin/ash\n');
    t.file('/etc/apk/arch', 'x86_64\n').file('/etc/apk/world', 'alpine-baselayout\nalpine-keys\nalpine-release\napk-tools\nbusybox\nca-certificates-bundle\nlibc-utils\n');
    t.file('/etc/apk/repositories', 'https://dl-cdn.alpinelinux.org/alpine/v3.22/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.22/community\n');
    t.dir('/etc/apk/keys').dir('/etc/apk/protected_paths.d').dir('/etc/profile.d').dir('/etc/crontabs').dir('/etc/ssl/certs');
    t.file('/lib/apk/db/installed', installedDb()).file('/lib/apk/db/lock', '', 0o600).file('/lib/apk/db/triggers', '').file('/lib/apk/db/scripts.tar', '');
    t.file('/lib/ld-musl-x86_64.so.1', '\x7fELF musl 1.2.5 ld-musl-x86_64.so.1\n', 0o755).symlink('/lib/ld-musl-x86_64.so.1', '/lib/libc.musl-x86_64.so.1');
    t.files('/usr/lib', ['libcrypto.so.3', 'libssl.so.3', 'libz.so.1.3.1', 'libapk.so.2.14.0'], (n) => `\x7fELF ${n}\n`, 0o755);
    t.file('/sbin/apk', tools.appletBinary('apk'), 0o755);
    t.dir('/home').dir('/media/cdrom').dir('/mnt').dir('/opt').dir('/proc', 0o555).dir('/root', 0o700).dir('/run').dir('/srv').dir('/sys');
    t.dir('/tmp', 0o1777).dir('/usr/local/bin').dir('/usr/local/lib').dir('/usr/local/share').dir('/usr/share/apk/keys');
    t.dir('/var/cache/apk').dir('/var/cache/misc').dir('/var/empty', 0o555).dir('/var/lib/misc').dir('/var/local').dir('/var/lock/subsys');
    t.dir('/var/log').dir('/var/mail').dir('/var/opt').dir('/var/spool/cron').dir('/var/tmp', 0o1777).dir('/dev');
    t.symlink('../run', '/var/run');
  });
  let image = withMeta(emptyImage(), { created: CREATED });
  // Simplification: stand-in binaries; the layer reports the real minirootfs size.
  image = appendLayer(image, layer, { created: CREATED, created_by: `ADD alpine-minirootfs-${VERSION}-x86_64.tar.gz / # buildkit`, comment: 'buildkit.dockerfile.v0' }, { reportedSize: 8_312_107 });
  image = withConfig(image, { Env: [DEFAULT_PATH], Cmd: ['/bin/sh'] });
  return { image: appendHistory(image, { created: CREATED, created_by: 'CMD ["/bin/sh"]', comment: 'buildkit.dockerfile.v0' }), tree };
}
