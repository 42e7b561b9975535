/**
 * Shell throughput and start-up cost, each against the host's BusyBox in the
 * same run: our figure, the host's, and ours/host as a ratio (lower is
 * better; 1 means as fast as native BusyBox).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { bootUserspace, sh } from '../test/helpers/userspace.ts';
import type { BenchResult } from './types.ts';
import { median, timeRuns } from './types.ts';

const CASES: { name: string; script: string; runs: number; perCommand?: number }[] = [
  { name: 'seq 1 100000 | wc -l', script: 'seq 1 100000 | wc -l', runs: 7 },
  { name: 'yes | head -n 100000 | sort | uniq -c', script: 'yes | head -n 100000 | sort | uniq -c', runs: 5 },
  {
    name: 'command start (200 × /bin/true)',
    script: 'i=0; while [ $i -lt 200 ]; do /bin/true; i=$((i+1)); done',
    runs: 5,
    perCommand: 200,
  },
];

function host(script: string): void {
  const r = spawnSync('/bin/busybox', ['-c', script], { argv0: 'sh', stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`host busybox failed on ${script}`);
}

export default async function (): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const haveHost = existsSync('/bin/busybox');
  for (const c of CASES) {
    const { kernel } = bootUserspace();
    const ours = median(await timeRuns(c.runs, async () => {
      const r = await sh(kernel, c.script);
      if (r.status !== 0) throw new Error(`${c.script}: ${r.stderr}`);
    }, 1));
    const div = c.perCommand ?? 1;
    const unit = c.perCommand ? 'ms/command' : 'ms';
    out.push({ name: `shell: ${c.name}`, value: round(ours / div), unit });
    if (!haveHost) continue;
    const native = median(await timeRuns(c.runs, () => host(c.script), 1));
    out.push({ name: `shell: ${c.name} (host busybox)`, value: round(native / div), unit });
    out.push({ name: `shell: ${c.name} ratio`, value: round(ours / native), unit: 'x', note: 'ours / host busybox sh -c, same run' });
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
