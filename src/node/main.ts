import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostFiles } from './host-files.ts';
import { processStdin } from './stdin.ts';
import type { EngineApi } from '../api/index.ts';
import { runDocker } from '../cli/index.ts';
import { createEngine } from '../engine/index.ts';
import { LAYERLAB_VERSION } from '../engine/system.ts';
import { createEngineApiServer, listen } from './engine-api-server.ts';
import { FileStateStore, layerlabHome } from './state-store.ts';

const USAGE = `Usage: layerlab <command> [args...]

Commands:
  docker [ARGS...]                 run the docker CLI against the Layerlab engine
                                   (state kept in $LAYERLAB_HOME, default ~/.layerlab)
  host sh -c 'COMMAND LINE'        run a command line on the simulated Docker host
                                   (its shell, /var/lib/docker, ps, mount, systemctl)
  dockerfile dump FILE             print BuildKit's parse dump of a Dockerfile
  dockerfile lint FILE [--format json]
                                   lint a Dockerfile (exit 1 on errors)
  serve --socket PATH | --host tcp://127.0.0.1:PORT
                                   serve the Docker Engine API for the real docker CLI
  --version                        print Layerlab's version
`;

const stdout = { write: (s: string) => void process.stdout.write(s) };
const stderr = { write: (s: string) => void process.stderr.write(s) };

/** Open the persisted engine; the caller saves it back after the command. */
async function openEngine(store: FileStateStore): Promise<EngineApi> {
  const loaded = await store.load();
  if (loaded.warning) stderr.write(`${loaded.warning}\n`);
  // Node's fetch: `layerlab docker pull/push` reach real registries (plain HTTP for localhost, as docker allows).
  return createEngine({ state: loaded.body, fetch: globalThis.fetch });
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case '--version':
    case 'version':
      stdout.write(`layerlab ${LAYERLAB_VERSION}\n`);
      return 0;
    case 'docker': {
      const store = new FileStateStore(layerlabHome());
      const api = await openEngine(store);
      const env = Object.entries(process.env).map(([k, v]) => `${k}=${v ?? ''}`);
      // The client's config.json (docker login) lives in Layerlab's home, never in the user's real ~/.docker.
      const configDir = join(layerlabHome(), 'docker');
      mkdirSync(configDir, { recursive: true });
      const configFile = join(configDir, 'config.json');
      const code = await runDocker(rest, { api, stdout, stderr, env, columns: process.stdout.columns ?? 80, isTTY: process.stdout.isTTY, files: hostFiles, stdin: processStdin, configFile });
      store.save(await api.exportState());
      return code;
    }
    case 'host': {
      const { runHostCommand } = await import('./commands/host.ts');
      return runHostCommand(rest, { stdout: stdout.write, stderr: stderr.write });
    }
    case 'dockerfile': {
      const { runDockerfileCommand } = await import('./commands/dockerfile.ts');
      return runDockerfileCommand(rest, { stdout: stdout.write, stderr: stderr.write, readFile: (p) => readFileSync(p, 'utf8') });
    }
    case 'serve':
      return serve(rest);
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      (cmd === undefined ? stderr : stdout).write(USAGE);
      return cmd === undefined ? 1 : 0;
    default:
      stderr.write(`layerlab: unknown command "${cmd}"\n\n${USAGE}`);
      return 1;
  }
}

/** `layerlab serve`: Unix socket or loopback TCP only (never another interface). */
async function serve(args: string[]): Promise<number> {
  const socketAt = args.indexOf('--socket');
  const hostAt = args.indexOf('--host');
  let where;
  if (socketAt >= 0 && args[socketAt + 1]) where = { socket: args[socketAt + 1]! };
  else if (hostAt >= 0 && args[hostAt + 1]) {
    const m = /^tcp:\/\/(127\.0\.0\.1|localhost|\[::1\]):(\d+)$/.exec(args[hostAt + 1]!);
    if (!m) {
      stderr.write(`layerlab serve: --host must be tcp://127.0.0.1:PORT (loopback only)\n`);
      return 2;
    }
    where = { host: (m[1] === '[::1]' ? '::1' : m[1]) as '127.0.0.1' | '::1' | 'localhost', port: Number(m[2]) };
  } else {
    stderr.write(`layerlab serve: give --socket PATH or --host tcp://127.0.0.1:PORT\n`);
    return 2;
  }
  const store = new FileStateStore(layerlabHome());
  const api = await openEngine(store);
  // Saved a moment after each change too, so `layerlab docker` in another terminal sees what the server did.
  let pending: ReturnType<typeof setTimeout> | undefined;
  const saveSoon = () => {
    clearTimeout(pending);
    pending = setTimeout(() => void api.exportState().then((doc) => store.save(doc)), 300);
    pending.unref();
  };
  const server = createEngineApiServer(api, { onChange: saveSoon });
  await listen(server, where);
  stderr.write(`layerlab: serving the Docker Engine API on ${'socket' in where ? `unix://${where.socket}` : `tcp://${where.host}:${where.port}`}\n`);
  const stop = async () => {
    store.save(await api.exportState());
    server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  return new Promise<number>(() => {});
}
