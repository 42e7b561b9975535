/**
 * debian:bookworm (12.12) — as the official image, one layer made by
 * debuerreotype, `CMD ["bash"]`.
 */
import { appendLayer, emptyImage, withConfig, withMeta } from '../mutate.ts';
import { dpkgStatus, writeDebianTree } from './debian-tree.ts';
import type { DpkgPackage } from './debian-tree.ts';
import { DEFAULT_PATH, at } from './recipe.ts';
import type { BaseImageRecipe } from './recipe.ts';
import { EMPTY_TREE, buildLayer } from './tree.ts';
import type { BuiltBase } from './derive.ts';
import type { BaseImageContext } from './tools.ts';

const CREATED = '2025-11-17T00:00:00Z';

export const DEBIAN_OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

/** Debian 12's required and important packages (the debootstrap minbase set). */
export const DEBIAN_PACKAGES: readonly DpkgPackage[] = [
  ['adduser', '3.134', 'admin', 'important', 849, 'add and remove users and groups'],
  ['apt', '2.6.1', 'admin', 'important', 4137, 'commandline package manager'],
  ['base-files', '12.4+deb12u12', 'admin', 'required', 341, 'Debian base system miscellaneous files'],
  ['base-passwd', '3.6.1', 'admin', 'required', 243, 'Debian base system master password and group files'],
  ['bash', '5.2.15-2+b9', 'shells', 'required', 7163, 'GNU Bourne Again SHell'],
  ['bsdutils', '1:2.38.1-5+deb12u3', 'utils', 'required', 335, 'basic utilities from 4.4BSD-Lite'],
  ['coreutils', '9.1-1', 'utils', 'required', 18062, 'GNU core utilities'],
  ['dash', '0.5.12-2', 'shells', 'required', 191, 'POSIX-compliant shell'],
  ['debconf', '1.5.82', 'admin', 'required', 520, 'Debian configuration management system'],
  ['debian-archive-keyring', '2023.3+deb12u2', 'misc', 'important', 245, 'GnuPG archive keys of the Debian archive'],
  ['debianutils', '5.7-0.5~deb12u1', 'utils', 'required', 243, 'Miscellaneous utilities specific to Debian'],
  ['diffutils', '1:3.8-4', 'utils', 'required', 1597, 'File comparison utilities'],
  ['dpkg', '1.21.22', 'admin', 'required', 6422, 'Debian package management system'],
  ['e2fsprogs', '1.47.0-2', 'admin', 'required', 1580, 'ext2/ext3/ext4 file system utilities'],
  ['findutils', '4.9.0-4', 'utils', 'required', 1714, 'utilities for finding files--find, xargs'],
  ['gcc-12-base', '12.2.0-14+deb12u1', 'libs', 'required', 71, 'GCC, the GNU Compiler Collection (base package)'],
  ['gpgv', '2.2.40-1.1', 'utils', 'important', 917, 'GNU privacy guard - signature verification tool'],
  ['grep', '3.8-5', 'utils', 'required', 1228, 'GNU grep, egrep and fgrep'],
  ['gzip', '1.12-1', 'utils', 'required', 247, 'GNU compression utilities'],
  ['hostname', '3.23+nmu1', 'admin', 'required', 48, 'utility to set/show the host name or domain name'],
  ['init-system-helpers', '1.65.2', 'admin', 'required', 131, 'helper tools for all init systems'],
  ['libc-bin', '2.36-9+deb12u13', 'libs', 'required', 2643, 'GNU C Library: Binaries'],
  ['libc6', '2.36-9+deb12u13', 'libs', 'required', 12987, 'GNU C Library: Shared libraries'],
  ['libgcc-s1', '12.2.0-14+deb12u1', 'libs', 'required', 141, 'GCC support library'],
  ['libselinux1', '3.4-1+b6', 'libs', 'required', 218, 'SELinux runtime shared libraries'],
  ['libstdc++6', '12.2.0-14+deb12u1', 'libs', 'important', 2725, 'GNU Standard C++ Library v3'],
  ['libsystemd0', '252.39-1~deb12u1', 'libs', 'required', 907, 'systemd utility library'],
  ['libtinfo6', '6.4-4', 'libs', 'required', 533, 'shared low-level terminfo library for terminal handling'],
  ['login', '1:4.13+dfsg1-1+deb12u1', 'admin', 'required', 2616, 'system login tools'],
  ['mawk', '1.3.4.20200120-3.1', 'interpreters', 'required', 263, 'Pattern scanning and text processing language'],
  ['mount', '2.38.1-5+deb12u3', 'admin', 'required', 441, 'tools for mounting and manipulating filesystems'],
  ['ncurses-base', '6.4-4', 'misc', 'required', 393, 'basic terminal type definitions'],
  ['ncurses-bin', '6.4-4', 'utils', 'required', 677, 'terminal-related programs and man pages'],
  ['passwd', '1:4.13+dfsg1-1+deb12u1', 'admin', 'required', 2720, 'change and administer password and group data'],
  ['perl-base', '5.36.0-7+deb12u3', 'perl', 'required', 7639, 'minimal Perl system'],
  ['sed', '4.9-1', 'utils', 'required', 1013, 'GNU stream editor for filtering/transforming text'],
  ['sysvinit-utils', '3.06-4', 'admin', 'required', 79, 'System-V-like utilities'],
  ['tar', '1.34+dfsg-1.2+deb12u1', 'utils', 'required', 3161, 'GNU version of the tar archiving utility'],
  ['tzdata', '2025b-0+deb12u2', 'localization', 'required', 3325, 'time zone and daylight-saving time data'],
  ['util-linux', '2.38.1-5+deb12u3', 'utils', 'required', 3454, 'miscellaneous system utilities'],
  ['zlib1g', '1:1.2.13.dfsg-1', 'libs', 'required', 168, 'compression library - runtime'],
];

export const DEBIAN_SOURCES = `Types: deb
# http://snapshot.debian.org/archive/debian/20251117T000000Z
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
# http://snapshot.debian.org/archive/debian-security/20251117T000000Z
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
`;

export const debian: BaseImageRecipe = {
  repository: 'debian',
  tags: ['latest', 'bookworm', '12', '12.12', 'bookworm-20251117'],
  description: 'Debian is a Linux distribution that\'s composed entirely of free and open-source software.',
  async build(ctx) {
    return (await debianBase(ctx)).image;
  },
};

/** debian:bookworm with its tree, for images built FROM it. */
export async function debianBase({ tools, content }: BaseImageContext): Promise<BuiltBase> {
  const { layer, tree } = await buildLayer(EMPTY_TREE, at(CREATED), content, (t) => {
    writeDebianTree(t, tools, { osRelease: DEBIAN_OS_RELEASE, debianVersion: '12.12', sources: DEBIAN_SOURCES });
    t.file('/var/lib/dpkg/status', dpkgStatus(DEBIAN_PACKAGES, 'Debian Developers <debian-devel@lists.debian.org>'));
  });
  let image = withMeta(emptyImage(), { created: CREATED });
  // Simplification: the file tree is a skeleton; the layer reports the real image's size.
  image = appendLayer(image, layer, { created: CREATED, created_by: "# debian.sh --arch 'amd64' out/ 'bookworm' '@1763337600'", comment: 'debuerreotype 0.16' }, { reportedSize: 116_912_438 });
  // debuerreotype sets Cmd without a history entry of its own.
  return { image: withConfig(image, { Env: [DEFAULT_PATH], Cmd: ['bash'] }), tree };
}
