/**
 * `python3` / `python`: MicroPython 1.27 (the WebAssembly "pyscript"
 * build from npm), loaded on first use so the initial bundle does not grow,
 * one fresh interpreter per process. The container's directories are mounted
 * into its Emscripten FS (union-fs.ts), so `open()`, `os` and imports go
 * through the union mount as the process's user.
 *
 * Simplifications, said plainly to the learner: this is MicroPython (Python
 * 3.4-level language, a small standard library; `pip install`ed packages
 * are stand-in files, not importable code), not CPython. A program runs to
 * completion synchronously: stdout/stderr reach their descriptors when it
 * ends, `input()` sees the bytes stdin held when the program started
 * (only when the program itself comes from a file or -c), and an endless
 * loop cannot be interrupted. On a terminal with no program, a small
 * prompt runs each statement as it is entered.
 */
import { defineStandaloneProgram } from '../applets/registry.ts';
import { pythonHttpServer } from '../applets/net/python-http-server.ts';
import type { AppletIO } from '../applets/lib/applet-io.ts';
import { isFsError } from '../../fs/errors.ts';
import { decode, encode } from '../io/text.ts';
import { isTerminal } from '../applets/lib/tty.ts';
import { readStdinToEnd } from '../wasi/host.ts';
import { mountUnion } from './union-fs.ts';
import type { EmscriptenFS } from './union-fs.ts';
import type { MicroPython } from '@micropython/micropython-webassembly-pyscript';

export const MICROPYTHON_VERSION = 'MicroPython v1.27.0';

/** Where pip and the distributions put packages (python image, Alpine, Debian), searched after the script's directory. */
const SITE_DIRS = ['/usr/local/lib/python3.13/site-packages', '/usr/lib/python3.12/site-packages', '/usr/local/lib/python3.11/dist-packages', '/usr/lib/python3/dist-packages'];

type Loader = typeof import('@micropython/micropython-webassembly-pyscript').loadMicroPython;
let loader: Promise<Loader> | undefined;

/** The package, imported on first use (a separate chunk in the browser build). */
function loadModule(): Promise<Loader> {
  loader ??= import('@micropython/micropython-webassembly-pyscript').then((m) => m.loadMicroPython);
  return loader;
}

/** One interpreter at a time: the package keeps its JS↔Python proxy tables in globals. */
let queue: Promise<unknown> = Promise.resolve();

function exclusive<T>(f: () => Promise<T>): Promise<T> {
  const run = queue.then(f, f);
  queue = run.catch(() => undefined);
  return run;
}

interface Invocation {
  readonly source: string;
  readonly filename: string;
  readonly argv: string[];
  readonly stdin: Uint8Array;
}

const USAGE = `usage: python3 [option] ... [-c cmd | file] [arg] ...
Layerlab runs ${MICROPYTHON_VERSION} as python3 (not CPython).
`;

async function parseArgs(io: AppletIO, argv: string[]): Promise<Invocation | number> {
  const args = argv.slice(1);
  while (args[0] === '-u' || args[0] === '-B' || args[0] === '-I' || args[0] === '-E' || args[0] === '-s') args.shift();
  const a = args[0];
  if (a === '--version' || a === '-V') {
    await io.out(`Python 3.4.0 (${MICROPYTHON_VERSION})\n`);
    return 0;
  }
  if (a === '-h' || a === '--help') {
    await io.out(USAGE);
    return 0;
  }
  if (a === '-c') {
    if (args[1] === undefined) {
      await io.proc.write(2, `Argument expected for the -c option\n${USAGE}`);
      return 2;
    }
    return { source: args[1], filename: '<string>', argv: ['-c', ...args.slice(2)], stdin: await readStdinToEnd(io.proc) };
  }
  if (a === '-m' && args[1] === 'http.server') {
    const unbuffered = argv.slice(1, argv.indexOf('-m')).includes('-u') || (io.proc.getenv('PYTHONUNBUFFERED') ?? '') !== '';
    return pythonHttpServer(io, args.slice(2), unbuffered);
  }
  if (a === '-m') {
    await io.proc.write(2, `${argv[0]}: -m is not supported by Layerlab's python3 (${MICROPYTHON_VERSION})\n`);
    return 2;
  }
  if (a === undefined || a === '-') return { source: decode(await readStdinToEnd(io.proc)), filename: '<stdin>', argv: [''], stdin: new Uint8Array(0) };
  if (a.startsWith('-')) {
    await io.proc.write(2, `Unknown option: ${a}\n${USAGE}`);
    return 2;
  }
  let source: string;
  try {
    source = decode(await io.readBytes(a));
  } catch (e) {
    if (!isFsError(e)) throw e;
    await io.proc.write(2, `${argv[0]}: can't open file '${io.path(a)}': [Errno ${e.errno}] ${e.text}\n`);
    return 2;
  }
  return { source, filename: a, argv: args, stdin: await readStdinToEnd(io.proc) };
}

/** A Python-style traceback without the host's own `exec` frame. */
function cleanTraceback(message: string): string {
  const lines = message.split('\n');
  const wrapper = lines.findIndex((l) => /^ {2}File "<stdin>", line \d+, in <module>$/.test(l));
  if (wrapper >= 0) lines.splice(wrapper, 1);
  return lines.join('\n');
}

