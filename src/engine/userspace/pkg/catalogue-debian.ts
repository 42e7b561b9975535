/**
 * Debian 12 (bookworm, amd64) packages: versions, Depends/Recommends,
 * Installed-Size (KiB) and .deb sizes as published on packages.debian.org
 * for bookworm / bookworm-security (recorded 2025-11; .deb sizes rounded to
 * the kB the site shows). Dependencies already in the debian image (libc6,
 * zlib1g, libgcc-s1, …) are left out, as apt would not print them.
 *
 * Simplification: ubuntu:24.04 uses this catalogue too (its own archive URLs,
 * Debian's version strings). npm's 300-odd node-* dependencies are folded
 * into one package, and vim/emacs runtimes into one each.
 */
import { catalogue } from './catalogue.ts';
import type { PkgDef } from './catalogue.ts';

export interface DebDef extends PkgDef {
  readonly recommends?: readonly string[];
  readonly section: string;
  readonly priority: string;
  readonly arch: string;
}

function d(name: string, version: string, kib: number, deb: number, deps: string[], files: string[], description: string, section = 'libs', recommends: string[] = [], arch = 'amd64'): DebDef {
  return {
    name, version, size: kib * 1024, download: deb, deps, recommends, section, priority: 'optional', arch, description,
    files: [...files, `/usr/share/doc/${name}/copyright=${Math.min(4096, Math.floor((kib * 1024) / 8))}`],
  };
}

const k = 1000;

