/**
 * ping: BusyBox's ICMP echo over the simulated network. One echo a second
 * (`-c N` of them, forever without), replies with deterministic times; an
 * address the container cannot reach gets no reply (100% packet loss,
 * status 1).
 */
import { defineApplet } from '../registry.ts';
import { optValue, parseOptions } from '../lib/options.ts';
import { netOf, resolveOrReport } from './common.ts';

export const ping = defineApplet('ping', async (io, argv) => {
  const o = parseOptions(argv.slice(1), '46qc:s:w:W:i:');
  const host = o.args[0];
  if (host === undefined) {
    await io.usage();
    return 1;
  }
  const count = optValue(o, 'c') !== undefined ? Number(optValue(o, 'c')) : Infinity;
  const size = Number(optValue(o, 's') ?? '56');
  const ip = await resolveOrReport(io, host);
  if (ip === null) return 1;
  const quiet = o.flags.has('q');
  await io.out(`PING ${host} (${ip}): ${size} data bytes\n`);
  await io.flush();
  const times: number[] = [];
  let sent = 0;
  for (let seq = 0; seq < count; seq++) {
    if (seq > 0) await io.proc.wait(io.proc.kernel.scheduler.sleep(1000));
    sent++;
    const rtt = netOf(io).ping(ip);
    if (rtt === null) continue;
    const t = rtt + ((seq * 37) % 50) / 1000;
    times.push(t);
    if (!quiet) {
      await io.out(`${size + 8} bytes from ${ip}: seq=${seq} ttl=64 time=${t.toFixed(3)} ms\n`);
      await io.flush();
    }
  }
  const got = times.length;
  await io.out(`\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${got} packets received, ${Math.round(((sent - got) / sent) * 100)}% packet loss\n`);
  if (got > 0) {
    const min = Math.min(...times);
    const max = Math.max(...times);
    const avg = times.reduce((a, b) => a + b, 0) / got;
    await io.out(`round-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`);
  }
  return got > 0 ? 0 : 1;
});
