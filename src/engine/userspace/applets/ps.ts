import { userName } from './lib/users.ts';
import { defineApplet } from './registry.ts';

/** ps [-o …ignored]: the container's process table, BusyBox's default columns. */
export const ps = defineApplet('ps', async (io) => {
  const vfs = io.proc.vfs;
  let out = 'PID   USER     TIME  COMMAND\n';
  for (const p of io.proc.kernel.list()) {
    const user = (userName(vfs, p.cred.uid) ?? String(p.cred.uid)).slice(0, 8);
    out += `${String(p.pid).padStart(5)} ${user.padEnd(8)} ${'0:00'.padStart(5)} ${p.argv.join(' ')}\n`;
  }
  await io.out(out);
  return 0;
});