export const DEBIAN_CATALOGUE = catalogue([
  // curl and the libraries libcurl4 pulls in.
  d('libbrotli1', '1.0.9-2+b6', 848, 275 * k, [], ['/usr/lib/x86_64-linux-gnu/libbrotlidec.so.1.0.9', '/usr/lib/x86_64-linux-gnu/libbrotlienc.so.1.0.9'], 'library implementing brotli encoder and decoder (shared libraries)'),
  d('libkrb5support0', '1.20.1-2+deb12u4', 132, 33 * k, [], ['/usr/lib/x86_64-linux-gnu/libkrb5support.so.0.1'], 'MIT Kerberos runtime libraries - Support library'),
  d('libk5crypto3', '1.20.1-2+deb12u4', 289, 79 * k, ['libkrb5support0'], ['/usr/lib/x86_64-linux-gnu/libk5crypto.so.3.1'], 'MIT Kerberos runtime libraries - Crypto Library'),
  d('libkeyutils1', '1.6.3-2', 41, 9 * k, [], ['/usr/lib/x86_64-linux-gnu/libkeyutils.so.1.10'], 'Linux Key Management Utilities (library)'),
  d('libssl3', '3.0.17-1~deb12u3', 6194, 2029 * k, [], ['/usr/lib/x86_64-linux-gnu/libssl.so.3', '/usr/lib/x86_64-linux-gnu/libcrypto.so.3'], 'Secure Sockets Layer toolkit - shared libraries'),
  d('libkrb5-3', '1.20.1-2+deb12u4', 1083, 332 * k, ['libk5crypto3', 'libkeyutils1', 'libkrb5support0', 'libssl3'], ['/usr/lib/x86_64-linux-gnu/libkrb5.so.3.3'], 'MIT Kerberos runtime libraries'),
  d('krb5-locales', '1.20.1-2+deb12u4', 92, 63 * k, [], ['/usr/share/locale/de/LC_MESSAGES/mit-krb5.mo'], 'internationalization support for MIT Kerberos', 'localization', [], 'all'),
  d('libgssapi-krb5-2', '1.20.1-2+deb12u4', 433, 135 * k, ['libk5crypto3', 'libkeyutils1', 'libkrb5-3', 'libkrb5support0'], ['/usr/lib/x86_64-linux-gnu/libgssapi_krb5.so.2.2'], 'MIT Kerberos runtime libraries - krb5 GSS-API Mechanism', 'libs', ['krb5-locales']),
  d('libsasl2-modules-db', '2.1.28+dfsg-10', 74, 20 * k, [], ['/usr/lib/x86_64-linux-gnu/sasl2/libsasldb.so.2.0.25'], 'Cyrus SASL - pluggable authentication modules (DB)'),
  d('libsasl2-2', '2.1.28+dfsg-10', 184, 59 * k, ['libsasl2-modules-db'], ['/usr/lib/x86_64-linux-gnu/libsasl2.so.2.0.25'], 'Cyrus SASL - authentication abstraction library'),
  d('libsasl2-modules', '2.1.28+dfsg-10', 346, 66 * k, [], ['/usr/lib/x86_64-linux-gnu/sasl2/libplain.so.2.0.25'], 'Cyrus SASL - pluggable authentication modules'),
  d('libldap-common', '2.5.13+dfsg-5', 137, 29 * k, [], ['/etc/ldap/ldap.conf=332'], 'OpenLDAP common files for libraries', 'libs', [], 'all'),
  d('libldap-2.5-0', '2.5.13+dfsg-5', 617, 183 * k, ['libsasl2-2'], ['/usr/lib/x86_64-linux-gnu/libldap-2.5.so.0.1.8'], 'OpenLDAP libraries', 'libs', ['libldap-common', 'libsasl2-modules']),
  d('libnghttp2-14', '1.52.0-1+deb12u2', 195, 72 * k, [], ['/usr/lib/x86_64-linux-gnu/libnghttp2.so.14.24.1'], 'library implementing HTTP/2 protocol (shared library)'),
  d('publicsuffix', '20230209.2326-1', 331, 126 * k, [], ['/usr/share/publicsuffix/public_suffix_list.dat'], 'accurate, machine-readable list of domain name suffixes', 'net', [], 'all'),
  d('libpsl5', '0.21.2-1', 94, 58 * k, [], ['/usr/lib/x86_64-linux-gnu/libpsl.so.5.3.4'], 'Library for Public Suffix List (shared libraries)', 'libs', ['publicsuffix']),
  d('librtmp1', '2.4+20151223.gitfa8646d.1-2+b2', 151, 60 * k, [], ['/usr/lib/x86_64-linux-gnu/librtmp.so.1'], 'toolkit for RTMP streams (shared library)'),
  d('libssh2-1', '1.10.0-3+b1', 277, 179 * k, ['libssl3'], ['/usr/lib/x86_64-linux-gnu/libssh2.so.1.0.1'], 'SSH2 client-side library'),
  d('openssl', '3.0.17-1~deb12u3', 2285, 1435 * k, ['libssl3'], ['/usr/bin/openssl*', '/etc/ssl/openssl.cnf=12419'], 'Secure Sockets Layer toolkit - cryptographic utility', 'utils'),
  d('ca-certificates', '20230311+deb12u1', 388, 155 * k, ['openssl'], ['/usr/sbin/update-ca-certificates*', '/etc/ssl/certs/ca-certificates.crt=219342', '/usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt'], 'Common CA certificates', 'misc', [], 'all'),
  d('libcurl4', '7.88.1-10+deb12u14', 1155, 391 * k, ['libbrotli1', 'libgssapi-krb5-2', 'libldap-2.5-0', 'libnghttp2-14', 'libpsl5', 'librtmp1', 'libssh2-1', 'libssl3'], ['/usr/lib/x86_64-linux-gnu/libcurl.so.4.8.0', '/usr/lib/x86_64-linux-gnu/libcurl.so.4 -> libcurl.so.4.8.0'], 'easy-to-use client-side URL transfer library (OpenSSL flavour)', 'libs', ['ca-certificates']),
  d('curl', '7.88.1-10+deb12u14', 499, 316 * k, ['libcurl4'], ['/usr/bin/curl*'], 'command line tool for transferring data with URL syntax', 'web'),
  d('libcurl3-gnutls', '7.88.1-10+deb12u14', 1135, 386 * k, ['libbrotli1', 'libgssapi-krb5-2', 'libldap-2.5-0', 'libnghttp2-14', 'libpsl5', 'librtmp1', 'libssh2-1'], ['/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4.8.0'], 'easy-to-use client-side URL transfer library (GnuTLS flavour)', 'libs', ['ca-certificates']),
  d('wget', '1.21.3-1+deb12u1', 3705, 984 * k, ['libpsl5', 'libssl3'], ['/usr/bin/wget*', '/etc/wgetrc=4942'], 'retrieves files from the web', 'web', ['ca-certificates']),
  // Everyday tools.
  d('less', '590-2.1~deb12u2', 602, 132 * k, [], ['/usr/bin/less*'], 'pager program similar to more', 'text'),
  d('procps', '2:4.0.2-3', 2389, 709 * k, ['libproc2-0'], ['/usr/bin/ps*', '/usr/bin/top*', '/usr/bin/free*', '/usr/bin/watch*'], '/proc file system utilities', 'admin'),
  d('libproc2-0', '2:4.0.2-3', 163, 62 * k, [], ['/usr/lib/x86_64-linux-gnu/libproc2.so.0.0.1'], 'library for accessing process information from /proc'),
  d('libonig5', '6.9.8-1', 657, 187 * k, [], ['/usr/lib/x86_64-linux-gnu/libonig.so.5.3.0'], 'regular expressions library'),
  d('libjq1', '1.6-2.1', 424, 135 * k, ['libonig5'], ['/usr/lib/x86_64-linux-gnu/libjq.so.1.0.4'], 'lightweight and flexible command-line JSON processor - shared library'),
  d('jq', '1.6-2.1', 102, 64 * k, ['libjq1'], ['/usr/bin/jq*'], 'lightweight and flexible command-line JSON processor', 'utils'),
  d('libncursesw6', '6.4-4', 412, 134 * k, [], ['/usr/lib/x86_64-linux-gnu/libncursesw.so.6.4'], 'shared libraries for terminal handling (wide character support)'),
  d('nano', '7.2-1+deb12u1', 2763, 690 * k, ['libncursesw6'], ['/usr/bin/nano*', '/usr/bin/rnano -> nano', '/etc/nanorc=11076'], 'small, friendly text editor inspired by Pico', 'editors'),
  d('libgpm2', '1.20.7-10+b1', 55, 14 * k, [], ['/usr/lib/x86_64-linux-gnu/libgpm.so.2'], 'General Purpose Mouse - shared library'),
  d('libsodium23', '1.0.18-1', 359, 161 * k, [], ['/usr/lib/x86_64-linux-gnu/libsodium.so.23.3.0'], 'Network communication, cryptography and signaturing library'),
  d('vim-common', '2:9.0.1378-2+deb12u2', 387, 207 * k, [], ['/usr/share/vim/vimrc=662', '/usr/bin/helpztags*'], 'Vi IMproved - Common files', 'editors', [], 'all'),
  d('vim-runtime', '2:9.0.1378-2+deb12u2', 37096, 7053 * k, [], ['/usr/share/vim/vim90/defaults.vim', '/usr/share/vim/vim90/syntax/syntax.vim', '/usr/share/vim/vim90/doc/help.txt'], 'Vi IMproved - Runtime files', 'editors', [], 'all'),
  d('vim', '2:9.0.1378-2+deb12u2', 3947, 1568 * k, ['libgpm2', 'libsodium23', 'vim-common', 'vim-runtime'], ['/usr/bin/vim.basic*vim', '/usr/bin/vim -> vim.basic', '/usr/bin/vi -> vim.basic'], 'Vi IMproved - enhanced vi editor', 'editors'),
  d('emacs-common', '1:28.2+1-15+deb12u4', 83421, 13414 * k, [], ['/usr/share/emacs/28.2/lisp/simple.elc', '/usr/share/emacs/28.2/etc/DOC'], 'GNU Emacs editor\'s shared, architecture independent infrastructure', 'editors', [], 'all'),
  d('emacs-nox', '1:28.2+1-15+deb12u4', 18690, 4513 * k, ['emacs-common', 'libgpm2'], ['/usr/bin/emacs-nox*emacs', '/usr/bin/emacs -> emacs-nox'], 'GNU Emacs editor (without GUI support)', 'editors'),
  d('net-tools', '2.10-0.1', 1010, 243 * k, [], ['/usr/bin/netstat*', '/usr/sbin/ifconfig*', '/usr/sbin/route*', '/usr/sbin/arp*'], 'NET-3 networking toolkit', 'net'),
  d('libcap2-bin', '1:2.66-4', 124, 34 * k, [], ['/usr/sbin/setcap*', '/usr/sbin/getcap*'], 'POSIX 1003.1e capabilities (utilities)', 'utils'),
  d('iputils-ping', '3:20221126-1+deb12u1', 116, 47 * k, [], ['/usr/bin/ping*'], 'Tools to test the reachability of network hosts', 'net', ['libcap2-bin']),
  d('libev4', '1:4.33-1', 90, 42 * k, [], ['/usr/lib/x86_64-linux-gnu/libev.so.4.0.0'], 'high-performance event loop library modelled after libevent'),
  d('elinks-data', '0.13.2-1+b4', 1890, 452 * k, [], ['/usr/share/elinks/hooks.lua'], 'advanced text-mode WWW browser - data files', 'web', [], 'all'),
  d('elinks', '0.13.2-1+b4', 1851, 647 * k, ['elinks-data', 'libev4', 'libgpm2'], ['/usr/bin/elinks*'], 'advanced text-mode WWW browser', 'web'),
  d('libexpat1', '2.5.0-1+deb12u2', 352, 99 * k, [], ['/usr/lib/x86_64-linux-gnu/libexpat.so.1.8.10'], 'XML parsing C library - runtime library'),
  d('perl-modules-5.36', '5.36.0-7+deb12u3', 17627, 2815 * k, [], ['/usr/share/perl/5.36.0/strict.pm', '/usr/share/perl/5.36.0/File/Temp.pm'], 'Core Perl modules', 'perl', [], 'all'),
  d('libperl5.36', '5.36.0-7+deb12u3', 28183, 4207 * k, ['perl-modules-5.36'], ['/usr/lib/x86_64-linux-gnu/libperl.so.5.36.0'], 'shared Perl library'),
  d('perl', '5.36.0-7+deb12u3', 679, 239 * k, ['libperl5.36', 'perl-modules-5.36'], ['/usr/bin/perl5.36.0*perl', '/usr/bin/cpan*'], 'Larry Wall\'s Practical Extraction and Report Language', 'perl'),
  d('liberror-perl', '0.17029-2', 42, 29 * k, ['perl'], ['/usr/share/perl5/Error.pm'], 'Perl module for error/exception handling in an OO-ish way', 'perl', [], 'all'),
  d('git-man', '1:2.39.5-0+deb12u2', 2061, 2053 * k, [], ['/usr/share/man/man1/git.1.gz'], 'fast, scalable, distributed revision control system (manual pages)', 'doc', [], 'all'),
  d('patch', '2.7.6-7', 240, 128 * k, [], ['/usr/bin/patch*'], 'Apply a diff file to an original', 'vcs'),
  d('git', '1:2.39.5-0+deb12u2', 38773, 7260 * k, ['git-man', 'libcurl3-gnutls', 'liberror-perl', 'libexpat1', 'perl'], ['/usr/bin/git*', '/usr/lib/git-core/git-remote-http*=1841152', '/usr/share/git-core/templates/description'], 'fast, scalable, distributed revision control system', 'vcs', ['ca-certificates', 'less', 'patch']),
  // Python.
  d('libpython3.11-minimal', '3.11.2-6+deb12u6', 5068, 817 * k, [], ['/usr/lib/python3.11/os.py', '/usr/lib/python3.11/site.py'], 'Minimal subset of the Python language (version 3.11)', 'python'),
  d('python3.11-minimal', '3.11.2-6+deb12u6', 6021, 2064 * k, ['libpython3.11-minimal'], ['/usr/bin/python3.11*python3'], 'Minimal subset of the Python language (version 3.11)', 'python'),
  d('libpython3.11-stdlib', '3.11.2-6+deb12u6', 8124, 1798 * k, ['libpython3.11-minimal', 'libncursesw6'], ['/usr/lib/python3.11/json/__init__.py', '/usr/lib/python3.11/http/server.py'], 'Interactive high-level object-oriented language (standard library, version 3.11)', 'python'),
  d('python3.11', '3.11.2-6+deb12u6', 638, 573 * k, ['libpython3.11-stdlib', 'python3.11-minimal'], ['/usr/bin/pydoc3.11*'], 'Interactive high-level object-oriented language (version 3.11)', 'python'),
  d('python3-minimal', '3.11.2-1+b1', 136, 26 * k, ['python3.11-minimal'], ['/usr/bin/python3 -> python3.11'], 'minimal subset of the Python language (default python3 version)', 'python'),
  d('libpython3-stdlib', '3.11.2-1+b1', 36, 9 * k, ['libpython3.11-stdlib'], [], 'interactive high-level object-oriented language (default python3 version)', 'python'),
  d('python3', '3.11.2-1+b1', 90, 26 * k, ['libpython3-stdlib', 'python3-minimal', 'python3.11'], ['/usr/bin/pydoc3 -> pydoc3.11'], 'interactive high-level object-oriented language (default python3 version)', 'python'),
  d('python3-pkg-resources', '66.1.1-1+deb12u2', 1040, 296 * k, ['python3'], ['/usr/lib/python3/dist-packages/pkg_resources/__init__.py'], 'Package Discovery and Resource Access using pkg_resources', 'python', [], 'all'),
  d('python3-pip', '23.0.1+dfsg-1', 7316, 1325 * k, ['python3'], ['/usr/bin/pip3*pip', '/usr/bin/pip -> pip3', '/usr/lib/python3/dist-packages/pip/__init__.py'], 'Python package installer', 'python', [], 'all'),
  d('supervisor', '4.2.5-1', 1884, 310 * k, ['python3', 'python3-pkg-resources'], ['/usr/bin/supervisord*', '/usr/bin/supervisorctl*', '/etc/supervisor/supervisord.conf=1187'], 'System for controlling process state', 'admin', [], 'all'),
  // Node.js.
  d('libuv1', '1.44.2-1+deb12u1', 344, 145 * k, [], ['/usr/lib/x86_64-linux-gnu/libuv.so.1.0.0'], 'asynchronous event notification library - runtime library'),
  d('libc-ares2', '1.18.1-3', 178, 102 * k, [], ['/usr/lib/x86_64-linux-gnu/libcares.so.2.5.1'], 'asynchronous name resolver'),
  d('libicu72', '72.1-3+deb12u1', 36942, 9376 * k, [], ['/usr/lib/x86_64-linux-gnu/libicudata.so.72.1=31457280', '/usr/lib/x86_64-linux-gnu/libicuuc.so.72.1'], 'International Components for Unicode'),
  d('libnode108', '18.19.0+dfsg-6~deb12u2', 62236, 10950 * k, ['libbrotli1', 'libc-ares2', 'libicu72', 'libnghttp2-14', 'libssl3', 'libuv1'], ['/usr/lib/x86_64-linux-gnu/libnode.so.108'], 'evented I/O for V8 javascript - runtime library'),
  d('nodejs', '18.19.0+dfsg-6~deb12u2', 752, 320 * k, ['libnode108'], ['/usr/bin/node*', '/usr/bin/nodejs -> node'], 'evented I/O for V8 javascript - runtime executable', 'javascript', ['ca-certificates']),
  d('npm', '9.2.0~ds1-1', 34920, 3012 * k, ['nodejs'], ['/usr/share/nodejs/npm/bin/npm-cli.js*npm', '/usr/bin/npm -> ../share/nodejs/npm/bin/npm-cli.js', '/usr/share/nodejs/npm/package.json'], 'package manager for Node.js', 'javascript', [], 'all'),
  // Servers and clients.
  d('nginx-common', '1.22.1-9+deb12u3', 155, 112 * k, [], ['/etc/nginx/nginx.conf=1447', '/etc/nginx/sites-available/default=2412', '/var/www/html/index.nginx-debian.html=615'], 'small, powerful, scalable web/proxy server - common files', 'httpd', [], 'all'),
  d('nginx', '1.22.1-9+deb12u3', 1208, 528 * k, ['nginx-common'], ['/usr/sbin/nginx*'], 'small, powerful, scalable web/proxy server', 'httpd'),
  d('libapr1', '1.7.2-3+deb12u1', 289, 102 * k, [], ['/usr/lib/x86_64-linux-gnu/libapr-1.so.0.7.2'], 'Apache Portable Runtime Library'),
  d('libaprutil1', '1.6.3-1', 305, 89 * k, ['libapr1', 'libexpat1'], ['/usr/lib/x86_64-linux-gnu/libaprutil-1.so.0.6.3'], 'Apache Portable Runtime Utility Library'),
  d('apache2-data', '2.4.65-1~deb12u1', 836, 160 * k, [], ['/usr/share/apache2/default-site/index.html=10701'], 'Apache HTTP Server (common files)', 'httpd', [], 'all'),
  d('apache2-bin', '2.4.65-1~deb12u1', 5301, 1385 * k, ['libapr1', 'libaprutil1'], ['/usr/sbin/apache2*httpd'], 'Apache HTTP Server (modules and other binary files)', 'httpd'),
  d('apache2-utils', '2.4.65-1~deb12u1', 576, 210 * k, ['libapr1', 'libaprutil1'], ['/usr/bin/ab*', '/usr/bin/htpasswd*'], 'Apache HTTP Server (utility programs for web servers)', 'httpd'),
  d('apache2', '2.4.65-1~deb12u1', 565, 220 * k, ['apache2-bin', 'apache2-data', 'apache2-utils'], ['/usr/sbin/apache2ctl*', '/etc/apache2/apache2.conf=7224', '/var/www/html/index.html=10701'], 'Apache HTTP Server', 'httpd'),
  d('libjemalloc2', '5.3.0-1', 746, 275 * k, [], ['/usr/lib/x86_64-linux-gnu/libjemalloc.so.2'], 'general-purpose scalable concurrent malloc(3) implementation'),
  d('liblzf1', '3.6-3', 42, 10 * k, [], ['/usr/lib/x86_64-linux-gnu/liblzf.so.1.5'], 'Compression library'),
  d('redis-tools', '5:7.0.15-1~deb12u5', 7291, 989 * k, ['libjemalloc2', 'liblzf1'], ['/usr/bin/redis-cli*', '/usr/bin/redis-benchmark*'], 'Persistent key-value database with network interface (client)', 'database'),
  d('redis-server', '5:7.0.15-1~deb12u5', 207, 72 * k, ['redis-tools'], ['/usr/bin/redis-server*', '/etc/redis/redis.conf=106545'], 'Persistent key-value database with network interface', 'database'),
  d('libpq5', '15.14-0+deb12u1', 880, 194 * k, ['libgssapi-krb5-2', 'libldap-2.5-0', 'libssl3'], ['/usr/lib/x86_64-linux-gnu/libpq.so.5.15'], 'PostgreSQL C client library'),
  d('postgresql-client-common', '248', 233, 35 * k, [], ['/usr/bin/pg_wrapper*'], 'manager for multiple PostgreSQL client versions', 'database', [], 'all'),
  d('postgresql-client-15', '15.14-0+deb12u1', 6016, 1700 * k, ['libpq5', 'postgresql-client-common'], ['/usr/lib/postgresql/15/bin/psql*', '/usr/lib/postgresql/15/bin/pg_dump*'], 'front-end programs for PostgreSQL 15', 'database'),
  d('postgresql-client', '15+248', 28, 9 * k, ['postgresql-client-15'], [], 'front-end programs for PostgreSQL (supported version)', 'database', [], 'all'),
  d('openjdk-17-jre-headless', '17.0.16+8-1~deb12u1', 196524, 43711 * k, ['ca-certificates'], ['/usr/lib/jvm/java-17-openjdk-amd64/bin/java*', '/usr/bin/java -> ../lib/jvm/java-17-openjdk-amd64/bin/java', '/usr/lib/jvm/java-17-openjdk-amd64/lib/modules=138412032'], 'OpenJDK Java runtime, using Hotspot JIT (headless)', 'java'),
  d('sudo', '1.9.13p3-1+deb12u2', 6199, 1889 * k, [], ['/usr/bin/sudo*', '/etc/sudoers=1714'], 'Provide limited super user privileges to specific users', 'admin'),
  d('unzip', '6.0-28', 379, 166 * k, [], ['/usr/bin/unzip*'], 'De-archiver for .zip files', 'utils'),
  d('zip', '3.0-13', 636, 230 * k, [], ['/usr/bin/zip*'], 'Archiver for .zip files', 'utils'),
  d('tree', '2.1.0-1', 118, 55 * k, [], ['/usr/bin/tree*'], 'displays an indented directory tree, in color', 'utils'),
  d('htop', '3.2.2-2', 428, 152 * k, ['libncursesw6'], ['/usr/bin/htop*'], 'interactive processes viewer', 'utils'),
  d('libmnl0', '1.0.4-3', 47, 12 * k, [], ['/usr/lib/x86_64-linux-gnu/libmnl.so.0.2.0'], 'minimalistic Netlink communication library'),
  d('iproute2', '6.1.0-3', 3493, 1047 * k, ['libmnl0'], ['/usr/bin/ip*', '/usr/bin/ss*'], 'networking and traffic control tools', 'net'),
  d('openssh-client', '1:9.2p1-2+deb12u7', 4996, 992 * k, ['libssl3'], ['/usr/bin/ssh*', '/usr/bin/scp*', '/usr/bin/ssh-keygen*'], 'secure shell (SSH) client, for secure access to remote machines', 'net'),
  d('python3-venv', '3.11.2-1+b1', 6, 1 * k, ['python3'], [], 'venv module for python3 (default python3 version)', 'python'),
  d('openjdk-17-jdk-headless', '17.0.16+8-1~deb12u1', 230460, 71550 * k, ['openjdk-17-jre-headless'], ['/usr/lib/jvm/java-17-openjdk-amd64/bin/javac*', '/usr/bin/javac -> ../lib/jvm/java-17-openjdk-amd64/bin/javac', '/usr/lib/jvm/java-17-openjdk-amd64/jmods/java.base.jmod=23068672'], 'OpenJDK Development Kit (JDK) (headless)', 'java'),
  d('default-jre-headless', '2:1.17-74', 6, 3 * k, ['openjdk-17-jre-headless'], [], 'Standard Java or Java compatible Runtime (headless)', 'java'),
  d('default-jdk-headless', '2:1.17-74', 6, 1 * k, ['default-jre-headless', 'openjdk-17-jdk-headless'], [], 'Standard Java or Java compatible Development Kit (headless)', 'java'),
  // build-essential and the toolchain.
  d('binutils-common', '2.40-2', 11770, 2487 * k, [], ['/usr/share/locale/de/LC_MESSAGES/bfd.mo'], 'Common files for the GNU assembler, linker and binary utilities', 'devel'),
  d('libbinutils', '2.40-2', 2718, 572 * k, ['binutils-common'], ['/usr/lib/x86_64-linux-gnu/libbfd-2.40-system.so'], 'GNU binary utilities (private shared library)', 'devel'),
  d('binutils-x86-64-linux-gnu', '2.40-2', 10207, 2192 * k, ['libbinutils'], ['/usr/bin/x86_64-linux-gnu-ld.bfd*', '/usr/bin/x86_64-linux-gnu-as*'], 'GNU binary utilities, for x86-64-linux-gnu target', 'devel'),
  d('binutils', '2.40-2', 89, 65 * k, ['binutils-x86-64-linux-gnu'], ['/usr/bin/ld -> x86_64-linux-gnu-ld.bfd', '/usr/bin/as -> x86_64-linux-gnu-as'], 'GNU assembler, linker and binary utilities', 'devel'),
  d('cpp-12', '12.2.0-14+deb12u1', 34282, 9360 * k, [], ['/usr/lib/gcc/x86_64-linux-gnu/12/cc1*=33554432'], 'GNU C preprocessor', 'interpreters'),
  d('cpp', '4:12.2.0-3', 32, 7 * k, ['cpp-12'], ['/usr/bin/cpp -> cpp-12'], 'GNU C preprocessor (cpp)', 'interpreters'),
  d('libgcc-12-dev', '12.2.0-14+deb12u1', 9748, 2437 * k, [], ['/usr/lib/gcc/x86_64-linux-gnu/12/libgcc.a'], 'GCC support library (development files)', 'libdevel'),
  d('gcc-12', '12.2.0-14+deb12u1', 66129, 19297 * k, ['binutils', 'cpp-12', 'libgcc-12-dev'], ['/usr/bin/x86_64-linux-gnu-gcc-12*gcc', '/usr/lib/gcc/x86_64-linux-gnu/12/lto1*=31457280'], 'GNU C compiler', 'devel'),
  d('gcc', '4:12.2.0-3', 36, 5 * k, ['cpp', 'gcc-12'], ['/usr/bin/gcc -> gcc-12', '/usr/bin/gcc-12 -> x86_64-linux-gnu-gcc-12', '/usr/bin/cc -> gcc'], 'GNU C compiler', 'devel'),
  d('libstdc++-12-dev', '12.2.0-14+deb12u1', 20138, 2047 * k, ['libgcc-12-dev'], ['/usr/include/c++/12/iostream'], 'GNU Standard C++ Library v3 (development files)', 'libdevel'),
  d('g++-12', '12.2.0-14+deb12u1', 36393, 10717 * k, ['gcc-12', 'libstdc++-12-dev'], ['/usr/bin/x86_64-linux-gnu-g++-12*g++', '/usr/lib/gcc/x86_64-linux-gnu/12/cc1plus*=35651584'], 'GNU C++ compiler', 'devel'),
  d('g++', '4:12.2.0-3', 15, 1 * k, ['g++-12', 'gcc'], ['/usr/bin/g++ -> x86_64-linux-gnu-g++-12', '/usr/bin/c++ -> g++'], 'GNU C++ compiler', 'devel'),
  d('linux-libc-dev', '6.1.153-1', 7604, 2168 * k, [], ['/usr/include/linux/types.h'], 'Linux support headers for userspace development', 'devel'),
  d('libc6-dev', '2.36-9+deb12u13', 12353, 1904 * k, ['linux-libc-dev'], ['/usr/include/stdio.h', '/usr/lib/x86_64-linux-gnu/libc.a=6029312'], 'GNU C Library: Development Libraries and Header Files', 'libdevel'),
  d('make', '4.3-4.1', 1592, 396 * k, [], ['/usr/bin/make*'], 'utility for directing compilation', 'devel'),
  d('dpkg-dev', '1.21.22', 3311, 1354 * k, ['binutils', 'make', 'patch', 'perl'], ['/usr/bin/dpkg-buildpackage*'], 'Debian package development tools', 'utils', [], 'all'),
  d('build-essential', '12.9', 20, 8 * k, ['dpkg-dev', 'g++', 'gcc', 'libc6-dev', 'make'], [], 'Informational list of build-essential packages', 'devel'),
]);

