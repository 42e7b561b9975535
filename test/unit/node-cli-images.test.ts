/**
 * Images survive between `layerlab docker` invocations (engine state in
 * $LAYERLAB_HOME), and save -o / load -i use the host's files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.ts';

function layerlab(home: string, ...args: string[]) {
  return spawnSync(join(repoRoot, 'bin/layerlab'), args, {
    encoding: 'utf8',
    cwd: home,
    env: { PATH: process.env.PATH, HOME: home, LAYERLAB_HOME: join(home, '.layerlab') },
    timeout: 60_000,
  });
}

describe('layerlab docker: images persist between invocations', () => {
  it('load -i, tag, save -o, rmi and images see one store', () => {
    const home = mkdtempSync(join(tmpdir(), 'layerlab-images-'));
    const fixture = join(repoRoot, 'test/fixtures/images/podman-files-only.tar');
    const loaded = layerlab(home, 'docker', 'load', '-i', fixture);
    expect(loaded.stdout, loaded.stderr).toBe('Loaded image: localhost/files-only:1\n');
    expect(layerlab(home, 'docker', 'tag', 'localhost/files-only:1', 'mine:v1').status).toBe(0);
    const listed = layerlab(home, 'docker', 'images', '--format', '{{.Repository}}:{{.Tag}}');
    expect(listed.stdout.split('\n').filter(Boolean).sort()).toEqual(['localhost/files-only:1', 'mine:v1']);
    const saved = layerlab(home, 'docker', 'save', '-o', 'out.tar', 'mine:v1');
    expect(saved.status, saved.stderr).toBe(0);
    expect(existsSync(join(home, 'out.tar'))).toBe(true);
    expect(layerlab(home, 'docker', 'rmi', 'mine:v1', 'localhost/files-only:1').stdout).toMatch(/^Untagged: mine:v1\nUntagged: localhost\/files-only:1\nDeleted: sha256:/);
    expect(layerlab(home, 'docker', 'images', '-q').stdout).toBe('');
    expect(layerlab(home, 'docker', 'load', '-i', 'out.tar').stdout).toBe('Loaded image: mine:v1\n');
    expect(layerlab(home, 'docker', 'load', '-i', 'nope.tar')).toMatchObject({ status: 1, stderr: 'open nope.tar: no such file or directory\n' });
  });
});
