/**
 * The applet table: importing this module registers every applet (one per
 * file) with the registry, which the kernel consults to run /bin/busybox.
 */
import './sh.ts';
import './echo.ts';
import './printf.ts';
import './test.ts';
import './true.ts';
import './kill.ts';
import './cat.ts';
import './seq.ts';
import './yes.ts';
import './head.ts';
import './wc.ts';

export { appletNames, lookupApplet } from './registry.ts';
