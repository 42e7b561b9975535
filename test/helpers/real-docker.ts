/**
 * The real docker CLI against a Layerlab engine: serve an EngineApi on a Unix
 * socket (the Engine API server) and run `docker` with DOCKER_HOST pointing at
 * it. Asynchronous on purpose: the server runs in the test's own process, so
 * a blocking spawn would deadlock it.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EngineApi } from '../../src/api/index.ts';
import { createEngineApiServer, listen } from '../../src/node/engine-api-server.ts';

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Whether a docker client is installed. */
export const haveDockerCli = (): boolean => spawnSync('docker', ['--version']).status === 0;

/** Runs the real docker CLI against `socket`, as user HOME `home`, in UTC. */
export function runRealDocker(socket: string, argv: readonly string[], home = '/home/learner', timeout = 30_000): Promise<CliResult> {
  return runReal(socket, 'docker', argv, { home, timeout });
}

/**
 * Runs a shell line (pipes: `docker save t | docker load`) with the real
 * docker CLI against `socket`, in `cwd`.
 */
export function runRealShell(socket: string, script: string, opts: RealRunOptions = {}): Promise<CliResult> {
  return runReal(socket, 'sh', ['-c', script], { timeout: 60_000, ...opts });
}

export interface RealRunOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly home?: string;
  readonly timeout?: number;
}

async function runReal(socket: string, file: string, args: readonly string[], opts: RealRunOptions): Promise<CliResult> {
  const env = { PATH: process.env.PATH, HOME: opts.home ?? '/home/learner', DOCKER_HOST: `unix://${socket}`, TZ: 'UTC', ...opts.env };
  try {
    const r = await promisify(execFile)(file, [...args], { encoding: 'utf8', env, timeout: opts.timeout ?? 30_000, ...(opts.cwd ? { cwd: opts.cwd } : {}) });
    return { stdout: r.stdout, stderr: r.stderr, exitCode: 0 };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? String(err), exitCode: typeof e.code === 'number' ? e.code : 1 };
  }
}

/** Serves engines on sockets in one temporary folder; `closeAll` stops them. */
export class EngineSockets {
  readonly dir = mkdtempSync(join(tmpdir(), 'layerlab-sock-'));
  private readonly closers: (() => Promise<void>)[] = [];

  async serve(api: EngineApi): Promise<string> {
    const server = createEngineApiServer(api);
    const socket = join(this.dir, `d${this.closers.length}.sock`);
    await listen(server, { socket });
    this.closers.push(() => new Promise<void>((r) => server.close(() => r())));
    return socket;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.closers.splice(0).map((c) => c()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
