/**
 * The docker CLI's host files in Node (`save -o`, `load -i`), with the error
 * texts the Go client prints (os.Open's `open x: no such file or directory`,
 * command.ValidateOutputPath's `invalid output path: …`).
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CliFiles } from '../cli/io.ts';

const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
};

function osError(op: string, path: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return new Error(`${op} ${path}: ${ERRNO_TEXT[code] ?? (err as Error).message}`);
}

export const hostFiles: CliFiles = {
  readFile(path) {
    try {
      return new Uint8Array(readFileSync(path));
    } catch (e) {
      throw osError('open', path, e);
    }
  },
  writeFile(path, data) {
    const dir = dirname(path);
    try {
      if (!statSync(dir).isDirectory()) throw new Error();
    } catch {
      throw new Error(`invalid output path: directory "${dir}" does not exist`);
    }
    try {
      const st = statSync(path);
      if (!st.isFile()) throw new Error(`invalid output path: "${path}" must be a directory or a regular file`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    // Written beside the target and renamed, so a failed save never leaves half a tar (docker's CopyToFile).
    const tmp = `${path}.layerlab-tmp`;
    try {
      writeFileSync(tmp, data);
      renameSync(tmp, path);
    } catch (e) {
      throw osError('open', path, e);
    }
  },
};
