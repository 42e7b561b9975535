/**
 * `layerlab serve --host tcp://127.0.0.1:PORT` as a learner runs it: the
 * real docker CLI reaches it over loopback TCP, the state it saves after
 * each change (and at exit) is what `layerlab docker` then sees, and any
 * address but loopback is refused.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { haveDockerCli, runRealShell } from '../helpers/real-docker.ts';
import { repoRoot, requireOracle } from '../helpers/shared.ts';

const enabled = requireOracle('docker CLI', haveDockerCli(), 'install docker.io (client only is enough)');
const bin = join(repoRoot, 'bin/layerlab');

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe.runIf(enabled)('layerlab serve --host', () => {
  const home = mkdtempSync(join(tmpdir(), 'layerlab-serve-'));
  const env = { ...process.env, LAYERLAB_HOME: home, TZ: 'UTC' };
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('refuses addresses other than loopback', () => {
    for (const host of ['tcp://0.0.0.0:2375', 'tcp://192.168.1.5:2375', 'tcp://example.com:2375']) {
      const r = spawnSync(process.execPath, [bin, 'serve', '--host', host], { env, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, host).toBe(2);
      expect(r.stderr).toBe('layerlab serve: --host must be tcp://127.0.0.1:PORT (loopback only)\n');
    }
  }, 180_000);

  it('serves the real CLI on 127.0.0.1 and keeps the state for layerlab docker', async () => {
    const port = await freePort();
    const server = spawn(process.execPath, [bin, 'serve', '--host', `tcp://127.0.0.1:${port}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      let log = '';
      await new Promise<void>((resolve, reject) => {
        server.stderr.on('data', (c: Buffer) => {
          log += c.toString();
          if (log.includes('serving the Docker Engine API')) resolve();
        });
        server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${log}`)));
      });
      expect(log).toContain(`on tcp://127.0.0.1:${port}`);
      const real = (line: string) => runRealShell('', line, { env: { DOCKER_HOST: `tcp://127.0.0.1:${port}` } });
      expect(await real('docker version --format "{{.Server.Version}} {{.Server.APIVersion}}"')).toEqual({ stdout: '28.5.2 1.51\n', stderr: '', exitCode: 0 });
      const run = await real('docker run --rm busybox echo over tcp');
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stdout).toBe('over tcp\n');
      expect(run.stderr).toContain("Unable to find image 'busybox:latest' locally\n");
      // The server saves a moment after each change: another layerlab process sees the pulled image while it runs.
      let seen = '';
      for (let i = 0; i < 40 && seen !== 'busybox:latest\n'; i++) {
        await new Promise((r) => setTimeout(r, 250));
        seen = spawnSync(process.execPath, [bin, 'docker', 'images', '--format', '{{.Repository}}:{{.Tag}}'], { env, encoding: 'utf8', timeout: 60_000 }).stdout;
      }
      expect(seen).toBe('busybox:latest\n');
    } finally {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    const images = spawnSync(process.execPath, [bin, 'docker', 'images', '--format', '{{.Repository}}:{{.Tag}}'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(images.stdout).toBe('busybox:latest\n');
  }, 180_000);
});
