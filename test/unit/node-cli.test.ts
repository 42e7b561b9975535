/**
 * `bin/layerlab` as a user runs it: docker version/info, --version, and engine
 * state kept in $LAYERLAB_HOME between invocations (and recovered when damaged).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.ts';

function layerlab(home: string, ...args: string[]) {
  return spawnSync(join(repoRoot, 'bin/layerlab'), args, {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: home, LAYERLAB_HOME: join(home, '.layerlab') },
    timeout: 60_000,
  });
}

const idOf = (out: string) => /^ ID: (\S+)$/m.exec(out)?.[1];

describe('layerlab CLI (Node)', () => {
  it('prints its version and docker version with a Server section', () => {
    const home = mkdtempSync(join(tmpdir(), 'layerlab-home-'));
    expect(layerlab(home, '--version').stdout).toMatch(/^layerlab \d+\.\d+\.\d+\n$/);
    const v = layerlab(home, 'docker', 'version');
    expect(v.status).toBe(0);
    expect(v.stdout).toMatch(/^Client:\n Version: +28\.5\.2\n/);
    expect(v.stdout).toContain('\nServer: Layerlab Engine');
    expect(v.stdout).toMatch(/ Engine:\n  Version: +28\.5\.2\n  API version: +1\.51 \(minimum version 1\.24\)/);
  });

  it('keeps engine state between invocations and recovers from a damaged file', () => {
    const home = mkdtempSync(join(tmpdir(), 'layerlab-home-'));
    const first = layerlab(home, 'docker', 'info');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('Storage Driver: overlay2');
    const id = idOf(first.stdout);
    expect(id).toBeTruthy();
    expect(idOf(layerlab(home, 'docker', 'info').stdout)).toBe(id);
    expect(existsSync(join(home, '.layerlab/state.json.bak'))).toBe(true);

    writeFileSync(join(home, '.layerlab/state.json'), '{"format":"layerlab-engine-state","version":1,"checksum":"sha256:0","body":{}}');
    const recovered = layerlab(home, 'docker', 'info');
    expect(recovered.status).toBe(0);
    expect(recovered.stderr).toMatch(/engine state is corrupt.*restored the previous good state/);
    expect(idOf(recovered.stdout)).toBe(id);
  });

  it('fails like docker on an unknown command', () => {
    const home = mkdtempSync(join(tmpdir(), 'layerlab-home-'));
    const r = layerlab(home, 'docker', 'nope');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("docker: unknown command: docker nope\n\nRun 'docker --help' for more information\n");
  });
});
