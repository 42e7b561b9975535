/**
 * The image commands end to end (CLI → EngineApi → image store): table
 * layout and columns as docker prints them, values taken from the API's own
 * answers, Docker's texts for errors, and save/load through a host-files
 * capability.
 */
import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/index.ts';
import { runDocker } from '../../src/cli/index.ts';
import type { CliFiles } from '../../src/cli/io.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { docker } from '../helpers/run-docker.ts';

function engine(): EngineApi {
  return createEngine({ ...testDeps(), preloadImages: ['busybox', 'alpine', 'hello-world'] });
}

/** Rows of a docker table: cells split on runs of 3+ spaces (tabwriter padding). */
const table = (out: string) => out.trimEnd().split('\n').map((l) => l.trimEnd().split(/ {3,}/));

describe('docker images', () => {
  it('one row per tag, newest first, with docker headers, short ids and precision-3 sizes', async () => {
    const api = engine();
    const list = await api.imageList();
    const [header, ...rows] = table((await docker(['images'], api)).stdout);
    expect(header).toEqual(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']);
    expect(rows.map((r) => r[2])).toEqual(list.map((s) => s.Id.slice(7, 19)));
    expect(rows.map((r) => `${r[0]}:${r[1]}`)).toEqual(list.map((s) => s.RepoTags[0]));
    expect(rows.find((r) => r[0] === 'busybox')![4]).toBe('4.27MB');
    expect(rows.every((r) => / ago$/.test(r[3]!))).toBe(true);
  });

  it('-q, --no-trunc, --digests, REPOSITORY argument and --filter', async () => {
    const api = engine();
    const list = await api.imageList();
    expect((await docker(['images', '-q'], api)).stdout).toBe(list.map((s) => `${s.Id.slice(7, 19)}\n`).join(''));
    expect((await docker(['images', '-q', '--no-trunc'], api)).stdout).toBe(list.map((s) => `${s.Id}\n`).join(''));
    const digests = table((await docker(['images', '--digests'], api)).stdout);
    expect(digests[0]).toEqual(['REPOSITORY', 'TAG', 'DIGEST', 'IMAGE ID', 'CREATED', 'SIZE']);
    expect(digests.slice(1).map((r) => `${r[0]}@${r[2]}`)).toEqual(list.map((s) => s.RepoDigests[0]));
    expect(table((await docker(['images', 'alp*'], api)).stdout).slice(1).map((r) => r[0])).toEqual(['alpine']);
    expect(table((await docker(['images', '--filter', 'reference=busybox'], api)).stdout)).toHaveLength(2);
    expect((await docker(['images', '--filter', 'bogus=1'], api))).toMatchObject({ exitCode: 1, stderr: "Error response from daemon: invalid filter 'bogus'\n" });
  });

  it('a retagged pulled image keeps its digest: a `<none>` tag row that dangling=true lists; --format templates', async () => {
    const api = engine();
    const old = (await api.imageInspect('alpine')).Id;
    await docker(['tag', 'busybox', 'alpine'], api);
    const dangling = table((await docker(['images', '--filter', 'dangling=true'], api)).stdout);
    expect(dangling.slice(1).map((r) => [r[0], r[1], r[2], r[4]])).toEqual([['alpine', '<none>', old.slice(7, 19), '8.31MB']]);
    expect((await docker(['images', '--format', '{{.Repository}}:{{.Tag}} {{.Size}}', 'alpine'], api)).stdout).toBe('alpine:<none> 8.31MB\nalpine:latest 4.27MB\n');
    const json = JSON.parse((await docker(['images', '--format', 'json', 'busybox'], api)).stdout) as Record<string, string>;
    expect(Object.keys(json)).toEqual([...Object.keys(json)].sort());
    expect(json.Repository).toBe('busybox');
  });
});

describe('docker history, inspect, tag, rmi', () => {
  it('history rows mirror the API, newest first, <missing> below the top', async () => {
    const api = engine();
    const items = await api.imageHistory('busybox');
    const [header, ...rows] = table((await docker(['history', 'busybox'], api)).stdout);
    expect(header).toEqual(['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT']);
    expect(rows.map((r) => r[0])).toEqual(items.map((i) => (i.Id === '<missing>' ? '<missing>' : i.Id.slice(7, 19))));
    expect((await docker(['history', '-q', 'busybox'], api)).stdout).toBe(items.map((i) => `${i.Id === '<missing>' ? i.Id : i.Id.slice(7, 19)}\n`).join(''));
  });

  it('image inspect prints a 4-space indented array equal to the API result', async () => {
    const api = engine();
    const r = await docker(['image', 'inspect', 'busybox', 'alpine'], api);
    expect(JSON.parse(r.stdout)).toEqual([await api.imageInspect('busybox'), await api.imageInspect('alpine')]);
    expect(r.stdout).toMatch(/^\[\n {4}\{\n {8}"Id": "sha256:/);
    const missing = await docker(['image', 'inspect', 'busybox', 'nope'], api);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toBe('Error response from daemon: No such image: nope:latest\n');
    expect(JSON.parse(missing.stdout)).toHaveLength(1);
  });

  it('tag then rmi: Untagged/Deleted lines as the API returns them; docker texts for errors', async () => {
    const api = engine();
    expect(await docker(['tag', 'busybox', 'me/box:1'], api)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    const id = (await api.imageInspect('busybox')).Id;
    const conflict = await docker(['rmi', id.slice(7, 19)], api);
    expect(conflict).toEqual({
      stdout: '',
      stderr: `Error response from daemon: conflict: unable to delete ${id.slice(7, 19)} (must be forced) - image is referenced in multiple repositories\n`,
      exitCode: 1,
    });
    const first = await docker(['rmi', 'me/box:1'], api);
    expect(first.stdout).toBe('Untagged: me/box:1\n');
    const second = await docker(['rmi', 'busybox', 'nope'], api);
    expect(second.stdout.split('\n').filter(Boolean).map((l) => l.split(': ')[0])).toEqual(['Untagged', 'Untagged', 'Deleted', 'Deleted']);
    expect(second.stdout).toContain(`Deleted: ${id}\n`);
    expect(second.stderr).toBe('Error response from daemon: No such image: nope:latest\n');
    expect(second.exitCode).toBe(1);
    expect((await docker(['rmi', '-f', 'nope'], api)).exitCode).toBe(0);
    expect((await docker(['tag', 'alpine', 'UPPER'], api)).stderr).toBe(
      'Error parsing reference: "UPPER" is not a valid repository/tag: invalid reference format: repository name (library/UPPER) must be lowercase\n',
    );
  });

  it('image prune -f removes dangling images (digest-only ones untagged first) and totals the released layers', async () => {
    const api = engine();
    const old = await api.imageInspect('alpine');
    await docker(['tag', 'busybox', 'alpine'], api);
    const r = await docker(['image', 'prune', '-f'], api);
    const lines = [`untagged: ${old.RepoDigests[0]}`, `deleted: ${old.Id}`];
    expect(r.stdout).toMatch(new RegExp(`^Deleted Images:\\n${lines.join('\\n')}\\ndeleted: sha256:[a-f0-9]{64}\\n\\nTotal reclaimed space: 8\\.312MB\\n$`));
    expect((await docker(['image', 'prune', '-f'], api)).stdout).toBe('Total reclaimed space: 0B\n');
  });
});

describe('docker save / load', () => {
  it('save -o writes an archive that load -i reads back into another engine', async () => {
    const written = new Map<string, Uint8Array>();
    const files: CliFiles = {
      readFile: (p) => {
        const b = written.get(p);
        if (!b) throw new Error(`open ${p}: no such file or directory`);
        return b;
      },
      writeFile: (p, data) => void written.set(p, data),
    };
    const run = async (argv: string[], api: EngineApi) => {
      let stdout = '';
      let stderr = '';
      const exitCode = await runDocker(argv, { api, files, stdout: { write: (s) => void (stdout += s) }, stderr: { write: (s) => void (stderr += s) } });
      return { stdout, stderr, exitCode };
    };
    const a = engine();
    expect(await run(['save', '-o', 'imgs.tar', 'busybox', 'hello-world'], a)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    const b = createEngine(testDeps());
    expect(await run(['load', '-i', 'imgs.tar'], b)).toEqual({ stdout: 'Loaded image: busybox:latest\nLoaded image: hello-world:latest\n', stderr: '', exitCode: 0 });
    expect((await b.imageInspect('busybox')).Id).toBe((await a.imageInspect('busybox')).Id);
    expect(await run(['load', '-i', 'missing.tar'], b)).toEqual({ stdout: '', stderr: 'open missing.tar: no such file or directory\n', exitCode: 1 });
    expect((await run(['save', 'busybox'], a)).exitCode).toBe(1);
    expect((await docker(['save', '-o', 'x.tar', 'busybox'], a)).stderr).toMatch(/no host files/);
  });
});
