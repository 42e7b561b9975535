import { isFsError } from '../../fs/errors.ts';
import { makeParents } from './lib/applet-io.ts';
import { applyMode } from './lib/mode.ts';
import { optValue, parseOptions } from './lib/options.ts';
import { baseName, dirName, joinPath } from './lib/paths.ts';
import { groups, passwd } from './lib/users.ts';
import { defineApplet } from './registry.ts';

/**
 * install [-cdDsp] [-o USER] [-g GRP] [-m MODE] [-t DIR] [SOURCE]… DEST:
 * copy files (mode 0755 unless -m) or make directories (-d), BusyBox's way.
 */
export const install = defineApplet('install', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'cdDspvo:g:m:t:');
  const { vfs, cred } = io.proc;
  const modeArg = optValue(o, 'm');
  const mode = modeArg === undefined ? 0o755 : applyMode(modeArg, 0o755, false);
  if (mode === null) {
    await io.err(`invalid mode '${modeArg}'`);
    return 1;
  }
  const owner = optValue(o, 'o');
  const group = optValue(o, 'g');
  const uid = owner === undefined ? undefined : /^\d+$/.test(owner) ? Number(owner) : passwd(vfs).find((p) => p.name === owner)?.uid;
  const gid = group === undefined ? undefined : /^\d+$/.test(group) ? Number(group) : groups(vfs).find((g) => g.name === group)?.gid;
  if (owner !== undefined && uid === undefined) {
    await io.err(`unknown user ${owner}`);
    return 1;
  }
  if (group !== undefined && gid === undefined) {
    await io.err(`unknown group ${group}`);
    return 1;
  }
  const finish = (p: string) => {
    vfs.chmod(p, mode, cred);
    if (uid !== undefined || gid !== undefined) {
      const st = vfs.stat(p, cred);
      vfs.chown(p, uid ?? st.uid, gid ?? st.gid, cred);
    }
  };
  let status = 0;
  if (o.flags.has('d')) {
    for (const d of o.args) {
      try {
        makeParents(io, io.path(d), 0o755);
        finish(io.path(d));
      } catch (e) {
        await io.fsErr(d, e);
        status = 1;
      }
    }
    return status;
  }
  const target = optValue(o, 't');
  const sources = target === undefined ? o.args.slice(0, -1) : o.args;
  const dest = target ?? o.args[o.args.length - 1];
  if (dest === undefined || sources.length === 0) {
    await io.usage();
    return 1;
  }
  if (o.flags.has('D')) makeParents(io, io.path(target ?? dirName(dest)), 0o755);
  let destIsDir = false;
  try {
    destIsDir = vfs.stat(io.path(dest), cred).type === 'dir';
  } catch {
    // a new file
  }
  for (const s of sources) {
    const to = destIsDir || target !== undefined ? joinPath(dest, baseName(s)) : dest;
    try {
      const st = vfs.stat(io.path(s), cred);
      const data = vfs.readFile(io.path(s), cred);
      try {
        vfs.unlink(io.path(to), cred);
      } catch {
        // nothing to replace
      }
      vfs.writeFile(io.path(to), data, { mode, cred });
      finish(io.path(to));
      if (o.flags.has('p')) vfs.utimes(io.path(to), st.atimeMs, st.mtimeMs, cred);
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(e.syscall === 'stat' || e.path === io.path(s) ? `can't stat '${s}': ${e.text}` : `can't create '${to}': ${e.text}`);
      status = 1;
    }
  }
  return status;
});
