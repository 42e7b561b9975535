/**
 * docker export, cp (the archive endpoints and the CLI's landing rules),
 * import, stats, system df and events through EngineApi and our CLI, on a
 * deterministic engine (no docker CLI needed).
 */
import { describe, expect, it } from 'vitest';
import type { BuildContextEntry, EngineApi, EventMessage } from '../../src/api/index.ts';
import { runDocker } from '../../src/cli/index.ts';
import type { CliFiles } from '../../src/cli/io.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { entriesToTar, tarToEntries } from '../../src/engine/fs/index.ts';

async function setup() {
  const deps = testDeps(3);
  const api = createEngine({ ...deps, preloadImages: ['busybox'] }) as EngineApi;
  const files = memoryFiles();
  const docker = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const exitCode = await runDocker(argv, { api, files, stdout: { write: (s) => void (stdout += s) }, stderr: { write: (s) => void (stderr += s) } });
    return { stdout, stderr, exitCode };
  };
  await docker('run', '-d', '--name', 'web', 'busybox', 'sh', '-c', 'mkdir -p /srv/a; echo one > /srv/a/f; ln -s /srv/a/f /srv/link; while :; do sleep 1; done');
  await deps.timers.advance(1_000);
  return { api, deps, docker, files };
}

/** A host file system in memory: path → file content or directory. */
function memoryFiles(): CliFiles & { tree: Map<string, Uint8Array | 'dir'> } {
  const tree = new Map<string, Uint8Array | 'dir'>([['/', 'dir'], ['/host', 'dir']]);
  const parent = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';
  return {
    tree,
    readFile(path) {
      const v = tree.get(path);
      if (!(v instanceof Uint8Array)) throw new Error(`open ${path}: no such file or directory`);
      return v;
    },
    writeFile(path, data) {
      tree.set(path, data);
    },
    walk(dir) {
      return [...tree.entries()]
        .filter(([p]) => p.startsWith(`${dir}/`))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([p, v]): BuildContextEntry => (v === 'dir' ? { path: p.slice(dir.length + 1), type: 'dir' } : { path: p.slice(dir.length + 1), type: 'file', data: v }));
    },
    stat(path) {
      const v = tree.get(path.replace(/\/$/, ''));
      return v === undefined ? undefined : { type: v === 'dir' ? 'dir' : 'file' };
    },
    extract(dir, entries) {
      if (!tree.has(parent(dir))) throw new Error(`lstat ${parent(dir)}: no such file or directory`);
      tree.set(dir, 'dir');
      for (const e of entries) tree.set(`${dir}/${e.path}`, e.type === 'dir' ? 'dir' : typeof e.data === 'string' ? new TextEncoder().encode(e.data) : (e.data ?? new Uint8Array(0)));
    },
  };
}

const text = (v: Uint8Array | 'dir' | undefined) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v);

describe('container archives (docker cp through the API)', () => {
  it('stat: Go FileMode bits, symlink targets, dockerd not-found text', async () => {
    const { api } = await setup();
    const dir = await api.containerArchiveStat('web', '/srv/a');
    expect(dir).toMatchObject({ name: 'a', mode: 2 ** 31 + 0o755 });
    const link = await api.containerArchiveStat('web', '/srv/link');
    expect(link).toMatchObject({ name: 'link', mode: 2 ** 27 + 0o777, linkTarget: '/srv/a/f' });
    await expect(api.containerArchiveStat('web', '/nope')).rejects.toMatchObject({ code: 'NotFound', message: 'Could not find the file /nope in container web' });
  });

  it('get: a tar rooted at the base name; put: extracts into an existing directory, copy-up recorded in diff', async () => {
    const { api, docker } = await setup();
    const { tar } = await api.containerArchive('web', '/srv/a');
    expect((await tarToEntries(tar)).map((e) => `${e.kind} ${e.path}`)).toEqual(['dir a', 'file a/f']);
    await api.containerPutArchive('web', '/etc', tar);
    expect((await docker('exec', 'web', 'cat', '/etc/a/f')).stdout).toBe('one\n');
    expect((await docker('diff', 'web')).stdout).toContain('A /etc/a/f\n');
    await expect(api.containerPutArchive('web', '/srv/a/f', tar)).rejects.toMatchObject({ code: 'InvalidParameter', message: 'extraction point is not a directory' });
    const fileNamedA = await entriesToTar([{ kind: 'file', path: 'a', mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, data: new Uint8Array([120]) }]);
    await expect(api.containerPutArchive('web', '/srv', fileNamedA, { noOverwriteDirNonDir: true })).rejects.toMatchObject({ message: 'cannot overwrite directory "/srv/a" with non-directory "a"' });
  });
});