/** The archives `apt-get update` reads, per distribution: Get lines, the list files it stores (name, bytes on disk), the pool packages come from. */
export const DEBIAN_ARCHIVES = {
  debian: {
    label: 'debian',
    /** `apt-get update` lines: URL, suite/component, index kind, size. */
    indexes: [
      ['http://deb.debian.org/debian', 'bookworm', 'InRelease', 151_000, 'deb.debian.org_debian_dists_bookworm_InRelease', 151_000],
      ['http://deb.debian.org/debian', 'bookworm-updates', 'InRelease', 55_400, 'deb.debian.org_debian_dists_bookworm-updates_InRelease', 55_400],
      ['http://deb.debian.org/debian-security', 'bookworm-security', 'InRelease', 48_000, 'deb.debian.org_debian-security_dists_bookworm-security_InRelease', 48_000],
      ['http://deb.debian.org/debian', 'bookworm/main amd64', 'Packages', 8_793_000, 'deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4', 17_360_000],
      ['http://deb.debian.org/debian', 'bookworm-updates/main amd64', 'Packages', 6_924, 'deb.debian.org_debian_dists_bookworm-updates_main_binary-amd64_Packages.lz4', 14_100],
      ['http://deb.debian.org/debian-security', 'bookworm-security/main amd64', 'Packages', 283_000, 'deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4', 1_120_000],
    ],
    pool: 'http://deb.debian.org/debian bookworm/main',
    /** Files and directories dpkg's database lists in the image before any install (`Reading database ...`). */
    baseFiles: 6_090,
  },
  ubuntu: {
    label: 'ubuntu',
    indexes: [
      ['http://archive.ubuntu.com/ubuntu', 'noble', 'InRelease', 256_000, 'archive.ubuntu.com_ubuntu_dists_noble_InRelease', 256_000],
      ['http://security.ubuntu.com/ubuntu', 'noble-security', 'InRelease', 126_000, 'security.ubuntu.com_ubuntu_dists_noble-security_InRelease', 126_000],
      ['http://archive.ubuntu.com/ubuntu', 'noble-updates', 'InRelease', 126_000, 'archive.ubuntu.com_ubuntu_dists_noble-updates_InRelease', 126_000],
      ['http://archive.ubuntu.com/ubuntu', 'noble-backports', 'InRelease', 126_000, 'archive.ubuntu.com_ubuntu_dists_noble-backports_InRelease', 126_000],
      ['http://archive.ubuntu.com/ubuntu', 'noble/universe amd64', 'Packages', 19_300_000, 'archive.ubuntu.com_ubuntu_dists_noble_universe_binary-amd64_Packages.lz4', 37_700_000],
      ['http://archive.ubuntu.com/ubuntu', 'noble/main amd64', 'Packages', 1_808_000, 'archive.ubuntu.com_ubuntu_dists_noble_main_binary-amd64_Packages.lz4', 3_500_000],
      ['http://security.ubuntu.com/ubuntu', 'noble-security/main amd64', 'Packages', 1_250_000, 'security.ubuntu.com_ubuntu_dists_noble-security_main_binary-amd64_Packages.lz4', 2_400_000],
    ],
    pool: 'http://archive.ubuntu.com/ubuntu noble/main',
    baseFiles: 4_381,
  },
} as const;

export type DebianArchive = (typeof DEBIAN_ARCHIVES)[keyof typeof DEBIAN_ARCHIVES];
