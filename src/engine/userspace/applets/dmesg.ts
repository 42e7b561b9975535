import { defineApplet } from './registry.ts';

/** A few lines of the simulated host's boot log (src/engine/host.ts's kernel). */
const RING =
  '[    0.000000] Linux version 6.8.0-48-generic (buildd@lcy02-amd64-010) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0, GNU ld (GNU Binutils for Ubuntu) 2.42) #48-Ubuntu SMP PREEMPT_DYNAMIC Fri Sep 27 14:04:52 UTC 2024 (Ubuntu 6.8.0-48.48-generic 6.8.12)\n' +
  '[    0.000000] Command line: BOOT_IMAGE=/vmlinuz-6.8.0-48-generic root=/dev/sda1 ro\n' +
  '[    0.000000] x86/fpu: Supporting XSAVE feature 0x001: \'x87 floating point registers\'\n' +
  '[    0.004000] Memory: 3956280K/4194304K available\n' +
  '[    1.201337] EXT4-fs (sda1): mounted filesystem with ordered data mode. Quota mode: none.\n' +
  '[    3.402881] overlayfs: fs on \'/var/lib/docker/overlay2\' does not support file handles, falling back to xino=off.\n' +
  '[    4.118000] docker0: port 1(veth0) entered forwarding state\n';

/**
 * dmesg: the kernel ring buffer. As on Docker's default Ubuntu host
 * (kernel.dmesg_restrict=1, no CAP_SYSLOG), an unprivileged container may not
 * read it; a privileged one sees a short fixed ring.
 */
export const dmesg = defineApplet('dmesg', async (io) => {
  if (!io.proc.kernel.opts.privileged) {
    await io.err('klogctl: Operation not permitted');
    return 1;
  }
  await io.out(RING);
  return 0;
});
