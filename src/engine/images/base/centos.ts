/**
 * centos:8 (8.4.2105, the Hub's `latest`): one layer from the CentOS build
 * tarball, label-schema LABEL and `CMD ["/bin/bash"]`, as the official image.
 * An RPM-based tree: merged /usr, os-release, yum/dnf repositories and
 * configuration, the RPM database directory.
 *
 * Simplification: the shell and core tools are the userspace's BusyBox,
 * `bash` runs its `sh`; /var/lib/rpm holds placeholders, not a Berkeley DB.
 */
import { appendHistory, appendLayer, emptyImage, withConfig, withMeta } from '../mutate.ts';
import { DEFAULT_PATH, at } from './recipe.ts';
import type { BaseImageRecipe } from './recipe.ts';
import { EMPTY_TREE, buildLayer } from './tree.ts';

const CREATED = '2021-09-15T18:20:05.184694267Z';
const LABELS = {
  'org.label-schema.build-date': '20210915',
  'org.label-schema.license': 'GPLv2',
  'org.label-schema.name': 'CentOS Base Image',
  'org.label-schema.schema-version': '1.0',
  'org.label-schema.vendor': 'CentOS',
};

const OS_RELEASE = `NAME="CentOS Linux"
VERSION="8"
ID="centos"
ID_LIKE="rhel fedora"
VERSION_ID="8"
PLATFORM_ID="platform:el8"
PRETTY_NAME="CentOS Linux 8"
ANSI_COLOR="0;31"
CPE_NAME="cpe:/o:centos:centos:8"
HOME_URL="https://centos.org/"
BUG_REPORT_URL="https://bugs.centos.org/"
CENTOS_MANTISBT_PROJECT="CentOS-8"
CENTOS_MANTISBT_PROJECT_VERSION="8"
`;

const repo = (id: string, name: string) => `[${id}]
name=CentOS Linux $releasever - ${name}
mirrorlist=http://mirrorlist.centos.org/?release=$releasever&arch=$basearch&repo=${id}&infra=$infra
#baseurl=http://mirror.centos.org/$contentdir/$releasever/${name}/$basearch/os/
gpgcheck=1
enabled=1
gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-centosofficial
`;

const PASSWD = `root:x:0:0:root:/root:/bin/bash
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
adm:x:3:4:adm:/var/adm:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/spool/mail:/sbin/nologin
operator:x:11:0:operator:/root:/sbin/nologin
games:x:12:100:games:/usr/games:/sbin/nologin
ftp:x:14:50:FTP User:/var/ftp:/sbin/nologin
nobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin
dbus:x:81:81:System message bus:/:/sbin/nologin
systemd-coredump:x:999:997:systemd Core Dumper:/:/sbin/nologin
systemd-resolve:x:193:193:systemd Resolver:/:/sbin/nologin
`;

const GROUP = [
  ['root', 0], ['bin', 1], ['daemon', 2], ['sys', 3], ['adm', 4], ['tty', 5], ['disk', 6], ['lp', 7], ['mem', 8], ['kmem', 9], ['wheel', 10],
  ['cdrom', 11], ['mail', 12], ['man', 15], ['dialout', 18], ['floppy', 19], ['games', 20], ['tape', 33], ['video', 39], ['ftp', 50], ['lock', 54],
  ['audio', 63], ['users', 100], ['nobody', 65534], ['dbus', 81], ['utmp', 22], ['utempter', 35], ['input', 999], ['systemd-journal', 190],
] as const;

/** Package names in the base image's RPM database (for `rpm -qa`-style listings). */
const PACKAGES = ['bash-4.4.20-1.el8_4', 'centos-linux-release-8.4-1.2105.el8', 'coreutils-single-8.30-8.el8', 'dnf-4.4.2-11.el8', 'glibc-2.28-151.el8', 'rpm-4.14.3-13.el8', 'systemd-239-45.el8_4.3', 'yum-4.4.2-11.el8'];

