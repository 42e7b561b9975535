/**
 * busybox:latest (1.37.0, glibc variant): one layer with the BusyBox
 * multi-call binary, a link per applet, glibc's libraries and a minimal /etc;
 * `CMD ["sh"]`.
 *
 * Simplification: applets are symlinks to /bin/busybox (the official image
 * uses hard links), and only the applets the userspace implements are linked.
 */
import { appendHistory, appendLayer, emptyImage, withConfig, withMeta } from '../mutate.ts';
import { DEFAULT_PATH, at } from './recipe.ts';
import type { BaseImageRecipe } from './recipe.ts';
import { EMPTY_TREE, buildLayer } from './tree.ts';
import type { TreeWriter } from './tree.ts';
import type { RootfsTools } from './tools.ts';

const CREATED = '2024-09-26T21:31:42Z';

const PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;

const GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nogroup:x:65534:
`;

/** The BusyBox tree shared by the busybox image and (in part) alpine. */
export function writeBusyboxTree(t: TreeWriter, tools: RootfsTools): void {
  t.file('/etc/passwd', PASSWD).file('/etc/group', GROUP);
  t.file('/etc/shadow', PASSWD.split('\n').filter(Boolean).map((l) => `${l.split(':')[0]}:*:10933:0:99999:7:::`).join('\n') + '\n', 0o600);
  tools.installBusybox(t.vfs);
  t.dir('/bin').dir('/dev').dir('/home').dir('/root', 0o700).dir('/tmp', 0o1777).dir('/usr/sbin').dir('/var/spool/mail').dir('/var/www');
}

export const busybox: BaseImageRecipe = {
  repository: 'busybox',
  tags: ['latest', '1.37.0', '1.37', '1', 'stable', 'glibc', '1.37.0-glibc'],
  description: 'Busybox base image.',
  async build({ tools, content }) {
    const created = at(CREATED);
    const { layer } = await buildLayer(EMPTY_TREE, created, content, (t) => {
      writeBusyboxTree(t, tools);
      t.file('/etc/nsswitch.conf', 'hosts: files dns\nnetworks: files\npasswd: files\ngroup: files\nshadow: files\n');
      t.files('/lib', ['libc.so.6', 'libm.so.6', 'libresolv.so.2', 'libnss_files.so.2', 'libnss_dns.so.2'], (n) => `\x7fELF glibc 2.36 ${n}\n`, 0o755);
      t.dir('/lib64').symlink('/lib/ld-linux-x86-64.so.2', '/lib64/ld-linux-x86-64.so.2');
      t.file('/lib/ld-linux-x86-64.so.2', '\x7fELF glibc 2.36 ld-linux-x86-64.so.2\n', 0o755);
    });
    let image = withMeta(emptyImage(), { created: CREATED });
    // Simplification: the real layer is 4.27 MB of binaries; ours holds stand-ins and reports the real size.
    image = appendLayer(image, layer, { created: CREATED, created_by: 'BusyBox 1.37.0 (glibc), Debian 12' }, { reportedSize: 4_269_952 });
    image = withConfig(image, { Env: [DEFAULT_PATH], Cmd: ['sh'] });
    return appendHistory(image, { created: CREATED, created_by: 'CMD ["sh"]', comment: 'buildkit.dockerfile.v0' });
  },
};
