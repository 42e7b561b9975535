/**
 * Starts Debian's `docker-registry` (Distribution 2.8, the program inside the
 * `registry:2` image) on 127.0.0.1 with a throw-away filesystem store, for the
 * registry oracle and bench. Only loopback is ever used.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REGISTRY_BIN = '/usr/bin/docker-registry';
export const SKOPEO_BIN = '/usr/bin/skopeo';

/**
 * Whether the binaries are here; when they are not and we are root with apt,
 * installs them once (CI installs them in .ci/run too). `why` explains a miss.
 */
export function distributionAvailable(options: { install?: boolean; skopeo?: boolean } = {}): { ok: boolean; why: string } {
  const wanted = [REGISTRY_BIN, ...(options.skopeo ? [SKOPEO_BIN] : [])];
  const missing = () => wanted.filter((b) => !existsSync(b));
  if (missing().length > 0 && options.install && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    const pkgs = missing().map((b) => (b === REGISTRY_BIN ? 'docker-registry' : 'skopeo'));
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env, timeout: 300_000 });
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'ignore', env, timeout: 300_000 });
  }
  const still = missing();
  return still.length === 0 ? { ok: true, why: '' } : { ok: false, why: `${still.join(', ')} missing (apt-get install docker-registry skopeo)` };
}

export interface RunningRegistry {
  /** `127.0.0.1:<port>`. */
  readonly host: string;
  readonly dir: string;
  stop(): Promise<void>;
}

/** A free TCP port on loopback (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts a registry with delete enabled and waits until `GET /v2/` answers. */
export async function startDistribution(): Promise<RunningRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const config = join(dir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: ${host}`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(REGISTRY_BIN, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`http://${host}/v2/`);
      if (res.status === 200) return { host, dir, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`docker-registry did not start on ${host}: ${stderr}`);
}

/** `skopeo inspect` against a loopback registry (plain HTTP), parsed or raw. */
export function skopeoInspect(ref: string, extra: string[] = []): string {
  const r = spawnSync(SKOPEO_BIN, ['inspect', '--tls-verify=false', ...extra, `docker://${ref}`], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`skopeo inspect ${ref} failed: ${r.stderr}`);
  return r.stdout;
}
