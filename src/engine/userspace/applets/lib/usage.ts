/**
 * The banner BusyBox prints above usage text. The goldens are recorded with
 * Debian's busybox-static, so its banner is what we print.
 * Simplification: one banner for every image (Alpine's differs in version).
 */
export const BUSYBOX_BANNER = 'BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.';

/** Usage texts, recorded from the oracle, for applets that print them on bad arguments. */
const USAGE: Record<string, string> = {
  su: "su [-lmp] [-s SH] [-] [USER [FILE ARGS | -c 'CMD' [ARG0 ARGS]]]\n\nRun shell under USER (by default, root)\n\n\t-,-l\tClear environment, go to home dir, run shell as login shell\n\t-p,-m\tDo not set new $HOME, $SHELL, $USER, $LOGNAME\n\t-c CMD\tCommand to pass to 'sh -c'\n\t-s SH\tShell to use instead of user's default",
  passwd: "passwd [-a ALG] [-dlu] [USER]\n\nChange USER's password (default: current user)\n\n\t-a ALG\tdes,md5,sha256/512 (default sha256)\n\t-d\tSet password to ''\n\t-l\tLock (disable) account\n\t-u\tUnlock (enable) account",
  adduser: "adduser [OPTIONS] USER [GROUP]\n\nCreate new user, or add USER to GROUP\n\n\t-h DIR\t\tHome directory\n\t-g GECOS\tGECOS field\n\t-s SHELL\tLogin shell\n\t-G GRP\t\tGroup\n\t-S\t\tCreate a system user\n\t-D\t\tDon't assign a password\n\t-H\t\tDon't create home directory\n\t-u UID\t\tUser id\n\t-k SKEL\t\tSkeleton directory (/etc/skel)",
  addgroup: "addgroup [-g GID] [-S] [USER] GROUP\n\nAdd a group or add a user to a group\n\n\t-g GID\tGroup id\n\t-S\tCreate a system group",
  deluser: "deluser [--remove-home] USER\n\nDelete USER from the system",
  delgroup: "delgroup [USER] GROUP\n\nDelete group GROUP from the system or user USER from group GROUP",
  tar: "tar c|x|t [-ZzJjahmvokO] [-f TARFILE] [-C DIR] [FILE]...\n\nCreate, extract, or list files from a tar file\n\n\tc\tCreate\n\tx\tExtract\n\tt\tList\n\t-f FILE\tName of TARFILE (\'-\' for stdin/out)\n\t-C DIR\tChange to DIR before operation\n\t-v\tVerbose\n\t-O\tExtract to stdout\n\t-m\tDon\'t restore mtime\n\t-o\tDon\'t restore user:group\n\t-k\tDon\'t replace existing files\n\t-Z\t(De)compress using compress\n\t-z\t(De)compress using gzip\n\t-J\t(De)compress using xz\n\t-j\t(De)compress using bzip2\n\t--lzma\t(De)compress using lzma\n\t-a\t(De)compress based on extension\n\t-h\tFollow symlinks\n\t--overwrite\t\tReplace existing files\n\t--strip-components NUM\tNUM of leading components to strip\n\t--no-recursion\t\tDon\'t descend in directories\n\t--numeric-owner\t\tUse numeric user:group\n\t--no-same-permissions\tDon\'t restore access permissions\n\t--to-command COMMAND\tPipe files to COMMAND",
  seq: 'seq [-w] [-s SEP] [FIRST [INC]] LAST\n\nPrint numbers from FIRST to LAST, in steps of INC.\nFIRST, INC default to 1.\n\n\t-w\tPad to last with leading zeros\n\t-s SEP\tString separator',
};

export function usageText(applet: string): string {
  const body = USAGE[applet];
  return body === undefined ? `${BUSYBOX_BANNER}\n\nUsage: ${applet}\n` : `${BUSYBOX_BANNER}\n\nUsage: ${body}\n`;
}

/** Whether the usage screen of `applet` was recorded (else only the error line can be printed). */
export function hasUsage(applet: string): boolean {
  return USAGE[applet] !== undefined;
}
