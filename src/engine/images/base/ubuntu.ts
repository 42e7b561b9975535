/**
 * ubuntu:24.04 (noble) — as the official image: the rootfs tarball as one
 * layer between ARG/LABEL steps that make no layer, `CMD ["/bin/bash"]`.
 */
import { appendHistory, appendLayer, emptyImage, withConfig, withMeta } from '../mutate.ts';
import { dpkgStatus, writeDebianTree } from './debian-tree.ts';
import type { DpkgPackage } from './debian-tree.ts';
import { DEFAULT_PATH, at } from './recipe.ts';
import type { BaseImageRecipe } from './recipe.ts';
import { EMPTY_TREE, buildLayer } from './tree.ts';
import { utf8Decode } from '../../fs/utf8.ts';

const CREATED = '2025-10-13T08:38:42Z';
const ROOTFS = 'file:0dd4d5a5b1fe01f4b4e42b5c3d2a9ba5fdc40a7d6a7b6e0b1f3c2d1f6e5a4b3c';

const OS_RELEASE = `PRETTY_NAME="Ubuntu 24.04.3 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.3 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`;

const PACKAGES: readonly DpkgPackage[] = [
  ['apt', '2.8.3', 'admin', 'important', 4104, 'commandline package manager'],
  ['base-files', '13ubuntu10.3', 'admin', 'required', 395, 'Debian base system miscellaneous files'],
  ['base-passwd', '3.6.3build1', 'admin', 'required', 232, 'Debian base system master password and group files'],
  ['bash', '5.2.21-2ubuntu4', 'shells', 'required', 1908, 'GNU Bourne Again SHell'],
  ['bsdutils', '1:2.39.3-9ubuntu6.3', 'utils', 'required', 315, 'basic utilities from 4.4BSD-Lite'],
  ['coreutils', '9.4-3ubuntu6.1', 'utils', 'required', 7212, 'GNU core utilities'],
  ['dash', '0.5.12-6ubuntu5', 'shells', 'required', 198, 'POSIX-compliant shell'],
  ['debconf', '1.5.86ubuntu1', 'admin', 'required', 524, 'Debian configuration management system'],
  ['debianutils', '5.17build1', 'utils', 'required', 216, 'Miscellaneous utilities specific to Debian'],
  ['diffutils', '1:3.10-1build1', 'utils', 'required', 1360, 'File comparison utilities'],
  ['dpkg', '1.22.6ubuntu6.5', 'admin', 'required', 6752, 'Debian package management system'],
  ['findutils', '4.9.0-5build1', 'utils', 'required', 1690, 'utilities for finding files--find, xargs'],
  ['gpgv', '2.4.4-2ubuntu17.3', 'utils', 'important', 352, 'GNU privacy guard - signature verification tool'],
  ['grep', '3.11-4build1', 'utils', 'required', 448, 'GNU grep, egrep and fgrep'],
  ['gzip', '1.12-1ubuntu3.1', 'utils', 'required', 249, 'GNU compression utilities'],
  ['hostname', '3.23+nmu2ubuntu2', 'admin', 'required', 47, 'utility to set/show the host name or domain name'],
  ['libc-bin', '2.39-0ubuntu8.6', 'libs', 'required', 2664, 'GNU C Library: Binaries'],
  ['libc6', '2.39-0ubuntu8.6', 'libs', 'required', 12861, 'GNU C Library: Shared libraries'],
  ['libstdc++6', '14.2.0-4ubuntu2~24.04', 'libs', 'required', 2802, 'GNU Standard C++ Library v3'],
  ['libsystemd0', '255.4-1ubuntu8.11', 'libs', 'required', 1024, 'systemd utility library'],
  ['login', '1:4.13+dfsg1-4ubuntu3.2', 'admin', 'required', 1036, 'system login tools'],
  ['mawk', '1.3.4.20240123-1build1', 'interpreters', 'required', 252, 'Pattern scanning and text processing language'],
  ['mount', '2.39.3-9ubuntu6.3', 'admin', 'required', 367, 'tools for mounting and manipulating filesystems'],
  ['ncurses-base', '6.4+20240113-1ubuntu2', 'misc', 'required', 393, 'basic terminal type definitions'],
  ['passwd', '1:4.13+dfsg1-4ubuntu3.2', 'admin', 'required', 2692, 'change and administer password and group data'],
  ['perl-base', '5.38.2-3.2ubuntu0.2', 'perl', 'required', 8012, 'minimal Perl system'],
  ['sed', '4.9-2build1', 'utils', 'required', 876, 'GNU stream editor for filtering/transforming text'],
  ['tar', '1.35+dfsg-3build1', 'utils', 'required', 3084, 'GNU version of the tar archiving utility'],
  ['ubuntu-keyring', '2023.11.28.1', 'misc', 'important', 48, 'GnuPG keys of the Ubuntu archive'],
  ['util-linux', '2.39.3-9ubuntu6.3', 'utils', 'required', 3700, 'miscellaneous system utilities'],
  ['zlib1g', '1:1.3.dfsg-3.1ubuntu2.1', 'libs', 'required', 166, 'compression library - runtime'],
];

const SOURCES = `Types: deb
URIs: http://archive.ubuntu.com/ubuntu/
Suites: noble noble-updates noble-backports
Components: main universe restricted multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg

Types: deb
URIs: http://security.ubuntu.com/ubuntu/
Suites: noble-security
Components: main universe restricted multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
`;

export const ubuntu: BaseImageRecipe = {
  repository: 'ubuntu',
  tags: ['latest', '24.04', 'noble', 'noble-20251013'],
  description: 'Ubuntu is a Debian-based Linux operating system based on free software.',
  async build({ tools, content }) {
    const created = at(CREATED);
    const { layer } = await buildLayer(EMPTY_TREE, created, content, (t) => {
      writeDebianTree(t, tools, { osRelease: OS_RELEASE, debianVersion: 'trixie/sid', sources: SOURCES });
      t.vfs.rename('/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list.d/ubuntu.sources');
      t.file('/var/lib/dpkg/status', dpkgStatus(PACKAGES, 'Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>'));
      t.file('/etc/lsb-release', 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=24.04\nDISTRIB_CODENAME=noble\nDISTRIB_DESCRIPTION="Ubuntu 24.04.3 LTS"\n');
      t.file('/etc/passwd', `${utf8Decode(t.vfs.readFile('/etc/passwd'))}ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n`);
      t.dir('/home/ubuntu', 0o750);
      t.vfs.chown('/home/ubuntu', 1000, 1000);
    });
    const step = (created_by: string) => ({ created: CREATED, created_by });
    let image = withMeta(emptyImage(), { created: CREATED });
    image = appendHistory(image, step('/bin/sh -c #(nop)  ARG RELEASE'));
    image = appendHistory(image, step('/bin/sh -c #(nop)  ARG LAUNCHPAD_BUILD_ARCH'));
    image = appendHistory(image, step('/bin/sh -c #(nop)  LABEL org.opencontainers.image.ref.name=ubuntu'));
    image = appendHistory(image, step('/bin/sh -c #(nop)  LABEL org.opencontainers.image.version=24.04'));
    // Simplification: the file tree is a skeleton; the layer reports the real image's size.
    image = appendLayer(image, layer, step(`/bin/sh -c #(nop) ADD ${ROOTFS} in / `), { reportedSize: 78_118_412 });
    image = withConfig(image, {
      Env: [DEFAULT_PATH],
      Cmd: ['/bin/bash'],
      Labels: { 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': '24.04' },
    });
    return appendHistory(image, step('/bin/sh -c #(nop)  CMD ["/bin/bash"]'));
  },
};
