/**
 * Issue #11's end-to-end check: the real docker CLI drives a Layerlab engine
 * through the Engine API server (DOCKER_HOST=unix://…) from `docker pull`
 * to `docker export`, and every step succeeds and prints what Layerlab's own
 * CLI prints. Two engines from the same seed and clock take the same steps:
 * A through the real CLI, B through ours; each command's output is compared
 * between them, and read-only views (images, ps -a, history, diff, logs) are
 * also compared on A itself (same state, two clients). The real CLI computes
 * CREATED columns from the machine's clock, the engine runs on a test clock:
 * those columns are left out with --format.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/index.ts';
import { runDocker } from '../../src/cli/index.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { tarToEntries } from '../../src/engine/fs/index.ts';
import { hostFiles } from '../../src/node/host-files.ts';
import { EngineSockets, haveDockerCli, runRealShell, type CliResult } from '../helpers/real-docker.ts';
import { requireOracle } from '../helpers/shared.ts';

const enabled = requireOracle('docker CLI', haveDockerCli(), 'install docker.io (client only is enough)');

const PS = ['ps', '-a', '--format', 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}'];
const IMAGES = ['images', '--format', 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}'];
const HISTORY = (ref: string) => ['history', '--format', 'table {{.ID}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}', ref];

const DOCKERFILE = `FROM busybox
ENV GREETING=hello
WORKDIR /app
COPY hello.txt .
RUN echo built > /app/built.txt && cat hello.txt
CMD ["sh", "-c", "echo $GREETING; cat /app/hello.txt /app/built.txt"]
`;

describe.runIf(enabled)('real docker CLI end to end against layerlab serve', () => {
  const depsA = testDeps(11);
  const depsB = testDeps(11);
  const a = createEngine(depsA) as EngineApi;
  const b = createEngine(depsB) as EngineApi;
  const sockets = new EngineSockets();
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-e2e-'));
  const ctxDir = join(dir, 'ctx');
  let socket = '';

  beforeAll(async () => {
    socket = await sockets.serve(a);
    mkdirSync(ctxDir);
    writeFileSync(join(ctxDir, 'Dockerfile'), DOCKERFILE);
    writeFileSync(join(ctxDir, 'hello.txt'), 'hi from the context\n');
    for (const side of ['real', 'ours']) mkdirSync(join(dir, side));
    // The real CLI's context tar carries the files' mtimes; ours stamps the engine's now: make them the same.
    const t = depsA.clock.now() / 1000;
    for (const f of ['Dockerfile', 'hello.txt']) utimesSync(join(ctxDir, f), t, t);
  });
  afterAll(async () => {
    await sockets.closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The real CLI on engine A; `{side}` in the line becomes the real side's folder. */
  const real = (line: string): Promise<CliResult> => runRealShell(socket, line.replaceAll('{side}', join(dir, 'real')), { cwd: dir, env: { DOCKER_BUILDKIT: '0' } });
  /** Our CLI on `api` (B unless given), with host files and DOCKER_BUILDKIT=0. */
  const ours = async (argv: readonly string[], api: EngineApi = b): Promise<CliResult> => {
    let stdout = '';
    let stderr = '';
    const exitCode = await runDocker(
      argv.map((x) => x.replaceAll('{side}', join(dir, 'ours'))),
      { api, files: hostFiles, env: ['DOCKER_BUILDKIT=0'], stdout: { write: (s) => void (stdout += s) }, stderr: { write: (s) => void (stderr += s) } },
    );
    return { stdout, stderr, exitCode };
  };
  const quote = (argv: readonly string[]) => argv.map((x) => (/^[\w./:{}=-]+$/.test(x) ? x : `'${x.replaceAll("'", "'\\''")}'`)).join(' ');
  /** The same command through both clients, each on its engine: both succeed with the same output. */
  const both = async (argv: readonly string[], normalise: (s: string) => string = (s) => s) => {
    const r = await real(`docker ${quote(argv)}`);
    const o = await ours(argv);
    expect(r.exitCode, `real docker ${argv.join(' ')}: ${r.stderr}`).toBe(0);
    expect(o.exitCode, `our docker ${argv.join(' ')}: ${o.stderr}`).toBe(0);
    expect(normalise(o.stdout), `docker ${argv.join(' ')}`).toBe(normalise(r.stdout));
    return r;
  };
  /** Container ids come from each engine's rng: compare their shape. */
  const containerId = (s: string) => s.replace(/\b[0-9a-f]{64}\b/g, '<container id>');
  /** A read-only view through both clients on engine A (one state, two renderings). */
  const sameView = async (argv: readonly string[]) => {
    const r = await real(`docker ${quote(argv)}`);
    const o = await ours(argv, a);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(o, `docker ${argv.join(' ')}`).toEqual(r);
  };

  it('version: the Server section is ours', async () => {
    const r = await real('docker version');
    expect(r.exitCode, r.stderr).toBe(0);
    const o = await ours(['version']);
    const server = (s: string) => s.slice(s.indexOf('\nServer:')).replace(/^( Runtimes:) (.*)$/m, (_, l: string, n: string) => `${l} ${n.split(' ').sort().join(' ')}`);
    expect(server(o.stdout)).toBe(server(r.stdout));
  });

  it('pull busybox', async () => {
    await both(['pull', 'busybox']);
  });

  it('build -t t . (classic builder, several instructions), run --rm t, history, images', async () => {
    // The real CLI sends the context as a tar and counts its bytes; ours counts file bytes.
    // Intermediate container ids are random (the engines' rng may be drawn in another order by the two clients).
    const sending = (s: string) =>
      s.replace(/^Sending build context to Docker daemon[^\n]*\n/m, '').replace(/(Running in|Removed intermediate container) [0-9a-f]{12}/g, '$1 <id>');
    const r = await real(`cd ${ctxDir} && docker build -t t .`);
    const o = await ours(['build', '-t', 't', ctxDir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(o.exitCode, o.stderr).toBe(0);
    expect(sending(o.stdout)).toBe(sending(r.stdout));
    expect(r.stdout).toContain('Step 5/6 : RUN echo built > /app/built.txt && cat hello.txt\n');
    expect(r.stdout).toContain('Successfully tagged t:latest\n');
    const run = await both(['run', '--rm', 't']);
    expect(run.stdout).toBe('hello\nhi from the context\nbuilt\n');
    await both(HISTORY('t'));
    await sameView(HISTORY('t'));
    await sameView(IMAGES);
  });

  it('run -d, logs, exec, diff, ps -a, stop', async () => {
    const id = await both(['run', '-d', '--name', 'web', 't', 'sh', '-c', 'echo started; echo data > /app/data.txt; rm /app/built.txt; while :; do sleep 1; done'], containerId);
    expect(id.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    await Promise.all([depsA.timers.advance(2_000), depsB.timers.advance(2_000)]);
    await both(['logs', 'web']);
    await sameView(['logs', 'web']);
    const exec = await both(['exec', 'web', 'sh', '-c', 'echo out; echo err >&2; cat /app/data.txt']);
    expect(exec.stdout).toBe('out\ndata\n');
    expect(exec.stderr).toBe('err\n');
    await both(['diff', 'web']);
    await sameView(['diff', 'web']);
    await sameView(PS);
    // The shell as PID 1 ignores SIGTERM: the 10 s grace period passes in engine time, then SIGKILL.
    for (const [api, deps, run] of [
      [a, depsA, () => real('docker stop web')],
      [b, depsB, () => ours(['stop', 'web'])],
    ] as const) {
      let done = false;
      const stopped = run().finally(() => (done = true));
      while (!done) {
        await new Promise((r) => setTimeout(r, 20));
        await deps.timers.advance(1_000);
      }
      const res = await stopped;
      expect(res.exitCode, res.stderr).toBe(0);
      expect(res.stdout).toBe('web\n');
      expect((await api.containerInspect('web')).State.ExitCode).toBe(137);
    }
    // Realign the clocks (the grace periods took different numbers of ticks).
    const t = Math.max(depsA.clock.now(), depsB.clock.now()) + 1_000;
    depsA.clock.set(t);
    depsB.clock.set(t);
    await sameView(PS);
  });

  it('commit, save | load', async () => {
    const c = await both(['commit', '-m', 'snapshot', 'web', 'web:snap']);
    expect(c.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    await sameView(HISTORY('web:snap'));
    const r = await real('docker save t | docker load');
    expect(r.exitCode, r.stderr).toBe(0);
    const saved = await ours(['save', '-o', '{side}/t.tar', 't']);
    expect(saved.exitCode, saved.stderr).toBe(0);
    const o = await ours(['load', '-i', '{side}/t.tar']);
    expect(o.exitCode, o.stderr).toBe(0);
    expect(o.stdout).toBe(r.stdout);
    expect(r.stdout).toBe('Loaded image: t:latest\n');
    await sameView(IMAGES);
  });

  it('hijacked streams: run -i feeds stdin (sent before start), start -a attaches', async () => {
    const piped = await real(`printf 'one\\ntwo\\n' | docker run -i --rm t sh -c 'read a; read b; echo "$b $a"'`);
    expect(piped).toEqual({ stdout: 'two one\n', stderr: '', exitCode: 0 });
    expect((await real('docker create --name again t echo again')).exitCode).toBe(0);
    expect(await real('docker start -a again')).toEqual({ stdout: 'again\n', stderr: '', exitCode: 0 });
    expect(await real('docker run --rm t sh -c "echo oops >&2; exit 3"')).toEqual({ stdout: '', stderr: 'oops\n', exitCode: 3 });
    expect((await real('docker rm again')).exitCode).toBe(0);
  });

  it('cp both ways and export', async () => {
    await both(['run', '-d', '--name', 'box', 't', 'sh', '-c', 'mkdir -p /srv/conf; echo a=1 > /srv/conf/app.ini; while :; do sleep 1; done'], containerId);
    await Promise.all([depsA.timers.advance(1_000), depsB.timers.advance(1_000)]);
    writeFileSync(join(dir, 'note.txt'), 'from the host\n');
    await both(['cp', 'box:/etc/hostname', '{side}/']);
    await both(['cp', 'box:/srv/conf', '{side}/conf-copy']);
    await both(['cp', `${dir}/note.txt`, 'box:/srv/']);
    await both(['cp', `${dir}/ctx`, 'box:/srv/ctx']);
    await both(['exec', 'box', 'find', '/srv']);
    await sameView(['diff', 'box']);
    const tree = (root: string): string[] =>
      readdirSync(root, { recursive: true, encoding: 'utf8' })
        .sort()
        .map((p) => (statSync(join(root, p)).isDirectory() ? `${p}/` : `${p} ${readFileSync(join(root, p), 'utf8')}`));
    // /etc/hostname holds the container's short id, which each engine drew from its rng.
    const copies = (side: string) => tree(join(dir, side)).filter((p) => !p.startsWith('t.tar')).map((p) => p.replace(/^hostname [0-9a-f]{12}\n$/, 'hostname <id>\n'));
    expect(copies('ours')).toEqual(copies('real'));
    expect(readFileSync(join(dir, 'real', 'hostname'), 'utf8')).toBe(`${(await a.containerInspect('box')).Config.Hostname}\n`);
    await both(['export', '-o', '{side}/box.tar', 'box']);
    const names = async (side: string) => (await tarToEntries(new Uint8Array(readFileSync(join(dir, side, 'box.tar'))))).map((e) => `${e.kind} ${e.path}`);
    expect(await names('ours')).toEqual(await names('real'));
    expect(await names('real')).toContain('file srv/note.txt');
  });
});