describe('docker cp (CLI landing rules)', () => {
  it('container → host: into a directory, onto a new name, contents with /.', async () => {
    const { docker, files } = await setup();
    expect(await docker('cp', 'web:/srv/a/f', '/host')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(text(files.tree.get('/host/f'))).toBe('one\n');
    await docker('cp', 'web:/srv/a', '/host/copy');
    expect(text(files.tree.get('/host/copy/f'))).toBe('one\n');
    await docker('cp', 'web:/srv/a/.', '/host/contents');
    expect(text(files.tree.get('/host/contents/f'))).toBe('one\n');
    expect(await docker('cp', 'web:/srv/a', '/host/f')).toMatchObject({ stderr: 'cannot copy directory\n', exitCode: 1 });
    expect(await docker('cp', 'web:/nope', '/host')).toMatchObject({ stderr: 'Error response from daemon: Could not find the file /nope in container web\n', exitCode: 1 });
  });

  it('host → container, and the usage errors', async () => {
    const { docker, files } = await setup();
    files.tree.set('/host/note.txt', new TextEncoder().encode('hello\n'));
    files.tree.set('/host/dir', 'dir');
    files.tree.set('/host/dir/x', new TextEncoder().encode('x\n'));
    expect((await docker('cp', '/host/note.txt', 'web:/srv/')).exitCode).toBe(0);
    expect((await docker('cp', '/host/note.txt', 'web:/srv/renamed.txt')).exitCode).toBe(0);
    expect((await docker('cp', '/host/dir', 'web:/srv/a')).exitCode).toBe(0);
    expect((await docker('exec', 'web', 'find', '/srv', '-type', 'f')).stdout.split('\n').sort().join(' ')).toBe(' /srv/a/dir/x /srv/a/f /srv/note.txt /srv/renamed.txt');
    expect(await docker('cp', '/host/a', '/host/b')).toMatchObject({ stderr: 'must specify at least one container source\n', exitCode: 1 });
    expect(await docker('cp', 'web:/a', 'web:/b')).toMatchObject({ stderr: 'copying between containers is not supported\n', exitCode: 1 });
  });
});

describe('export, import, stats, df, events', () => {
  it('export -o writes the merged tree; import makes a one-layer image with -c and -m', async () => {
    const { docker, files, api } = await setup();
    expect(await docker('export', 'web')).toMatchObject({ exitCode: 1 });
    expect((await docker('export', '-o', '/host/web.tar', 'web')).exitCode).toBe(0);
    const names = (await tarToEntries(files.tree.get('/host/web.tar') as Uint8Array)).map((e) => e.path);
    expect(names).toContain('srv/a/f');
    expect(names).toContain('bin/busybox');
    const imported = await docker('import', '-c', 'CMD ["cat", "/srv/a/f"]', '-m', 'mine', '/host/web.tar', 'web:flat');
    expect(imported.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect((await docker('history', '--format', '{{.CreatedBy}}|{{.Comment}}', 'web:flat')).stdout).toBe('|mine\n');
    expect((await api.imageInspect('web:flat')).Config.Cmd).toEqual(['cat', '/srv/a/f']);
    expect((await docker('run', '--rm', 'web:flat')).stdout).toBe('one\n');
  });

  it('stats --no-stream: one row per running container', async () => {
    const { docker } = await setup();
    const out = (await docker('stats', '--no-stream', '--format', '{{.Name}} {{.CPUPerc}} {{.PIDs}} {{.NetIO}}')).stdout;
    expect(out).toBe('web 0.00% 2 0B / 0B\n');
  });

  it('system df: shared layers once, reclaimable from stopped containers', async () => {
    const { docker } = await setup();
    await docker('run', '--name', 'done', 'busybox', 'sh', '-c', 'echo 12345 > /x');
    const out = (await docker('system', 'df', '--format', '{{.Type}}|{{.TotalCount}}|{{.Active}}|{{.Reclaimable}}')).stdout;
    expect(out).toBe('Images|1|1|0B (0%)\nContainers|2|1|6B (33%)\nLocal Volumes|0|0|0B\nBuild Cache|0|0|0B\n');
  });

  it('events: retained ones between since and until, filters, live ones until unsubscribed', async () => {
    const { api, deps, docker } = await setup();
    const now = (await api.now()) / 1000;
    const got: EventMessage[] = [];
    let ended = false;
    await api.systemEvents({ since: 0, until: now, filters: { type: ['container'] } }, (batch, end) => {
      got.push(...batch);
      ended ||= end;
    });
    expect(ended).toBe(true);
    expect(got.map((m) => m.Action)).toEqual(['create', 'start']);
    expect(got[0]!.Actor.Attributes).toEqual({ image: 'busybox', name: 'web' });
    const live: string[] = [];
    const sub = await api.systemEvents({ filters: { event: ['die', 'exec_start'] } }, (batch) => live.push(...batch.map((m) => `${m.Action} ${m.Actor.Attributes.name}`)));
    await docker('exec', 'web', 'true');
    await docker('kill', 'web');
    await deps.timers.advance(10);
    sub.unsubscribe();
    expect(live).toEqual(['exec_start: true web', 'die web']);
    const printed = (await docker('events', '--since', '0', '--until', String(now), '--filter', 'event=start')).stdout;
    expect(printed).toMatch(/^2026-01-01T00:00:00\.000000000Z container start [0-9a-f]{64} \(image=busybox, name=web\)\n$/);
    await expect(api.systemEvents({ filters: { bogus: ['x'] } }, () => {})).rejects.toMatchObject({ message: "invalid filter 'bogus'" });
  });

  it('exec with Tty: one terminal device for stdin, stdout and stderr, TERM=xterm (docker exec -it over the hijack)', async () => {
    const { api } = await setup();
    const { Id } = await api.execCreate('web', { Cmd: ['sh', '-c', 'tty; echo $TERM; echo err >&2'], Tty: true, AttachStdout: true, AttachStderr: true });
    const chunks: { fd: number; data: string }[] = [];
    await api.execStart(Id, {}, (c) => chunks.push(...c));
    expect(chunks.map((c) => `${c.fd}:${c.data}`).join('')).toBe('1:/dev/pts/0\r\n1:xterm\r\n1:err\r\n');
  });
});
