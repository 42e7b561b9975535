/** `docker commit`: the writable layer and config become an image that runs. */
import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/index.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { docker } from '../helpers/run-docker.ts';

describe('docker commit', () => {
  it('commits the container layer with --change and a message; the image runs and has history', async () => {
    const api = createEngine({ ...testDeps(), preloadImages: ['busybox'] }) as EngineApi;
    await docker(['run', '--name', 'maker', 'busybox', 'sh', '-c', 'echo hello > /greeting'], api);
    const c = await docker(['commit', '-m', 'add greeting', '-a', 'Ada', '-c', 'CMD ["cat", "/greeting"]', '-c', 'ENV MOOD=good', 'maker', 'greet:v1'], api);
    expect(c.exitCode).toBe(0);
    expect(c.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect(await docker(['run', '--rm', 'greet:v1'], api)).toEqual({ stdout: 'hello\n', stderr: '', exitCode: 0 });
    expect((await docker(['run', '--rm', 'greet:v1', 'sh', '-c', 'echo $MOOD'], api)).stdout).toBe('good\n');
    const inspect = JSON.parse((await docker(['image', 'inspect', 'greet:v1'], api)).stdout) as [{ Config: { Cmd: string[] }; Author: string; Comment: string; RootFS: { Layers: string[] } }];
    expect(inspect[0].Config.Cmd).toEqual(['cat', '/greeting']);
    expect(inspect[0].Author).toBe('Ada');
    expect(inspect[0].RootFS.Layers).toHaveLength(2);
    const history = await docker(['history', '--format', '{{.CreatedBy}}|{{.Comment}}', 'greet:v1'], api);
    expect(history.stdout.split('\n')[0]).toBe('sh -c echo hello > /greeting|add greeting');
  });

  it('a container without changes commits an empty layer; a RUN change is refused', async () => {
    const api = createEngine({ ...testDeps(), preloadImages: ['busybox'] }) as EngineApi;
    await docker(['create', '--name', 'same', 'busybox'], api);
    const id = (await docker(['commit', 'same'], api)).stdout.trim();
    const inspect = JSON.parse((await docker(['image', 'inspect', id], api)).stdout) as [{ RootFS: { Layers: string[] } }];
    expect(inspect[0].RootFS.Layers).toHaveLength(1);
    expect(await docker(['commit', '-c', 'RUN echo', 'same'], api)).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: RUN is not a valid change command\n',
      exitCode: 1,
    });
  });
});

describe('a root file system without /etc/passwd', () => {
  it('still runs as uid 0 with HOME=/ (runc defaults)', async () => {
    const api = createEngine({ ...testDeps(), preloadImages: ['busybox'] }) as EngineApi;
    await docker(['run', '--name', 'nopw', 'busybox', 'rm', '/etc/passwd'], api);
    await docker(['commit', 'nopw', 'nopw:1'], api);
    expect(await docker(['run', '--rm', 'nopw:1', 'sh', '-c', 'id -u; echo $HOME'], api)).toEqual({ stdout: '0\n/\n', stderr: '', exitCode: 0 });
  });
});