/** Output of a synchronous run, in order, for the process's descriptors afterwards. */
class Output {
  readonly chunks: [number, number[]][] = [];
  sink(fd: number): (data: Uint8Array | string) => void {
    return (data) => {
      const bytes = typeof data === 'string' ? encode(data) : data;
      const last = this.chunks[this.chunks.length - 1];
      if (last && last[0] === fd) for (const b of bytes) last[1].push(b);
      else this.chunks.push([fd, [...bytes]]);
    };
  }
  async flush(io: AppletIO): Promise<void> {
    for (const [fd, bytes] of this.chunks.splice(0)) {
      try {
        await io.proc.write(fd, new Uint8Array(bytes));
      } catch (e) {
        if (!isFsError(e)) throw e;
      }
    }
  }
}

/** A fresh interpreter over the container's files, with sys.argv and sys.path set as CPython would. */
async function startInterpreter(io: AppletIO, out: Output, stdin: Uint8Array, argv: string[], dir: string): Promise<MicroPython | null> {
  const load = await loadModule();
  let stdinPos = 0;
  let mp: MicroPython;
  try {
    mp = await load({ heapsize: 8 * 1024 * 1024, linebuffer: false, stdout: out.sink(1), stderr: out.sink(2), stdin: () => (stdinPos < stdin.length ? stdin[stdinPos++]! : null) });
  } catch (e) {
    out.sink(2)(`python3: cannot start ${MICROPYTHON_VERSION}: ${e instanceof Error ? e.message : String(e)}\n`);
    return null;
  }
  const FS = mp.FS as EmscriptenFS;
  mountUnion(FS, io.proc.vfs, io.proc.cred);
  FS.chdir(io.proc.cwd);
  mp.globals.set('__ll_argv', JSON.stringify(argv));
  mp.globals.set('__ll_dir', dir);
  mp.globals.set('__ll_site', JSON.stringify(SITE_DIRS));
  mp.runPython("import sys, json\nsys.argv[:] = json.loads(__ll_argv)\nsys.path[0:1] = [__ll_dir]\nsys.path.extend(json.loads(__ll_site))\n__ll_g = {'__name__': '__main__', 'exit': sys.exit, 'quit': sys.exit}\n");
  return mp;
}

/** Compiles and runs `source` in the interpreter's __main__ namespace; an exit status when it ends the program. */
function execute(mp: MicroPython, out: Output, source: string, filename: string, mode: 'exec' | 'single'): number | null {
  mp.globals.set('__ll_src', source);
  mp.globals.set('__ll_file', filename);
  try {
    mp.runPython(`__ll_g['__file__'] = __ll_file\nexec(compile(__ll_src, __ll_file, '${mode}'), __ll_g)\n`);
    return null;
  } catch (e) {
    const err = e as { name?: string; type?: string; message?: string };
    if (err.name !== 'PythonError') throw e;
    if (err.type === 'SystemExit') {
      const arg = /SystemExit: (.*)\n?$/.exec(err.message ?? '')?.[1];
      if (arg === undefined || arg === 'None') return 0;
      if (/^-?\d+$/.test(arg)) return Number(arg) & 0xff;
      out.sink(2)(`${arg}\n`);
      return 1;
    }
    out.sink(2)(cleanTraceback(err.message ?? ''));
    return mode === 'single' ? null : 1;
  }
}

async function runPython(io: AppletIO, inv: Invocation): Promise<number> {
  const out = new Output();
  const dir = inv.filename.includes('/') ? inv.filename.slice(0, inv.filename.lastIndexOf('/')) || '/' : '';
  const status = await exclusive(async () => {
    const mp = await startInterpreter(io, out, inv.stdin, inv.argv, dir);
    if (mp === null) return 127;
    return execute(mp, out, inv.source, inv.filename, 'exec') ?? 0;
  });
  await out.flush(io);
  return status;
}

/**
 * The interactive prompt (stdin is a terminal, no program given): `>>> `
 * and `... ` for blocks, each statement run as it is entered, expression
 * values echoed. Ends at EOF (Ctrl-D) or exit().
 */
async function repl(io: AppletIO): Promise<number> {
  const out = new Output();
  const mp = await exclusive(() => startInterpreter(io, out, new Uint8Array(0), [''], ''));
  await out.flush(io);
  if (mp === null) return 127;
  await io.proc.write(1, `${MICROPYTHON_VERSION} on 2025-12-10; Layerlab's python3 (not CPython)\nType "help()" for more information.\n>>> `);
  let pending = '';
  let block: string[] = [];
  for (;;) {
    const chunk = await io.proc.read(0);
    if (chunk === null) {
      await io.proc.write(1, '\n');
      return 0;
    }
    pending += decode(chunk);
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl).replace(/\r$/, '');
      pending = pending.slice(nl + 1);
      const inBlock = block.length > 0;
      if (inBlock && line.trim() !== '') block.push(line);
      else if (!inBlock && /:\s*$/.test(line)) block.push(line);
      else {
        const source = inBlock ? `${block.join('\n')}\n` : line;
        block = [];
        if (source.trim() !== '') {
          const status = execute(mp, out, source, '<stdin>', 'single');
          await out.flush(io);
          if (status !== null) return status;
        }
      }
      await io.proc.write(1, block.length > 0 ? '... ' : '>>> ');
    }
  }
}

async function main(io: AppletIO, argv: string[]): Promise<number> {
  if (argv.length === 1 && isTerminal(io.proc.fds.get(0))) return repl(io);
  const inv = await parseArgs(io, argv);
  if (typeof inv === 'number') return inv;
  return runPython(io, inv);
}

export const python3 = defineStandaloneProgram('python3', main);
export const python = defineStandaloneProgram('python', main);
