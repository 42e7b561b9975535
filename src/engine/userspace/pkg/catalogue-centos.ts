/**
 * CentOS Linux 8.4 (x86_64) BaseOS/AppStream packages: versions, requires,
 * installed and download sizes as the vault.centos.org 8.4.2105 repodata
 * lists them (recorded 2025-11, sizes rounded to the kB). Requirements the
 * centos image already satisfies (glibc, bash, openssl-libs, zlib, …) are
 * left out.
 */
import { catalogue } from './catalogue.ts';
import type { PkgDef } from './catalogue.ts';

export interface RpmDef extends PkgDef {
  readonly repo: 'baseos' | 'appstream';
  readonly arch: string;
}

function r(name: string, version: string, repo: RpmDef['repo'], kb: number, dl: number, deps: string[], files: string[], description: string, arch = 'x86_64'): RpmDef {
  return { name, version, repo, arch, size: kb * 1024, download: dl * 1024, deps, files, description };
}

export const CENTOS_CATALOGUE = catalogue([
  r('libpsl', '0.20.2-6.el8', 'baseos', 118, 61, ['publicsuffix-list-dafsa'], ['/usr/lib64/libpsl.so.5.3.1'], 'C library for the Publix Suffix List'),
  r('publicsuffix-list-dafsa', '20180723-1.el8', 'baseos', 65, 56, [], ['/usr/share/publicsuffix/public_suffix_list.dafsa'], 'Cross-vendor public domain suffix database in DAFSA form', 'noarch'),
  r('libmetalink', '0.1.3-7.el8', 'baseos', 69, 32, [], ['/usr/lib64/libmetalink.so.3.0.0'], 'Metalink library written in C'),
  r('wget', '1.19.5-10.el8', 'appstream', 2916, 734, ['libmetalink', 'libpsl'], ['/usr/bin/wget*', '/etc/wgetrc=4939'], 'A utility for retrieving files using the HTTP or FTP protocols'),
  r('curl', '7.61.1-18.el8', 'baseos', 679, 352, [], ['/usr/bin/curl*'], 'A utility for getting files from remote servers (FTP, HTTP, and others)'),
  r('less', '530-1.el8', 'baseos', 346, 164, [], ['/usr/bin/less*'], 'A text file browser similar to more, but better'),
  r('emacs-filesystem', '1:26.1-5.el8', 'baseos', 0, 69, [], [], 'Emacs filesystem layout', 'noarch'),
  r('perl-Git', '2.27.0-1.el8', 'appstream', 61, 78, [], ['/usr/share/perl5/vendor_perl/Git.pm'], 'Perl interface to Git', 'noarch'),
  r('perl-interpreter', '4:5.26.3-419.el8', 'baseos', 15290, 6463, [], ['/usr/bin/perl*'], 'Standalone executable Perl interpreter'),
  r('git-core', '2.27.0-1.el8', 'appstream', 25378, 5836, ['less'], ['/usr/bin/git*'], 'Core package of git with minimal functionality'),
  r('git-core-doc', '2.27.0-1.el8', 'appstream', 10716, 2550, [], ['/usr/share/doc/git/git.html'], 'Documentation files for git-core', 'noarch'),
  r('git', '2.27.0-1.el8', 'appstream', 460, 167, ['emacs-filesystem', 'git-core', 'git-core-doc', 'perl-Git', 'perl-interpreter'], ['/usr/share/doc/git/README.md'], 'Fast Version Control System'),
  r('gpm-libs', '1.20.7-17.el8', 'appstream', 47, 39, [], ['/usr/lib64/libgpm.so.2.1.0'], 'Dynamic library for gpm'),
  r('vim-filesystem', '2:8.0.1763-15.el8', 'baseos', 0, 48, [], [], 'VIM filesystem layout', 'noarch'),
  r('vim-common', '2:8.0.1763-15.el8', 'appstream', 27556, 6308, ['vim-filesystem'], ['/usr/share/vim/vim80/defaults.vim', '/usr/bin/xxd*'], 'The common files needed by any version of the VIM editor'),
  r('vim-enhanced', '2:8.0.1763-15.el8', 'appstream', 2890, 1382, ['gpm-libs', 'vim-common'], ['/usr/bin/vim*'], 'A version of the VIM editor which includes recent enhancements'),
  r('nano', '2.9.8-1.el8', 'baseos', 2490, 581, [], ['/usr/bin/nano*'], 'A small text editor'),
  r('nginx-filesystem', '1:1.14.1-9.module_el8.0.0+184+e34fea82', 'appstream', 0, 24, [], [], 'The basic directory layout for the Nginx server', 'noarch'),
  r('nginx', '1:1.14.1-9.module_el8.0.0+184+e34fea82', 'appstream', 1715, 570, ['nginx-filesystem'], ['/usr/sbin/nginx*', '/etc/nginx/nginx.conf=2469', '/usr/share/nginx/html/index.html=3429'], 'A high performance web server and reverse proxy server'),
  r('httpd', '2.4.37-39.module_el8.4.0+778+c970deab', 'appstream', 4512, 1400, [], ['/usr/sbin/httpd*', '/etc/httpd/conf/httpd.conf=11899'], 'Apache HTTP Server'),
  r('python3-pip', '9.0.3-19.el8', 'appstream', 8, 20, ['python36'], ['/usr/bin/pip3*pip'], 'A tool for installing and managing Python3 packages', 'noarch'),
  r('python36', '3.6.8-2.module_el8.4.0+790+083e3d81', 'appstream', 13, 19, [], ['/usr/bin/python3.6*python3', '/usr/bin/python3 -> python3.6'], 'Interactive interpreter for the Python programming language'),
  r('nodejs', '1:10.24.0-1.module_el8.3.0+717+fa496f1d', 'appstream', 42306, 8931, [], ['/usr/bin/node*'], 'JavaScript runtime'),
  r('npm', '1:6.14.11-1.10.24.0.1.module_el8.3.0+717+fa496f1d', 'appstream', 12174, 3807, ['nodejs'], ['/usr/bin/npm*'], 'Node.js Package Manager'),
  r('jq', '1.5-12.el8', 'appstream', 720, 161, ['oniguruma'], ['/usr/bin/jq*'], 'Command-line JSON processor'),
  r('oniguruma', '6.8.2-2.el8', 'appstream', 627, 188, [], ['/usr/lib64/libonig.so.5.0.0'], 'Regular expressions library'),
  r('net-tools', '2.0-0.52.20160912git.el8', 'baseos', 939, 322, [], ['/usr/bin/netstat*', '/usr/sbin/ifconfig*'], 'Basic networking tools'),
  r('iputils', '20180629-7.el8', 'baseos', 383, 148, [], ['/usr/bin/ping*'], 'Network monitoring tools including ping'),
  r('tzdata', '2021a-1.el8', 'baseos', 2192, 483, [], ['/usr/share/zoneinfo/UTC', '/usr/share/zoneinfo/Asia/Shanghai'], 'Timezone data', 'noarch'),
  r('make', '1:4.2.1-10.el8', 'baseos', 1420, 498, [], ['/usr/bin/make*'], 'A GNU tool which simplifies the build process for users'),
  r('cpp', '8.4.1-1.el8', 'appstream', 27340, 10553, [], ['/usr/bin/cpp*'], 'The C Preprocessor'),
  r('glibc-headers', '2.28-151.el8', 'baseos', 2144, 484, [], ['/usr/include/stdio.h'], 'Header files for development using standard C libraries'),
  r('glibc-devel', '2.28-151.el8', 'baseos', 281, 1035, ['glibc-headers'], ['/usr/lib64/libc.so'], 'Object files for development using standard C libraries'),
  r('gcc', '8.4.1-1.el8', 'appstream', 62592, 23627, ['cpp', 'glibc-devel'], ['/usr/bin/gcc*', '/usr/bin/cc -> gcc'], 'Various compilers (C, C++, Objective-C, ...)'),
]);

/** The repositories dnf reads metadata from (name as dnf prints it, metadata size). */
export const CENTOS_REPOS = [
  ['CentOS Linux 8 - AppStream', 8_800_000],
  ['CentOS Linux 8 - BaseOS', 4_600_000],
  ['CentOS Linux 8 - Extras', 10_000],
] as const;
