/**
 * `docker pull / push / search / login / logout` and `docker run` of a
 * missing image, through our CLI against a fresh engine: the simulated
 * Docker Hub answers, output as docker 28 prints it (the formatters
 * themselves are checked against the real CLI in
 * test/oracle/registry-cli-output.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { EngineApi, EngineEvent, ProgressMessage } from '../../src/api/index.ts';
import { runDocker } from '../../src/cli/index.ts';
import type { CliFiles, CliInput } from '../../src/cli/io.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { docker } from '../helpers/run-docker.ts';

const PULL_DENIED =
  "Error response from daemon: pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n";
const LOGIN_WARNING =
  "\nWARNING! Your credentials are stored unencrypted in '/home/learner/.docker/config.json'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n";

const fresh = (): EngineApi => createEngine(testDeps());
const lines = (s: string) => s.replace(/\n$/, '').split('\n');

describe('docker pull', () => {
  it('starts with no images, pulls busybox from the simulated Hub, then says it is up to date', async () => {
    const api = fresh();
    expect(await api.imageList()).toEqual([]);
    const first = await docker(['pull', 'busybox'], api);
    expect([first.exitCode, first.stderr]).toEqual([0, '']);
    const [img] = await api.imageList();
    expect(img!.RepoTags).toEqual(['busybox:latest']);
    const digest = img!.RepoDigests[0]!.split('@')[1]!;
    const out = lines(first.stdout);
    expect(out.slice(0, 2)).toEqual(['Using default tag: latest', 'latest: Pulling from library/busybox']);
    expect(out.filter((l) => l.endsWith(': Pull complete'))).toHaveLength(1);
    expect(out.slice(-3)).toEqual([`Digest: ${digest}`, 'Status: Downloaded newer image for busybox:latest', 'docker.io/library/busybox:latest']);

    const again = await docker(['pull', 'busybox:latest'], api);
    expect(again.exitCode).toBe(0);
    expect(lines(again.stdout).slice(-2)).toEqual(['Status: Image is up to date for busybox:latest', 'docker.io/library/busybox:latest']);
    expect(again.stdout).not.toContain('Using default tag');
    expect(again.stdout).toContain(': Already exists');

    const quiet = await docker(['pull', '-q', 'busybox'], api);
    expect(quiet.stdout).toBe('docker.io/library/busybox:latest\n');
  });

  it('fails like docker for a repository the Hub does not have, and for missing arguments', async () => {
    const r = await docker(['pull', 'nope']);
    expect(r).toEqual({ exitCode: 1, stdout: 'Using default tag: latest\n', stderr: PULL_DENIED });
    const usage = await docker(['pull']);
    expect(usage.exitCode).toBe(1);
    expect(usage.stderr).toBe("docker: 'docker pull' requires 1 argument\n\nUsage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n\nRun 'docker pull --help' for more information\n");
  });

  it('hands progress to the listener in batches of dockerd’s JSON messages, and shows as POST /images/create', async () => {
    const api = fresh();
    const events: EngineEvent[] = [];
    await api.subscribe({}, (batch) => void events.push(...batch));
    const batches: (readonly ProgressMessage[])[] = [];
    await api.imagePull('busybox', (b) => void batches.push(b));
    const all = batches.flat();
    expect(batches.length).toBeLessThan(all.length);
    expect(all[0]).toEqual({ id: 'latest', status: 'Pulling from library/busybox' });
    expect(all.at(-1)).toEqual({ status: 'Status: Downloaded newer image for busybox:latest' });
    await Promise.resolve();
    expect(events.some((e) => e.topic === '/api/request/handled' && (e.data as { endpoint?: string }).endpoint === 'POST /images/create')).toBe(true);
  });
});

describe('docker run of a missing image', () => {
  it('prints Unable to find image, pulls on stderr, then runs; the second run does not pull', async () => {
    const api = fresh();
    const r = await docker(['run', '--rm', 'busybox', 'echo', 'hi'], api);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('hi\n');
    const err = lines(r.stderr);
    expect(err.slice(0, 2)).toEqual(["Unable to find image 'busybox:latest' locally", 'latest: Pulling from library/busybox']);
    expect(err.at(-1)).toBe('Status: Downloaded newer image for busybox:latest');
    expect(r.stderr).not.toContain('Using default tag');
    expect(r.stderr).not.toContain('docker.io/library/busybox:latest');
    expect((await api.imageList()).map((i) => i.RepoTags)).toEqual([['busybox:latest']]);
    const again = await docker(['run', '--rm', 'busybox', 'echo', 'hi'], api);
    expect(again).toEqual({ exitCode: 0, stdout: 'hi\n', stderr: '' });
  });

  it('reports a failed pull as docker run does (125)', async () => {
    const r = await docker(['run', 'nope']);
    expect(r.exitCode).toBe(125);
    expect(r.stderr).toBe(`Unable to find image 'nope:latest' locally\ndocker: ${PULL_DENIED}\nRun 'docker run --help' for more information\n`);
  });

  it('docker create pulls too', async () => {
    const api = fresh();
    const r = await docker(['create', 'alpine'], api);
    expect(r.exitCode).toBe(0);
    expect(r.stderr.startsWith("Unable to find image 'alpine:latest' locally\nlatest: Pulling from library/alpine\n")).toBe(true);
    expect(r.stdout).toMatch(/^[0-9a-f]{64}\n$/);
  });
});

describe('docker login, push, logout', () => {
  it('pushes to the user’s own Hub namespace only after login; denied elsewhere; logout forgets', async () => {
    const api = fresh();
    await docker(['pull', 'busybox'], api);
    expect((await docker(['tag', 'busybox', 'alice/tools'], api)).exitCode).toBe(0);

    const anonymous = await docker(['push', 'alice/tools'], api);
    expect(anonymous.exitCode).toBe(1);
    expect(anonymous.stdout).toMatch(/^Using default tag: latest\nThe push refers to repository \[docker\.io\/alice\/tools\]\n/);
    expect(anonymous.stderr).toBe('unauthorized: authentication required\n');

    const bad = await docker(['login', '-u', 'alice', '-p', ''], api);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password\n');

    const login = await docker(['login', '-u', 'alice', '-p', 'pw'], api);
    expect(login).toEqual({
      exitCode: 0,
      stdout: 'Login Succeeded\n',
      stderr: `WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n${LOGIN_WARNING}`,
    });

    const push = await docker(['push', 'alice/tools'], api);
    expect([push.exitCode, push.stderr]).toEqual([0, '']);
    const out = lines(push.stdout);
    expect(out.slice(0, 2)).toEqual(['Using default tag: latest', 'The push refers to repository [docker.io/alice/tools]']);
    expect(out.some((l) => l.endsWith(': Mounted from library/busybox'))).toBe(true);
    expect(out.at(-1)).toMatch(/^latest: digest: sha256:[0-9a-f]{64} size: \d+$/);

    await docker(['tag', 'busybox', 'bob/tools'], api);
    const denied = await docker(['push', 'bob/tools'], api);
    expect([denied.exitCode, denied.stderr]).toEqual([1, 'denied: requested access to the resource is denied\n']);

    const search = await docker(['search', 'alice'], api);
    expect(lines(search.stdout)[1]).toMatch(/^alice\/tools +0 *$/);

    // The pushed image comes back into an empty store with the same id.
    const id = (await api.imageInspect('alice/tools')).Id;
    await docker(['rmi', 'alice/tools', 'bob/tools', 'busybox'], api);
    expect(await api.imageList()).toEqual([]);
    expect((await docker(['pull', 'alice/tools'], api)).exitCode).toBe(0);
    expect((await api.imageInspect('alice/tools')).Id).toBe(id);

    const logout = await docker(['logout'], api);
    expect(logout).toEqual({ exitCode: 0, stdout: 'Removing login credentials for https://index.docker.io/v1/\n', stderr: '' });
    await docker(['tag', 'alice/tools', 'alice/other'], api);
    expect((await docker(['push', 'alice/other'], api)).stderr).toBe('unauthorized: authentication required\n');
  });

  it('keeps config.json in the host’s files when it has them: base64 user:password, read back by push', async () => {
    const store = new Map<string, Uint8Array>();
    const files: CliFiles = {
      readFile(path) {
        const data = store.get(path);
        if (!data) throw new Error(`open ${path}: no such file or directory`);
        return data;
      },
      writeFile: (path, data) => void store.set(path, data),
    };
    const keyboard: CliInput = {
      subscribe(fn) {
        fn('s3cret\n');
        fn(null);
        return () => {};
      },
    };
    const api = fresh();
    const run = async (argv: string[]) => {
      let stdout = '';
      let stderr = '';
      const exitCode = await runDocker(argv, {
        api,
        files,
        stdin: keyboard,
        configFile: '/tmp/cfg/config.json',
        stdout: { write: (s) => void (stdout += s) },
        stderr: { write: (s) => void (stderr += s) },
      });
      return { exitCode, stdout, stderr };
    };
    const login = await run(['login', '-u', 'carol', '--password-stdin']);
    expect(login.exitCode).toBe(0);
    expect(login.stderr).toContain("stored unencrypted in '/tmp/cfg/config.json'");
    const config = JSON.parse(new TextDecoder().decode(store.get('/tmp/cfg/config.json'))) as { auths: Record<string, { auth: string }> };
    expect(Buffer.from(config.auths['https://index.docker.io/v1/']!.auth, 'base64').toString()).toBe('carol:s3cret');
    await run(['pull', 'busybox']);
    await run(['tag', 'busybox', 'carol/app:v1']);
    const push = await run(['push', 'carol/app:v1']);
    expect([push.exitCode, push.stderr]).toEqual([0, '']);
    expect(push.stdout.startsWith('The push refers to repository [docker.io/carol/app]\n')).toBe(true);
    expect((await run(['login', '--password-stdin'])).stderr).toBe('Must provide --username with --password-stdin\n');
  });
});

describe('docker search', () => {
  it('prints NAME DESCRIPTION STARS OFFICIAL, with --filter, --limit, --no-trunc and --format', async () => {
    const api = fresh();
    const r = await docker(['search', 'busybox'], api);
    expect(r.exitCode).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toMatch(/^NAME +DESCRIPTION +STARS +OFFICIAL$/);
    expect(out[1]).toMatch(/^busybox +.+ +\d+ +\[OK\]$/);
    expect(out.some((l) => l.startsWith('layerlab/busybox-tools ') && l.includes('…'))).toBe(true);

    const official = await docker(['search', '--filter', 'is-official=true', 'busybox'], api);
    expect(official.stdout).not.toContain('layerlab/');
    const starred = await docker(['search', '-f', 'stars=100000', 'busybox'], api);
    expect(lines(starred.stdout)).toHaveLength(1);
    const limited = await docker(['search', '--limit', '1', '--format', '{{.Name}}: {{.StarCount}} {{.IsOfficial}}', 'linux'], api);
    expect(limited.stdout).toMatch(/^[a-z]+: \d+ \[OK\]\n$/);
    const full = await docker(['search', '--no-trunc', '--format', '{{.Description}}', 'layerlab/busybox-tools'], api);
    expect(full.stdout).toBe('BusyBox with a few extra scripts used in the Layerlab lessons.\n');
    const badFilter = await docker(['search', '--filter', 'stars=many', 'busybox'], api);
    expect([badFilter.exitCode, badFilter.stderr]).toEqual([1, "Error response from daemon: invalid filter 'stars=many'\n"]);
  });
});

describe('engine state', () => {
  it('keeps repositories pushed to the Hub across exportState / importState', async () => {
    const api = fresh();
    await docker(['pull', 'busybox'], api);
    await docker(['tag', 'busybox', 'dave/kept:v1'], api);
    await docker(['login', '-u', 'dave', '-p', 'pw'], api);
    expect((await docker(['push', 'dave/kept:v1'], api)).exitCode).toBe(0);
    const saved = await api.exportState();
    const later = fresh();
    await later.importState(JSON.parse(JSON.stringify(saved)));
    await later.imageRemove('dave/kept:v1');
    const r = await docker(['pull', 'dave/kept:v1'], later);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Status: Downloaded newer image for dave/kept:v1');
  });
});
