import { isTerminal } from './lib/tty.ts';
import { parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';

/** tty [-s]: the terminal on stdin, or "not a tty" (status 1). */
export const tty = defineApplet('tty', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 's');
  const f = io.proc.fds.get(0);
  const term = isTerminal(f);
  if (!o.flags.has('s')) await io.out(term ? `${f!.path}\n` : 'not a tty\n');
  return term ? 0 : 1;
});

/**
 * stty [-a] [size] [SETTING…]: a terminal's settings. Simplification: the
 * terminal is always 24x80 at 38400 baud and settings are accepted and ignored
 * (the terminal in the tab does its own line editing).
 */
export const stty = defineApplet('stty', async (io, argv) => {
  const args = argv.slice(1).filter((a) => a !== '-F' && !a.startsWith('-F'));
  if (!isTerminal(io.proc.fds.get(0))) {
    await io.err('standard input: Inappropriate ioctl for device');
    return 1;
  }
  if (args[0] === 'size') await io.out('24 80\n');
  else if (args[0] === '-a' || args[0] === '-g') {
    await io.out(
      'speed 38400 baud; rows 24; columns 80; line = 0;\n' +
        'intr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; eol = <undef>; eol2 = <undef>; swtch = <undef>; start = ^Q;\nstop = ^S; susp = ^Z; rprnt = ^R; werase = ^W; lnext = ^V; flush = ^O; min = 1; time = 0;\n' +
        '-parenb -parodd -cmspar cs8 -hupcl -cstopb cread -clocal -crtscts\n-ignbrk -brkint -ignpar -parmrk -inpck -istrip -inlcr -igncr icrnl ixon -ixoff -iuclc -ixany -imaxbel -iutf8\n' +
        'opost -olcuc -ocrnl onlcr -onocr -onlret -ofill -ofdel nl0 cr0 tab0 bs0 vt0 ff0\nisig icanon iexten echo echoe echok -echonl -noflsh -xcase -tostop -echoprt echoctl echoke\n',
    );
  } else if (args.length === 0) await io.out('speed 38400 baud; line = 0;\n-brkint -imaxbel\n');
  return 0;
});
