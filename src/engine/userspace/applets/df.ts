import { humanSize } from './lib/human.ts';
import { parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';
import type { Kernel } from '../process/kernel.ts';

/** The simulated host's disk under /var/lib/docker (KiB): what an overlay root reports without a quota. */
const HOST_DISK = 61_202_244;
const HOST_USED = 10_485_760;
const NO_BLOCKS = new Set(['proc', 'sysfs', 'cgroup', 'cgroup2', 'devpts', 'mqueue', 'securityfs', 'debugfs']);

/** Blocks (KiB) and used KiB of one mount, as statfs would give them. */
function usage(k: Kernel, fstype: string, options: string): { blocks: number; used: number } {
  if (NO_BLOCKS.has(fstype)) return { blocks: 0, used: 0 };
  if (fstype === 'tmpfs' || fstype === 'devtmpfs') {
    const m = /(?:^|,)size=(\d+)k/.exec(options);
    return { blocks: m ? Number(m[1]) : 65_536, used: 0 };
  }
  const disk = k.opts.disk?.();
  if (disk) return { blocks: Math.ceil(disk.sizeBytes / 1024), used: Math.ceil(disk.usedBytes / 1024) };
  // The container's writable layer counts against the host disk.
  const v = k.vfs as { upper?: { usedBytes?: number }; usedBytes?: number };
  const upper = v.upper?.usedBytes ?? v.usedBytes ?? 0;
  return { blocks: HOST_DISK, used: HOST_USED + Math.ceil(upper / 1024) };
}

/**
 * df [-akmh] [FILE]…: the mounts in /proc/mounts with BusyBox's columns;
 * the overlay root reports the runtime's quota when there is one, else the
 * simulated host's disk plus the container's writable layer.
 */
export const df = defineApplet('df', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'akmhPT');
  const k = io.proc.kernel;
  const mounts = (await io.readText('/proc/mounts')).split('\n').filter(Boolean).map((l) => {
    const [dev = '', dir = '/', type = '', opts = ''] = l.split(' ');
    return { dev, dir, type, opts };
  });
  let rows = mounts;
  let status = 0;
  if (o.args.length) {
    rows = [];
    for (const f of o.args) {
      try {
        io.proc.vfs.stat(io.path(f), io.proc.cred);
      } catch {
        await io.err(`${f}: can't find mount point`);
        status = 1;
        continue;
      }
      const p = io.path(f);
      const m = [...mounts].filter((x) => p === x.dir || p.startsWith(x.dir === '/' ? '/' : `${x.dir}/`)).sort((a, b) => b.dir.length - a.dir.length)[0];
      if (m) rows.push(m);
    }
  }
  const human = o.flags.has('h');
  const mib = o.flags.has('m');
  const show = (kib: number): string => (human ? (kib === 0 ? '0' : humanSize(kib * 1024)) : String(mib ? Math.floor(kib / 1024) : kib));
  let out = `Filesystem           ${human ? '     Size' : mib ? '1M-blocks' : '1K-blocks'}      Used Available Use% Mounted on\n`;
  for (const m of rows) {
    const { blocks, used } = usage(k, m.type, m.opts);
    if (blocks === 0 && !o.flags.has('a') && o.args.length === 0) continue;
    const avail = Math.max(0, blocks - used);
    const pct = used + avail ? Math.floor((used * 100 + (used + avail) / 2) / (used + avail)) : 0;
    out += m.dev.length > 20 ? `${m.dev}\n${' '.repeat(20)}` : m.dev.padEnd(20);
    out += ` ${show(blocks).padStart(9)} ${show(used).padStart(9)} ${show(avail).padStart(9)} ${String(pct).padStart(3)}% ${m.dir}\n`;
  }
  await io.out(out);
  return status;
});
