/**
 * Alpine 3.22 (x86_64) packages: names, versions, dependencies, installed
 * (`I:`) and download (`S:`) sizes as listed on pkgs.alpinelinux.org for
 * v3.22 main/community (recorded 2025-11; sizes rounded to the KiB the site
 * shows, within a few percent of the APKINDEX figures). Dependencies are the
 * runtime ones apk resolves, minus what the minirootfs already has.
 */
import { catalogue } from './catalogue.ts';
import type { PkgDef } from './catalogue.ts';

const K = 1024;
const M = 1024 * 1024;

function p(name: string, version: string, size: number, download: number, deps: string[], files: string[], description: string, url = 'https://alpinelinux.org'): PkgDef {
  return { name, version, size, download, deps, files, description, url };
}

export const ALPINE_CATALOGUE = catalogue([
  // Base (minirootfs) packages, so dependencies on them resolve.
  p('musl', '1.2.5-r10', 636 * K, 411 * K, [], ['/lib/ld-musl-x86_64.so.1'], 'the musl c library (libc) implementation', 'https://musl.libc.org/'),
  p('zlib', '1.3.1-r2', 100 * K, 53 * K, [], ['/usr/lib/libz.so.1.3.1', '/usr/lib/libz.so.1 -> libz.so.1.3.1'], 'A compression/decompression Library', 'https://zlib.net/'),
  p('libcrypto3', '3.5.4-r0', 4516 * K, 1852 * K, [], ['/usr/lib/libcrypto.so.3'], 'Crypto library from openssl', 'https://www.openssl.org/'),
  p('libssl3', '3.5.4-r0', 756 * K, 354 * K, ['libcrypto3'], ['/usr/lib/libssl.so.3'], 'SSL shared libraries', 'https://www.openssl.org/'),
  p('ca-certificates-bundle', '20250911-r0', 216 * K, 139 * K, [], ['/etc/ssl/certs/ca-certificates.crt'], 'Pre generated bundle of Mozilla certificates', 'https://www.mozilla.org/en-US/about/governance/policies/security-group/certs/'),
  // curl and its libraries.
  p('brotli-libs', '1.1.0-r2', 724 * K, 346 * K, [], ['/usr/lib/libbrotlicommon.so.1.1.0', '/usr/lib/libbrotlidec.so.1.1.0', '/usr/lib/libbrotlienc.so.1.1.0'], 'Generic lossless compressor (libraries)', 'https://github.com/google/brotli'),
  p('c-ares', '1.34.5-r0', 212 * K, 92 * K, [], ['/usr/lib/libcares.so.2.19.4'], 'Asynchronous DNS/names resolver library', 'https://c-ares.org/'),
  p('libunistring', '1.3-r0', 1800 * K, 597 * K, [], ['/usr/lib/libunistring.so.5.2.0'], 'Library for manipulating Unicode strings and C strings', 'https://www.gnu.org/software/libunistring/'),
  p('libidn2', '2.3.7-r0', 208 * K, 81 * K, ['libunistring'], ['/usr/lib/libidn2.so.0.4.0'], 'Encode/Decode library for internationalized domain names', 'https://www.gnu.org/software/libidn#libidn2'),
  p('libpsl', '0.21.5-r3', 64 * K, 23 * K, ['libidn2', 'libunistring'], ['/usr/lib/libpsl.so.5.3.5'], 'C library for the Publix Suffix List', 'https://rockdaboot.github.io/libpsl'),
  p('nghttp2-libs', '1.65.0-r0', 168 * K, 75 * K, [], ['/usr/lib/libnghttp2.so.14.28.4'], 'Experimental HTTP/2 client, server and proxy (libraries)', 'https://nghttp2.org'),
  p('zstd-libs', '1.5.7-r0', 704 * K, 281 * K, [], ['/usr/lib/libzstd.so.1.5.7'], 'Zstandard - Fast real-time compression algorithm (libraries)', 'https://www.zstd.net'),
  p('libcurl', '8.14.1-r2', 688 * K, 375 * K, ['brotli-libs', 'c-ares', 'libidn2', 'libpsl', 'nghttp2-libs', 'zstd-libs'], ['/usr/lib/libcurl.so.4.8.0', '/usr/lib/libcurl.so.4 -> libcurl.so.4.8.0'], 'The multiprotocol file transfer library', 'https://curl.se/'),
  p('curl', '8.14.1-r2', 256 * K, 143 * K, ['libcurl'], ['/usr/bin/curl*'], 'URL retrival utility and library', 'https://curl.se/'),
  p('wget', '1.25.0-r1', 488 * K, 164 * K, ['libidn2', 'pcre2'], ['/usr/bin/wget*'], 'Network utility to retrieve files from the Web', 'https://www.gnu.org/software/wget/wget.html'),
  p('ca-certificates', '20250911-r0', 680 * K, 171 * K, [], ['/usr/bin/update-ca-certificates*', '/usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt', '/etc/ca-certificates.conf'], 'Common CA certificates PEM files from Mozilla', 'https://www.mozilla.org/en-US/about/governance/policies/security-group/certs/'),
  // Shells and editors.
  p('ncurses-terminfo-base', '6.5_p20250503-r0', 20 * K, 21 * K, [], ['/etc/terminfo/x/xterm', '/etc/terminfo/v/vt100'], 'Descriptions of common terminals', 'https://invisible-island.net/ncurses/'),
  p('libncursesw', '6.5_p20250503-r0', 412 * K, 155 * K, ['ncurses-terminfo-base'], ['/usr/lib/libncursesw.so.6.5'], 'Console display library (libncursesw)', 'https://invisible-island.net/ncurses/'),
  p('readline', '8.2.13-r1', 280 * K, 117 * K, ['libncursesw'], ['/usr/lib/libreadline.so.8.2'], 'GNU readline library', 'https://tiswww.cwru.edu/php/chet/readline/rltop.html'),
  p('bash', '5.2.37-r0', 1264 * K, 453 * K, ['readline'], ['/bin/bash*sh'], 'The GNU Bourne Again shell', 'https://www.gnu.org/software/bash/bash.html'),
  p('nano', '8.4-r0', 604 * K, 251 * K, ['libncursesw'], ['/usr/bin/nano*', '/usr/share/nano/sh.nanorc=4096'], 'Enhanced clone of the Pico text editor', 'https://www.nano-editor.org/'),
  p('xxd', '9.1.1415-r0', 20 * K, 9 * K, [], ['/usr/bin/xxd*'], 'Hexdump utility from vim', 'https://www.vim.org/'),
  p('vim-common', '9.1.1415-r0', 17716 * K, 6530 * K, [], ['/usr/share/vim/vim91/defaults.vim', '/usr/share/vim/vim91/syntax/syntax.vim', '/usr/share/vim/vim91/doc/help.txt'], 'Vi IMproved (common files)', 'https://www.vim.org/'),
  p('vim', '9.1.1415-r0', 3640 * K, 1480 * K, ['libncursesw', 'vim-common', 'xxd'], ['/usr/bin/vim*', '/usr/bin/vi -> vim'], 'Improved vi-style text editor', 'https://www.vim.org/'),
  // Tools.
  p('pcre2', '10.46-r0', 688 * K, 285 * K, [], ['/usr/lib/libpcre2-8.so.0.14.0'], 'Perl-compatible regular expression library', 'https://pcre.org/'),
  p('libexpat', '2.7.3-r0', 196 * K, 84 * K, [], ['/usr/lib/libexpat.so.1.10.2'], 'XML Parser library written in C', 'https://libexpat.github.io/'),
  p('git', '2.49.1-r0', 15940 * K, 6892 * K, ['libcurl', 'libexpat', 'pcre2'], ['/usr/bin/git*', '/usr/libexec/git-core/git-remote-http*=2686976', '/usr/share/git-core/templates/description'], 'Distributed version control system', 'https://www.git-scm.com/'),
  p('oniguruma', '6.9.10-r0', 552 * K, 187 * K, [], ['/usr/lib/libonig.so.5.4.0'], 'a regular expressions library', 'https://github.com/kkos/oniguruma'),
  p('jq', '1.8.0-r0', 316 * K, 137 * K, ['oniguruma'], ['/usr/bin/jq*'], 'A lightweight and flexible command-line JSON processor', 'https://jqlang.github.io/jq/'),
  p('tzdata', '2025b-r0', 1404 * K, 444 * K, [], ['/usr/share/zoneinfo/UTC', '/usr/share/zoneinfo/Europe/London', '/usr/share/zoneinfo/Asia/Shanghai', '/usr/share/zoneinfo/America/New_York'], 'Timezone data', 'https://www.iana.org/time-zones'),
  p('openssl', '3.5.4-r0', 900 * K, 365 * K, [], ['/usr/bin/openssl*'], 'Toolkit for Transport Layer Security (TLS) - version 3', 'https://www.openssl.org/'),
  p('net-tools', '2.10-r3', 396 * K, 151 * K, [], ['/bin/netstat*', '/sbin/ifconfig*', '/sbin/route*'], 'Linux networking base tools', 'https://sourceforge.net/projects/net-tools/'),
  p('iputils-ping', '20240905-r0', 84 * K, 28 * K, [], ['/bin/ping*'], 'IP Configuration Utilities (ping)', 'https://github.com/iputils/iputils/'),
  p('elinks', '0.17.1.1-r1', 2036 * K, 812 * K, ['libexpat', 'libidn2', 'libncursesw'], ['/usr/bin/elinks*'], 'Advanced and well-established feature-rich text mode web browser', 'https://github.com/rkd77/elinks'),
  // Servers and runtimes.
  p('nginx', '1.28.0-r3', 1344 * K, 622 * K, ['pcre2'], ['/usr/sbin/nginx*', '/etc/nginx/nginx.conf=3367', '/etc/nginx/http.d/default.conf=330', '/usr/share/nginx/html/index.html=615', '/var/lib/nginx/html/index.html=615'], 'HTTP and reverse proxy server (stable version)', 'https://www.nginx.org/'),
  p('apr', '1.7.5-r0', 228 * K, 98 * K, [], ['/usr/lib/libapr-1.so.0.7.5'], 'The Apache Portable Runtime', 'https://apr.apache.org/'),
  p('apr-util', '1.6.3-r1', 212 * K, 91 * K, ['apr', 'libexpat'], ['/usr/lib/libaprutil-1.so.0.6.3'], 'The Apache Portable Runtime Utility Library', 'https://apr.apache.org/'),
  p('apache2', '2.4.65-r0', 3376 * K, 1368 * K, ['apr', 'apr-util', 'pcre2'], ['/usr/sbin/httpd*', '/etc/apache2/httpd.conf=21764', '/var/www/localhost/htdocs/index.html=45'], 'A high performance Unix-based HTTP server', 'https://httpd.apache.org/'),
  p('redis', '7.2.10-r0', 4108 * K, 1621 * K, [], ['/usr/bin/redis-server*', '/usr/bin/redis-cli*', '/etc/redis.conf=106545'], 'Advanced key-value store', 'https://redis.io/'),
  p('postgresql17-client', '17.6-r0', 2024 * K, 846 * K, ['readline', 'zstd-libs'], ['/usr/bin/psql*', '/usr/bin/pg_dump*'], 'PostgreSQL client', 'https://www.postgresql.org/'),
  p('libffi', '3.4.8-r0', 56 * K, 21 * K, [], ['/usr/lib/libffi.so.8.1.4'], 'portable, high level programming interface to various calling conventions.', 'https://sourceware.org/libffi'),
  p('libbz2', '1.0.8-r6', 72 * K, 30 * K, [], ['/usr/lib/libbz2.so.1.0.8'], 'Shared library for bz2', 'https://sourceware.org/bzip2/'),
  p('xz-libs', '5.8.1-r0', 196 * K, 84 * K, [], ['/usr/lib/liblzma.so.5.8.1'], 'Library and CLI tools for XZ and LZMA compressed files (libraries)', 'https://tukaani.org/xz'),
  p('sqlite-libs', '3.49.2-r1', 1512 * K, 653 * K, [], ['/usr/lib/libsqlite3.so.3.49.2'], 'Sqlite3 library', 'https://www.sqlite.org/'),
  p('mpdecimal', '4.0.1-r0', 256 * K, 91 * K, [], ['/usr/lib/libmpdec.so.4.0.1'], 'complete implementation of the General Decimal Arithmetic Specification', 'https://www.bytereef.org/mpdecimal/index.html'),
  p('gdbm', '1.24-r0', 200 * K, 77 * K, [], ['/usr/lib/libgdbm.so.6.0.0'], 'GNU dbm is a set of database routines that use extensible hashing', 'https://www.gnu.org/software/gdbm/'),
  p('python3', '3.12.12-r0', 41104 * K, 14368 * K, ['gdbm', 'libbz2', 'libffi', 'mpdecimal', 'readline', 'sqlite-libs', 'xz-libs'], ['/usr/bin/python3.12*python3', '/usr/bin/python3 -> python3.12', '/usr/lib/libpython3.12.so.1.0=5914624', '/usr/lib/python3.12/os.py'], 'A high-level scripting language', 'https://www.python.org/'),
  p('py3-pip', '25.1.1-r0', 12568 * K, 3015 * K, ['python3'], ['/usr/bin/pip3*pip', '/usr/bin/pip -> pip3', '/usr/lib/python3.12/site-packages/pip/__init__.py'], 'Tool for installing and managing Python packages', 'https://pip.pypa.io/'),
  p('supervisor', '4.2.5-r5', 1908 * K, 417 * K, ['python3'], ['/usr/bin/supervisord*', '/usr/bin/supervisorctl*', '/etc/supervisord.conf=10617'], 'A system for controlling process state', 'http://supervisord.org/'),
  p('libgcc', '14.2.0-r6', 156 * K, 57 * K, [], ['/usr/lib/libgcc_s.so.1'], 'GNU C compiler runtime libraries', 'https://gcc.gnu.org'),
  p('libstdc++', '14.2.0-r6', 2592 * K, 809 * K, ['libgcc'], ['/usr/lib/libstdc++.so.6.0.33'], 'GNU C++ standard runtime library', 'https://gcc.gnu.org'),
  p('icu-data-en', '76.1-r1', 2444 * K, 877 * K, [], ['/usr/share/icu/76.1/icudt76l.dat'], 'Stripped down ICU data with only en_US/GB locale and no legacy charset converters', 'https://icu.unicode.org/'),
  p('icu-libs', '76.1-r1', 2236 * K, 796 * K, ['icu-data-en', 'libstdc++'], ['/usr/lib/libicuuc.so.76.1', '/usr/lib/libicui18n.so.76.1'], 'International Components for Unicode library (libraries)', 'https://icu.unicode.org/'),
  p('nodejs', '22.16.0-r2', 44104 * K, 12064 * K, ['brotli-libs', 'c-ares', 'ca-certificates', 'icu-libs', 'libstdc++', 'nghttp2-libs', 'sqlite-libs', 'zstd-libs'], ['/usr/bin/node*'], 'JavaScript runtime built on V8 engine - LTS version', 'https://nodejs.org/'),
  p('npm', '11.3.0-r1', 9940 * K, 2392 * K, ['nodejs'], ['/usr/lib/node_modules/npm/bin/npm-cli.js*npm', '/usr/bin/npm -> ../lib/node_modules/npm/bin/npm-cli.js', '/usr/lib/node_modules/npm/package.json'], 'The package manager for JavaScript', 'https://npmjs.com/'),
  p('openjdk17-jre-headless', '17.0.16_p8-r0', 186220 * K, 46240 * K, ['libstdc++'], ['/usr/lib/jvm/java-17-openjdk/bin/java*', '/usr/bin/java -> ../lib/jvm/java-17-openjdk/bin/java', '/usr/lib/jvm/java-17-openjdk/lib/modules=134217728'], 'OpenJDK 17 Java Runtime (headless)', 'https://github.com/openjdk/jdk17u'),
  p('emacs-nox', '30.1-r1', 53604 * K, 17332 * K, ['libncursesw', 'libxml2'], ['/usr/bin/emacs*', '/usr/share/emacs/30.1/lisp/simple.elc'], 'An extensible, customizable, self-documenting real-time display editor (without X11)', 'https://www.gnu.org/software/emacs/'),
  p('libxml2', '2.13.8-r0', 1236 * K, 549 * K, ['xz-libs'], ['/usr/lib/libxml2.so.2.13.8'], 'XML parsing library, version 2', 'https://gitlab.gnome.org/GNOME/libxml2'),
  p('sudo', '1.9.17_p2-r0', 2704 * K, 777 * K, [], ['/usr/bin/sudo*', '/etc/sudoers=3174'], 'Give certain users the ability to run some commands as root', 'https://www.sudo.ws/sudo/'),
  p('unzip', '6.0-r15', 296 * K, 144 * K, [], ['/usr/bin/unzip*'], 'Extract PKZIP-compatible .zip files', 'http://www.info-zip.org/UnZip.html'),
  p('tree', '2.2.1-r0', 80 * K, 40 * K, [], ['/usr/bin/tree*'], 'A recursive directory indented listing of files', 'https://oldmanprogrammer.net/source.php?dir=projects/tree'),
  p('htop', '3.4.1-r0', 380 * K, 160 * K, ['libncursesw'], ['/usr/bin/htop*'], 'Interactive process viewer', 'https://htop.dev/'),
  p('openssh-client-default', '10.0_p1-r9', 3612 * K, 1100 * K, [], ['/usr/bin/ssh*', '/usr/bin/scp*', '/usr/bin/ssh-keygen*'], 'OpenBSD\'s SSH client', 'https://www.openssh.com/portable.html'),
  p('openssh-client', '10.0_p1-r9', 4 * K, 2 * K, ['openssh-client-default'], [], 'OpenBSD\'s SSH client (metapackage)', 'https://www.openssh.com/portable.html'),
  // build-base: the toolchain meta-package.
  p('binutils', '2.44-r3', 8756 * K, 3290 * K, ['zstd-libs'], ['/usr/bin/ld*', '/usr/bin/as*', '/usr/bin/ar*', '/usr/bin/strip*'], 'Tools necessary to build programs', 'https://www.gnu.org/software/binutils/'),
  p('gmp', '6.3.0-r3', 436 * K, 211 * K, [], ['/usr/lib/libgmp.so.10.5.0'], 'free library for arbitrary precision arithmetic', 'https://gmplib.org/'),
  p('mpfr4', '4.2.1_p1-r0', 508 * K, 244 * K, ['gmp'], ['/usr/lib/libmpfr.so.6.2.1'], 'multiple-precision floating-point library', 'https://www.mpfr.org/'),
  p('mpc1', '1.3.1-r1', 116 * K, 44 * K, ['gmp', 'mpfr4'], ['/usr/lib/libmpc.so.3.3.1'], 'Multiprecision C library', 'https://www.multiprecision.org/'),
  p('isl26', '0.26-r1', 2120 * K, 693 * K, ['gmp'], ['/usr/lib/libisl.so.23.2.0'], 'An Integer Set Library for the Polyhedral Model', 'https://libisl.sourceforge.io'),
  p('gcc', '14.2.0-r6', 102868 * K, 36668 * K, ['binutils', 'isl26', 'libgcc', 'libstdc++', 'mpc1', 'mpfr4'], ['/usr/bin/gcc*', '/usr/bin/cc -> gcc', '/usr/libexec/gcc/x86_64-alpine-linux-musl/14.2.0/cc1*=39845888'], 'The GNU Compiler Collection', 'https://gcc.gnu.org'),
  p('libstdc++-dev', '14.2.0-r6', 17284 * K, 2342 * K, ['libstdc++'], ['/usr/include/c++/14.2.0/iostream'], 'GNU C++ standard runtime library (development files)', 'https://gcc.gnu.org'),
  p('g++', '14.2.0-r6', 43300 * K, 14452 * K, ['gcc', 'libstdc++-dev', 'musl-dev'], ['/usr/bin/g++*', '/usr/bin/c++ -> g++'], 'GNU C++ standard library and compiler', 'https://gcc.gnu.org'),
  p('musl-dev', '1.2.5-r10', 2272 * K, 579 * K, [], ['/usr/include/stdio.h', '/usr/lib/libc.a'], 'the musl c library (libc) implementation (development files)', 'https://musl.libc.org/'),
  p('libc-dev', '0.7.2-r5', 4 * K, 2 * K, ['musl-dev'], [], 'Meta package to pull in correct libc', 'https://alpinelinux.org'),
  p('fortify-headers', '1.1-r5', 104 * K, 16 * K, [], ['/usr/include/fortify/stdio.h'], 'libc-agnostic implementation of FORTIFY_SOURCE', 'https://git.2f30.org/fortify-headers/'),
  p('make', '4.4.1-r3', 272 * K, 127 * K, [], ['/usr/bin/make*'], 'GNU make utility to maintain groups of programs', 'https://www.gnu.org/software/make'),
  p('patch', '2.8-r0', 116 * K, 49 * K, [], ['/usr/bin/patch*'], 'Utility to apply diffs to files', 'https://www.gnu.org/software/patch/patch.html'),
  p('libmagic', '5.46-r2', 9632 * K, 794 * K, [], ['/usr/lib/libmagic.so.1.0.0', '/usr/share/misc/magic.mgc=9568256'], 'File type identification library', 'https://www.darwinsys.com/file/'),
  p('file', '5.46-r2', 32 * K, 24 * K, ['libmagic'], ['/usr/bin/file*'], 'File type identification utility', 'https://www.darwinsys.com/file/'),
  p('build-base', '0.5-r3', 4 * K, 2 * K, ['binutils', 'file', 'fortify-headers', 'g++', 'gcc', 'libc-dev', 'make', 'patch'], [], 'Meta package for build base', 'https://alpinelinux.org'),
]);

/** apk's repositories and their index facts (`apk update`). */
export const ALPINE_REPOS = [
  { url: 'https://dl-cdn.alpinelinux.org/alpine/v3.22/main', describe: 'v3.22.2-75-g1d7cd1b02e1', indexSize: 502_112 },
  { url: 'https://dl-cdn.alpinelinux.org/alpine/v3.22/community', describe: 'v3.22.2-76-g5a04e0bd6d2', indexSize: 1_571_344 },
] as const;

/** Packages the two repositories offer in total (`OK: N distinct packages available`). */
export const ALPINE_AVAILABLE = 26_326;