export const centos: BaseImageRecipe = {
  repository: 'centos',
  tags: ['latest', '8', '8.4.2105', 'centos8'],
  description: 'DEPRECATED; The official build of CentOS.',
  async build({ tools, content }) {
    const { layer } = await buildLayer(EMPTY_TREE, at(CREATED), content, (t) => {
      for (const d of ['bin', 'sbin', 'lib', 'lib64']) t.dir(`/usr/${d}`).symlink(`usr/${d}`, `/${d}`);
      t.file('/etc/passwd', PASSWD).file('/etc/group', GROUP.map(([n, g]) => `${n}:x:${g}:\n`).join(''));
      t.file('/etc/shadow', PASSWD.split('\n').filter(Boolean).map((l) => `${l.split(':')[0]}:*:18849:0:99999:7:::`).join('\n') + '\n', 0o000);
      tools.installBusybox(t.vfs);
      t.file('/usr/bin/bash', tools.appletBinary('sh'), 0o755);
      t.file('/usr/lib/os-release', OS_RELEASE).symlink('../usr/lib/os-release', '/etc/os-release');
      t.file('/etc/centos-release', 'CentOS Linux release 8.4.2105\n').symlink('centos-release', '/etc/redhat-release').symlink('centos-release', '/etc/system-release');
      t.file('/etc/yum.repos.d/CentOS-Linux-BaseOS.repo', repo('baseos', 'BaseOS')).file('/etc/yum.repos.d/CentOS-Linux-AppStream.repo', repo('appstream', 'AppStream'));
      t.file('/etc/dnf/dnf.conf', '[main]\ngpgcheck=1\ninstallonly_limit=3\nclean_requirements_on_remove=True\nbest=True\nskip_if_unavailable=False\ntsflags=nodocs\n');
      t.symlink('dnf/dnf.conf', '/etc/yum.conf').symlink('dnf-3', '/usr/bin/yum').symlink('dnf-3', '/usr/bin/dnf');
      t.file('/usr/bin/dnf-3', tools.appletBinary('dnf-3'), 0o755);
      t.file('/etc/pki/rpm-gpg/RPM-GPG-KEY-centosofficial', '-----BEGIN PGP PUBLIC KEY BLOCK-----\n(stand-in)\n-----END PGP PUBLIC KEY BLOCK-----\n');
      t.file('/var/lib/rpm/Packages', PACKAGES.map((p) => `${p}.x86_64\n`).join('')).file('/var/lib/rpm/Name', '').file('/var/lib/rpm/Providename', '');
      t.file('/etc/hostname', '').file('/etc/hosts', '127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n::1         localhost localhost.localdomain localhost6 localhost6.localdomain6\n');
      t.files('/usr/lib64', ['libc.so.6', 'libm.so.6', 'libselinux.so.1', 'libz.so.1'], (n) => `\x7fELF ${n}\n`, 0o755);
      t.file('/usr/lib64/ld-linux-x86-64.so.2', '\x7fELF ld-linux-x86-64.so.2\n', 0o755);
      t.dir('/boot', 0o555).dir('/dev').dir('/home').dir('/media').dir('/mnt').dir('/opt').dir('/proc', 0o555).dir('/root', 0o550).dir('/run').dir('/srv').dir('/sys', 0o555);
      t.dir('/tmp', 0o1777).dir('/usr/local/bin').dir('/usr/local/lib').dir('/usr/share').dir('/var/cache/dnf').dir('/var/log').dir('/var/tmp', 0o1777).dir('/var/spool/mail', 0o775);
      t.symlink('../run', '/var/run').symlink('../run/lock', '/var/lock');
    });
    const step = (created_by: string) => ({ created: CREATED, created_by });
    let image = withMeta(emptyImage(), { created: CREATED });
    // Simplification: a skeleton tree; the layer reports the real image's size.
    image = appendLayer(image, layer, step('/bin/sh -c #(nop) ADD file:805cb5e15fb6e0bb0326ca33fd2942e068863ce2a8491bb71522c652f31fb466 in / '), { reportedSize: 231_268_856 });
    image = appendHistory(image, step(`/bin/sh -c #(nop)  LABEL ${Object.entries(LABELS).map(([k, v]) => `${k}=${v}`).join(' ')}`));
    image = withConfig(image, { Env: [DEFAULT_PATH], Cmd: ['/bin/bash'], Labels: LABELS });
    return appendHistory(image, step('/bin/sh -c #(nop)  CMD ["/bin/bash"]'));
  },
};
