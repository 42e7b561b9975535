import { defineApplet } from './registry.ts';
import { netStackOf } from '../net/net.ts';

/** hostname [-s|-i]: the container's UTS name (the kernel's hostname); -i its addresses (from /etc/hosts, then DNS). */
export const hostname = defineApplet('hostname', async (io, argv) => {
  const h = io.proc.kernel.hostname;
  if (argv[1] === '-i') {
    const ip = netStackOf(io.proc.kernel)?.resolve(h) ?? null;
    if (ip === null) {
      await io.err(`${h}: Unknown host`);
      return 1;
    }
    await io.out(`${ip}\n`);
    return 0;
  }
  await io.out(`${argv[1] === '-s' ? h.split('.')[0] : h}\n`);
  return 0;
});

/**
 * uname [-asnrvm]: containers share the host kernel, so these describe the
 * simulated host (src/engine/host.ts: Ubuntu 24.04's 6.8.0-48-generic). Simplification:
 * a fixed identity, kept equal to HOST by hand (userspace cannot import the engine root).
 */
export const UNAME = { s: 'Linux', r: '6.8.0-48-generic', v: '#48-Ubuntu SMP PREEMPT_DYNAMIC Fri Sep 27 14:04:52 UTC 2024', m: 'x86_64', o: 'GNU/Linux' };

export const uname = defineApplet('uname', async (io, argv) => {
  const flags = new Set(argv.slice(1).join('').replace(/-/g, ''));
  const host = io.proc.kernel.hostname;
  if (flags.size === 0) flags.add('s');
  const all = flags.has('a');
  const parts: string[] = [];
  if (all || flags.has('s')) parts.push(UNAME.s);
  if (all || flags.has('n')) parts.push(host);
  if (all || flags.has('r')) parts.push(UNAME.r);
  if (all || flags.has('v')) parts.push(UNAME.v);
  if (all || flags.has('m')) parts.push(UNAME.m);
  if (all || flags.has('o')) parts.push(UNAME.o);
  await io.out(`${parts.join(' ')}\n`);
  return 0;
});
