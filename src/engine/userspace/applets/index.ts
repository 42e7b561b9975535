/**
 * The applet table: importing this module registers every applet (one per
 * file) with the registry, which the kernel consults to run /bin/busybox.
 */
import './sh.ts';
import './basename.ts';
import './cat.ts';
import './chmod.ts';
import './chown.ts';
import './cmp.ts';
import './cp.ts';
import './cut.ts';
import './echo.ts';
import './env.ts';
import './expr.ts';
import './grep.ts';
import './head.ts';
import './hello.ts';
import './hostname.ts';
import './id.ts';
import './kill.ts';
import './ln.ts';
import './ls.ts';
import './mkdir.ts';
import './mv.ts';
import './printf.ts';
import './pwd.ts';
import './readlink.ts';
import './rm.ts';
import './rmdir.ts';
import './sed.ts';
import './seq.ts';
import './sleep.ts';
import './sort.ts';
import './tail.ts';
import './tee.ts';
import './test.ts';
import './touch.ts';
import './tr.ts';
import './true.ts';
import './uniq.ts';
import './wc.ts';
import './which.ts';
import './xargs.ts';
import './yes.ts';
import './od.ts';
import './mount.ts';
import './du.ts';
import './nproc.ts';
import './diff.ts';
import './sha256sum.ts';
import './awk.ts';
import './groups.ts';
import './ps.ts';
import './base64.ts';
import './realpath.ts';
import './date.ts';
import './stat.ts';
import './find.ts';
// Package managers and the programs packages install (stand-alone binaries, not BusyBox applets).
import '../pkg/index.ts';
import './gzip.ts';
import './bzip2.ts';
import './tar.ts';
import './net/index.ts';

export { appletNames, lookupApplet } from './registry.ts';
