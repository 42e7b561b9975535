/**
 * `layerlab host sh -c '…'`: a command line on the simulated Docker host from
 * Node, with engine state and the learner's home kept in $LAYERLAB_HOME.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.ts';

function layerlab(home: string, input: string | undefined, ...args: string[]) {
  return spawnSync(join(repoRoot, 'bin/layerlab'), args, {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: home, LAYERLAB_HOME: join(home, '.layerlab') },
    timeout: 60_000,
    ...(input !== undefined ? { input } : {}),
  });
}

describe('layerlab host (Node)', () => {
  it('runs a line on the host; containers, the home directory and the exit status carry over', () => {
    const home = mkdtempSync(join(tmpdir(), 'layerlab-host-'));
    const first = layerlab(home, '', 'host', 'sh', '-c', 'docker run -d --name web busybox sleep 1000 >/dev/null 2>&1; echo hi > note.txt; hostname; id -un');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toBe('docker-host\nlearner\n');
    expect(readFileSync(join(home, '.layerlab', 'home', 'note.txt'), 'utf8')).toBe('hi\n');
    const second = layerlab(home, '', 'host', 'sh', '-c', 'cat note.txt; docker ps --format "{{.Names}}"; mount | grep -c "^overlay on /var/lib/docker/overlay2/"');
    expect(second.stdout).toBe('hi\nweb\n1\n');
    expect(layerlab(home, '', 'host', 'sh', '-c', 'exit 3').status).toBe(3);
    expect(layerlab(home, 'from stdin\n', 'host', 'sh', '-c', 'read x; echo "[$x]"').stdout).toBe('[from stdin]\n');
  });
});
