/**
 * How runc fails to start a container's process, and the text dockerd
 * passes on. runc looks the program up in the container's root file system
 * before anything runs: a bare name is searched in the container's PATH, a
 * path is taken as it is. The CLI turns the text into exit codes
 * (docker/cli run.go toStatusError): "executable file not found" or "no such
 * file or directory" → 127, "permission denied" or "is a directory" → 126.
 */
import { EngineError } from '../../api/errors.ts';
import type { Cred, Vfs } from '../fs/vfs.ts';
import { isFsError } from '../fs/errors.ts';

/** runc's wrapping of a container-init failure as `docker start`/`run` shows it. */
export function ociCreateFailed(detail: string): EngineError {
  return new EngineError(
    'System',
    `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${detail}: unknown`,
    { detail },
  );
}

/** runc's wrapping of an exec failure (`docker exec`). */
export function ociExecFailed(detail: string): string {
  return `OCI runtime exec failed: exec failed: unable to start container process: ${detail}: unknown`;
}

/** Exit code docker's CLI derives from a start/exec failure text. */
export function exitCodeForFailure(message: string): number {
  if (message.includes('executable file not found') || message.includes('no such file or directory')) return 127;
  if (message.includes('permission denied') || message.includes('is a directory')) return 126;
  return 125;
}

export type Lookup = { readonly path: string } | { readonly error: string };

/**
 * Finds the program `argv0` names, as runc does (Go's exec.LookPath in the
 * container): returns the path to exec, or runc's error detail.
 */
export function lookupExecutable(vfs: Vfs, argv0: string, env: readonly string[], cwd: string, cred: Cred): Lookup {
  if (argv0.includes('/')) {
    const path = argv0.startsWith('/') ? argv0 : `${cwd.replace(/\/$/, '')}/${argv0}`;
    return checkFile(vfs, path, cred, argv0) ?? { path };
  }
  const pathVar = [...env].reverse().find((e) => e.startsWith('PATH='))?.slice(5) ?? '';
  for (const dir of pathVar.split(':')) {
    const candidate = `${dir === '' ? '.' : dir}/${argv0}`;
    try {
      const st = vfs.stat(candidate, cred);
      if (st.type !== 'dir' && (st.mode & 0o111) !== 0) return { path: candidate };
    } catch {
      // next PATH entry
    }
  }
  return { error: `exec: "${argv0}": executable file not found in $PATH` };
}

function checkFile(vfs: Vfs, path: string, cred: Cred, shown: string): Lookup | undefined {
  try {
    const st = vfs.stat(path, cred);
    if (st.type === 'dir') return { error: `exec: "${shown}": is a directory` };
    if ((st.mode & 0o111) === 0) return { error: `exec: "${shown}": permission denied` };
    return undefined;
  } catch (e) {
    if (isFsError(e, 'EACCES')) return { error: `exec: "${shown}": permission denied` };
    return { error: `exec: "${shown}": stat ${shown}: no such file or directory` };
  }
}
