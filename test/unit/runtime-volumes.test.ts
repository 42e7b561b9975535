/**
 * Volumes: named and anonymous, filled from the image at first mount, kept
 * out of the container's writable layer (docker diff and commit do not see
 * them), shared between containers, persisted, and docker volume's rules.
 */
import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/index.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { docker } from '../helpers/run-docker.ts';

function engine(images = ['busybox']) {
  const deps = testDeps();
  return { api: createEngine({ ...deps, preloadImages: images }) as EngineApi, deps };
}

describe('volumes', () => {
  it('a named volume outlives its container and is invisible to docker diff and commit', async () => {
    const { api } = engine();
    expect((await docker(['volume', 'create', 'data'], api)).stdout).toBe('data\n');
    await docker(['run', '--name', 'writer', '-v', 'data:/data', 'busybox', 'sh', '-c', 'echo hello > /data/f; echo x > /tmp/t'], api);
    const diff = (await docker(['diff', 'writer'], api)).stdout;
    expect(diff).toContain('A /tmp/t');
    expect(diff).not.toContain('/data/f');
    await docker(['commit', 'writer', 'snap'], api);
    expect((await docker(['run', '--rm', 'snap', 'ls', '/data'], api)).stdout).toBe('');
    await docker(['rm', 'writer'], api);
    expect((await docker(['run', '--rm', '-v', 'data:/x', 'busybox', 'cat', '/x/f'], api)).stdout).toBe('hello\n');
    const inspect = JSON.parse((await docker(['volume', 'inspect', 'data'], api)).stdout)[0];
    expect(inspect).toMatchObject({ Driver: 'local', Labels: null, Mountpoint: '/var/lib/docker/volumes/data/_data', Name: 'data', Options: null, Scope: 'local' });
    expect((await docker(['volume', 'ls'], api)).stdout).toBe('DRIVER    VOLUME NAME\nlocal     data\n');
  });

  it('refuses to remove a volume in use, with the container ids', async () => {
    const { api } = engine();
    const { stdout } = await docker(['create', '--name', 'holder', '-v', 'data:/data', 'busybox'], api);
    const id = stdout.trim();
    expect(await docker(['volume', 'rm', 'data'], api)).toEqual({ stdout: '', stderr: `Error response from daemon: remove data: volume is in use - [${id}]\n`, exitCode: 1 });
    await docker(['rm', 'holder'], api);
    expect((await docker(['volume', 'rm', 'data'], api)).stdout).toBe('data\n');
    expect((await docker(['volume', 'inspect', 'data'], api)).stderr).toBe('Error response from daemon: get data: no such volume\n');
  });

  it('an empty volume is filled from the image at its mount point; VOLUME makes anonymous volumes; rm -v and prune remove them', async () => {
    const { api } = engine();
    await docker(['run', '--name', 'etc', '-v', 'etcvol:/etc', 'busybox', 'true'], api);
    expect((await docker(['run', '--rm', '-v', 'etcvol:/v', 'busybox', 'cat', '/v/group'], api)).stdout).toContain('root:x:0:');
    await docker(['run', '--name', 'anon', '-v', '/cache', 'busybox', 'sh', '-c', 'echo 1 > /cache/a'], api);
    const mounts = JSON.parse((await docker(['inspect', 'anon'], api)).stdout)[0].Mounts;
    expect(mounts).toHaveLength(1);
    expect(mounts[0]).toMatchObject({ Type: 'volume', Destination: '/cache', Driver: 'local', Mode: '', RW: true, Propagation: '' });
    expect(mounts[0].Name).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse((await docker(['volume', 'inspect', mounts[0].Name], api)).stdout)[0].Labels).toEqual({ 'com.docker.volume.anonymous': '' });
    // --volumes-from shares the same volume.
    expect((await docker(['run', '--rm', '--volumes-from', 'anon', 'busybox', 'cat', '/cache/a'], api)).stdout).toBe('1\n');
    await docker(['rm', '-v', 'anon'], api);
    expect((await docker(['volume', 'ls', '-q'], api)).stdout).toBe('etcvol\n');
    await docker(['rm', 'etc'], api);
    // prune takes anonymous volumes only, unless -a.
    await docker(['create', '-v', '/x', 'busybox'], api);
    expect((await docker(['volume', 'prune', '-f'], api)).stdout).toBe('Total reclaimed space: 0B\n');
    expect((await docker(['volume', 'prune', '-af'], api)).stdout).toMatch(/^Deleted Volumes:\netcvol\n\nTotal reclaimed space: \d+(\.\d+)?k?B\n$/);
  });

  it('--mount, read-only volumes and tmpfs; a bind mount of a host path is refused with a note', async () => {
    const { api } = engine();
    const ro = await docker(['run', '--rm', '--mount', 'type=volume,source=cfg,target=/cfg,readonly', 'busybox', 'touch', '/cfg/x'], api);
    expect(ro).toMatchObject({ stderr: "touch: /cfg/x: Read-only file system\n", exitCode: 1 });
    expect((await docker(['run', '--rm', '--tmpfs', '/scratch', 'busybox', 'sh', '-c', 'echo t > /scratch/f && cat /scratch/f'], api)).stdout).toBe('t\n');
    const bind = await docker(['run', '--rm', '-v', '/home/learner:/app', 'busybox', 'true'], api);
    expect(bind.exitCode).toBe(125);
    expect(bind.stderr).toContain('bind mounts of host paths (/home/learner) are not simulated');
  });

  it('volumes, networks and their contents persist in engine state', async () => {
    const { api, deps } = engine();
    await docker(['network', 'create', 'app'], api);
    await docker(['run', '--name', 'keeper', '-v', 'keep:/k', 'busybox', 'sh', '-c', 'echo persisted > /k/f'], api);
    const doc = await api.exportState();
    const again = createEngine({ ...deps, preloadImages: ['busybox'] }) as EngineApi;
    await again.importState(doc);
    expect((await docker(['network', 'ls', '--filter', 'name=app', '--format', '{{.Name}}'], again)).stdout).toBe('app\n');
    expect(await docker(['run', '--rm', '-v', 'keep:/k', 'busybox', 'cat', '/k/f'], again)).toMatchObject({ stdout: 'persisted\n' });
  });
});
