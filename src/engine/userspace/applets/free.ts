import { memInfo } from '../process/sysinfo.ts';
import { humanSize } from './lib/human.ts';
import { parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';

/** free [-bkmgh]: the simulated host's memory (containers share it), BusyBox 1.35's layout. */
export const free = defineApplet('free', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'bkmgh');
  const m = memInfo(io.proc.kernel);
  const used = m.total - m.free - m.buffers - m.cached;
  const show = (kib: number): string => {
    if (o.flags.has('h')) return kib === 0 ? '0' : humanSize(kib * 1024);
    if (o.flags.has('b')) return String(kib * 1024);
    if (o.flags.has('m')) return String(Math.floor(kib / 1024));
    if (o.flags.has('g')) return String(Math.floor(kib / 1024 / 1024));
    return String(kib);
  };
  const row = (label: string, values: number[]) => label + values.map((v, i) => show(v).padStart(i === 0 ? 19 - label.length : 12)).join('');
  await io.out(
    `${' '.repeat(14)}total        used        free      shared  buff/cache   available\n` +
      `${row('Mem:', [m.total, used, m.free, m.shared, m.buffers + m.cached, m.available])}\n` +
      `${row('Swap:', [0, 0, 0])}\n`,
  );
  return 0;
});
