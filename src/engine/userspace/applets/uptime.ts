import { uptimeSeconds } from '../process/sysinfo.ts';
import { defineApplet } from './registry.ts';

const two = (n: number): string => String(n).padStart(2, '0');

/** uptime: time of day (UTC), how long the simulated host has been up, no users, idle load. */
export const uptime = defineApplet('uptime', async (io) => {
  const k = io.proc.kernel;
  const now = new Date(k.scheduler.now());
  const up = Math.floor(uptimeSeconds(k));
  const days = Math.floor(up / 86400);
  const minutes = Math.floor(up / 60);
  const hours = Math.floor(minutes / 60) % 24;
  let s = ` ${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())} up `;
  if (days) s += `${days} day${days !== 1 ? 's' : ''}, `;
  s += hours ? `${String(hours).padStart(2)}:${two(minutes % 60)}` : `${minutes % 60} min`;
  await io.out(`${s},  0 users,  load average: 0.00, 0.00, 0.00\n`);
  return 0;
});
