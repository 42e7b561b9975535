/**
 * CliFiles.walk over node:fs: the build context as `docker build DIR` sends
 * it (relative paths, parents first, bytewise order, symlinks not followed).
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostFiles } from '../../src/node/host-files.ts';

describe('hostFiles.walk (node:fs)', () => {
  it('lists files, dirs and symlinks relative to the root with their modes', () => {
    const root = mkdtempSync(join(tmpdir(), 'layerlab-walk-'));
    writeFileSync(join(root, 'Dockerfile'), 'FROM busybox\n');
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'app.sh'), 'echo hi\n');
    chmodSync(join(root, 'src', 'app.sh'), 0o755);
    symlinkSync('src/app.sh', join(root, 'run'));
    const entries = hostFiles.walk!(root);
    expect(entries.map((e) => [e.path, e.type])).toEqual([
      ['Dockerfile', 'file'],
      ['run', 'symlink'],
      ['src', 'dir'],
      ['src/app.sh', 'file'],
    ]);
    expect(new TextDecoder().decode(entries[0]!.data as Uint8Array)).toBe('FROM busybox\n');
    expect(entries[1]!.target).toBe('src/app.sh');
    expect(entries[3]!.mode).toBe(0o755);
  });

  it('fails as Go does for a missing directory and for a file', () => {
    const root = mkdtempSync(join(tmpdir(), 'layerlab-walk-'));
    expect(() => hostFiles.walk!(join(root, 'nope'))).toThrow(`lstat ${join(root, 'nope')}: no such file or directory`);
    writeFileSync(join(root, 'f'), '');
    expect(() => hostFiles.walk!(join(root, 'f'))).toThrow('not a directory');
  });
});
