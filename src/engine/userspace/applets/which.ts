import { findInPath } from './exec-helper.ts';
import { defineApplet } from './registry.ts';

/** which [-a] NAME…: executables in $PATH; status 1 if any is missing. */
export const which = defineApplet('which', async (io, argv) => {
  let status = 0;
  const path = io.proc.getenv('PATH');
  for (const n of argv.slice(1).filter((a) => a !== '-a')) {
    const p = findInPath(io.proc, n, path);
    if (p === null) status = 1;
    else await io.out(`${n.includes('/') ? n : p}\n`);
  }
  return status;
});
