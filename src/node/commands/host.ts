/**
 * `layerlab host sh -c 'LINE'` (or `layerlab host LINE…`): runs a command
 * line at the prompt of the simulated Docker host, against the engine whose
 * state lives in $LAYERLAB_HOME, so the host is scriptable and testable.
 * The learner's home directory is kept in $LAYERLAB_HOME/home between runs.
 * Node's stdin is the terminal's input (not echoed again); the exit status
 * is the line's.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createHostEngine } from '../../host-shell/host-engine.ts';
import { hostFiles } from '../host-files.ts';
import { FileStateStore, layerlabHome } from '../state-store.ts';

const USAGE = "Usage: layerlab host sh -c 'COMMAND LINE'\n       layerlab host COMMAND [ARGS...]\n";

export async function runHostCommand(args: readonly string[], io: { stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  let line: string;
  if (args[0] === 'sh' && args[1] === '-c' && args[2] !== undefined) line = args[2];
  else if (args.length > 0 && args[0] !== '--help' && args[0] !== '-h') line = args.map((a) => (/^[\w./=:@%+-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(' ');
  else {
    (args.length === 0 ? io.stderr : io.stdout)(USAGE);
    return args.length === 0 ? 1 : 0;
  }
  const home = layerlabHome();
  const store = new FileStateStore(home);
  const loaded = await store.load();
  if (loaded.warning) io.stderr(`${loaded.warning}\n`);
  const e = createHostEngine({ state: loaded.body, fetch: globalThis.fetch });
  e.terminal.columns = process.stdout.columns ?? 80;
  const homeDir = join(home, 'home');
  mkdirSync(homeDir, { recursive: true });
  const written: Record<string, Uint8Array> = {};
  for (const entry of hostFiles.walk!(homeDir)) if (entry.type === 'file') written[entry.path] = entry.data as Uint8Array;
  e.host.workspace.push({ written, removed: [] }, true);

  // Node's stdin is the host terminal's input; a real terminal (or nothing, for a pipe) already echoed it.
  e.host.session.tty.echoOn = false;
  const onData = (chunk: Buffer) => e.host.session.input(chunk.toString('utf8').replace(/\n/g, '\r'));
  const onEnd = () => e.host.session.input('\x04');
  process.stdin.on('data', onData);
  process.stdin.on('end', onEnd);
  let status: number;
  try {
    status = await e.host.run(line, (fd, text) => (fd === 1 ? io.stdout : io.stderr)(text));
  } finally {
    process.stdin.off('data', onData);
    process.stdin.off('end', onEnd);
    process.stdin.pause();
  }
  store.save(await e.api.exportState());
  const changes = e.host.workspace.pull();
  for (const path of changes.removed) rmSync(join(homeDir, path), { force: true });
  for (const [path, data] of Object.entries(changes.written)) {
    mkdirSync(dirname(join(homeDir, path)), { recursive: true });
    writeFileSync(join(homeDir, path), data);
  }
  return status;
}
