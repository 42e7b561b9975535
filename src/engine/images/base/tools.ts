/**
 * What base-image recipes need from outside the images module. The userspace
 * owns the format of executables (the BusyBox multi-call binary, single-applet
 * binaries): images may not import it, so the composition root hands these
 * in, and a busybox image holds exactly what the userspace will exec.
 */
import type { ContentStore } from '../../content/store.ts';
import type { Vfs } from '../../fs/vfs.ts';

export interface RootfsTools {
  /** Installs /bin/busybox and a link per applet (userspace/rootfs.ts installBusybox). */
  installBusybox(vfs: Vfs): void;
  /** File content of a stand-alone binary that runs one applet (userspace binfmt). */
  appletBinary(applet: string): Uint8Array;
}

export interface BaseImageContext {
  readonly tools: RootfsTools;
  /** Where layer tars and blobs go as they are made. */
  readonly content?: ContentStore;
}
