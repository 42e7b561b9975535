/**
 * The banner BusyBox prints above usage text. The goldens are recorded with
 * Debian's busybox-static, so its banner is what we print.
 * Simplification: one banner for every image (Alpine's differs in version).
 */
export const BUSYBOX_BANNER = 'BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.';

/** Usage texts, recorded from the oracle, for applets that print them on bad arguments. */
const USAGE: Record<string, string> = {
  tar: "tar c|x|t [-ZzJjahmvokO] [-f TARFILE] [-C DIR] [FILE]...\n\nCreate, extract, or list files from a tar file\n\n\tc\tCreate\n\tx\tExtract\n\tt\tList\n\t-f FILE\tName of TARFILE (\'-\' for stdin/out)\n\t-C DIR\tChange to DIR before operation\n\t-v\tVerbose\n\t-O\tExtract to stdout\n\t-m\tDon\'t restore mtime\n\t-o\tDon\'t restore user:group\n\t-k\tDon\'t replace existing files\n\t-Z\t(De)compress using compress\n\t-z\t(De)compress using gzip\n\t-J\t(De)compress using xz\n\t-j\t(De)compress using bzip2\n\t--lzma\t(De)compress using lzma\n\t-a\t(De)compress based on extension\n\t-h\tFollow symlinks\n\t--overwrite\t\tReplace existing files\n\t--strip-components NUM\tNUM of leading components to strip\n\t--no-recursion\t\tDon\'t descend in directories\n\t--numeric-owner\t\tUse numeric user:group\n\t--no-same-permissions\tDon\'t restore access permissions\n\t--to-command COMMAND\tPipe files to COMMAND",
  seq: 'seq [-w] [-s SEP] [FIRST [INC]] LAST\n\nPrint numbers from FIRST to LAST, in steps of INC.\nFIRST, INC default to 1.\n\n\t-w\tPad to last with leading zeros\n\t-s SEP\tString separator',
};

export function usageText(applet: string): string {
  const body = USAGE[applet];
  return body === undefined ? `${BUSYBOX_BANNER}\n\nUsage: ${applet}\n` : `${BUSYBOX_BANNER}\n\nUsage: ${body}\n`;
}
