/**
 * Oracle for the pull/push text: the real docker CLI renders dockerd's
 * progress stream itself (`jsonmessage.DisplayJSONMessagesStream`) and adds
 * its own lines (`Using default tag: latest`, the final reference). Here a
 * minimal daemon on a unix socket streams the progress messages our client
 * produced for a real pull/push (in-engine registry), the real `docker pull`
 * / `docker push` print them, and pullOutput/pushOutput must print the same.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../src/engine/deps.ts';
import { TABLE_WRITER } from '../../src/cli/format/table.ts';
import { formatTabbed } from '../../src/cli/format/tabwriter.ts';
import {
  HUB_SEARCH_INDEX,
  MemoryImageStore,
  RegistryClient,
  RegistryHosts,
  progressStream,
  pullOutput,
  pushOutput,
  formatConfigFile,
  login,
  loginMessages,
  logout,
  logoutMessage,
  parseConfigFile,
  searchCells,
  searchHub,
} from '../../src/engine/registry/index.ts';
import type { ProgressMessage } from '../../src/engine/registry/index.ts';
import { requireOracle } from '../helpers/shared.ts';
import { makeImage, storeWith } from '../unit/registry-fixture.ts';

const hasDocker = spawnSync('docker', ['--version']).status === 0;
const enabled = requireOracle('docker CLI', hasDocker, 'install docker.io (client only is enough)');

describe.runIf(enabled)('docker pull/push text: real docker CLI vs our formatter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-regcli-'));
  const socket = join(dir, 'docker.sock');
  /** What the fake daemon streams for the next pull or push. */
  let stream: ProgressMessage[] = [];
  const requests: string[] = [];
  let server: Server;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      const headers = { 'Api-Version': '1.50', 'Ostype': 'linux', 'Docker-Experimental': 'false' };
      if (req.url === '/_ping') {
        res.writeHead(200, { ...headers, 'Content-Type': 'text/plain' }).end(req.method === 'HEAD' ? undefined : 'OK');
        return;
      }
      if (req.method === 'POST' && /\/images\/(create|.+\/push)/.test(req.url ?? '')) {
        req.resume();
        res.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
        res.end(progressStream(stream));
        return;
      }
      if (req.method === 'POST' && /\/auth$/.test(req.url ?? '')) {
        req.resume();
        res.writeHead(200, { ...headers, 'Content-Type': 'application/json' }).end(JSON.stringify({ Status: 'Login Succeeded' }));
        return;
      }
      if (req.method === 'GET' && (req.url ?? '').includes('/images/search?')) {
        const term = new URL(req.url!, 'http://d').searchParams.get('term') ?? '';
        const hits = searchHub(HUB_SEARCH_INDEX, term).map((e) => ({
          star_count: e.stars,
          is_official: e.official,
          name: e.name,
          is_automated: false,
          description: e.description,
        }));
        res.writeHead(200, { ...headers, 'Content-Type': 'application/json' }).end(JSON.stringify(hits));
        return;
      }
      res.writeHead(404, { ...headers, 'Content-Type': 'application/json' }).end('{"message":"not found"}');
    });
    await new Promise<void>((resolve) => server.listen(socket, resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the real CLI with `input` on stdin; resolves stdout and stderr. */
  const realDockerIo = (argv: string[], input: string) =>
    new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
      const env = { PATH: process.env.PATH, HOME: dir, DOCKER_HOST: `unix://${socket}`, TZ: 'UTC' };
      const child = spawn('docker', argv, { env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ stdout, stderr, code }));
      child.stdin.end(input);
    });

  const realDocker = async (...argv: string[]) => {
    const env = { PATH: process.env.PATH, HOME: dir, DOCKER_HOST: `unix://${socket}`, TZ: 'UTC' };
    const r = await promisify(execFile)('docker', argv, { encoding: 'utf8', env, timeout: 20_000 });
    return r.stdout;
  };

  async function scenario() {
    const hosts = new RegistryHosts(new SeededRng(21));
    hosts.start('localhost:5000');
    const client = new RegistryClient({ transport: hosts.transport(), chunkSize: 1024, progressStep: 700 });
    const image = await makeImage({ seed: 'cli', layerCount: 7, fileSize: 2500 });
    return { client, image };
  }

  it('pull: same lines as `docker pull` (default tag, layer statuses without progress bars, Digest, Status, reference)', async () => {
    const { client, image } = await scenario();
    await client.push('localhost:5000/team/app:latest', storeWith(image, 'localhost:5000/team/app:latest'));
    const messages: ProgressMessage[] = [];
    await client.pull('localhost:5000/team/app', new MemoryImageStore(), (m) => messages.push(m));
    expect(messages.some((m) => m.progressDetail !== undefined)).toBe(true);
    stream = messages;
    const theirs = await realDocker('pull', 'localhost:5000/team/app');
    if (process.env.ORACLE_DEBUG) console.log(theirs);
    expect(pullOutput('localhost:5000/team/app', messages)).toEqual(theirs.replace(/\n$/, '').split('\n'));
    expect(requests.some((r) => r.includes('/images/create?fromImage=localhost%3A5000%2Fteam%2Fapp&tag=latest'))).toBe(true);

    const byDigest: ProgressMessage[] = [];
    const pinned = `localhost:5000/team/app@${image.manifest.digest}`;
    await client.pull(pinned, new MemoryImageStore(), (m) => byDigest.push(m));
    stream = byDigest;
    const lines = pullOutput(pinned, byDigest);
    expect(lines[0]).toBe(`${image.manifest.digest}: Pulling from team/app`);
    expect(lines).toEqual((await realDocker('pull', pinned)).replace(/\n$/, '').split('\n'));

    const again: ProgressMessage[] = [];
    const local = new MemoryImageStore();
    await client.pull('localhost:5000/team/app:latest', local);
    await client.pull('localhost:5000/team/app:latest', local, (m) => again.push(m));
    stream = again;
    expect(pullOutput('localhost:5000/team/app:latest', again)).toEqual((await realDocker('pull', 'localhost:5000/team/app:latest')).replace(/\n$/, '').split('\n'));
  });

  it('push: same lines as `docker push` (Preparing, Pushed / Layer already exists, digest and size)', async () => {
    const { client, image } = await scenario();
    const local = storeWith(image, 'localhost:5000/team/app:v1');
    const first: ProgressMessage[] = [];
    await client.push('localhost:5000/team/app:v1', local, (m) => first.push(m));
    stream = first;
    expect(pushOutput('localhost:5000/team/app:v1', first)).toEqual((await realDocker('push', 'localhost:5000/team/app:v1')).replace(/\n$/, '').split('\n'));
    const second: ProgressMessage[] = [];
    storeWith(image, 'localhost:5000/team/app:latest', local);
    await client.push('localhost:5000/team/app', local, (m) => second.push(m));
    stream = second;
    expect(pushOutput('localhost:5000/team/app', second)).toEqual((await realDocker('push', 'localhost:5000/team/app')).replace(/\n$/, '').split('\n'));
  });

  it('search: searchCells through the CLI’s tabwriter print what `docker search` prints', async () => {
    for (const [term, noTrunc] of [['busybox', false], ['linux', false], ['linux', true]] as const) {
      const cells = [['NAME', 'DESCRIPTION', 'STARS', 'OFFICIAL'], ...searchCells(searchHub(HUB_SEARCH_INDEX, term), { noTrunc })];
      const ours = formatTabbed(`${cells.map((row) => row.join('\t')).join('\n')}\n`, TABLE_WRITER);
      const theirs = await realDocker('search', ...(noTrunc ? ['--no-trunc'] : []), term);
      if (process.env.ORACLE_DEBUG) console.log(theirs);
      expect(ours).toBe(theirs);
    }
  });

  it('login/logout: config.json bytes and messages as the real CLI writes and prints them', async () => {
    const path = join(dir, '.docker', 'config.json');
    for (const [server, user, password] of [['', 'alice', 's3cret'], ['localhost:5000', 'bob', 'pa:ss']] as const) {
      const before = (() => {
        try {
          return readFileSync(path, 'utf8');
        } catch {
          return '';
        }
      })();
      const r = await realDockerIo(['login', '-u', user, '--password-stdin', ...(server ? [server] : [])], `${password}\n`);
      expect(r.code).toBe(0);
      const ours = loginMessages(path);
      expect(r.stdout).toBe(`${ours.stdout.join('\n')}\n`);
      expect(r.stderr).toBe(`${ours.stderr.join('\n')}\n`);
      expect(readFileSync(path, 'utf8')).toBe(formatConfigFile(login(parseConfigFile(before), server, user, password)));
    }
    const before = readFileSync(path, 'utf8');
    const out = await realDockerIo(['logout'], '');
    const ours = logout(parseConfigFile(before), '');
    expect(ours.removed).toBe(true);
    expect(out.stdout).toBe(`${logoutMessage(ours.key)}\n`);
    expect(readFileSync(path, 'utf8')).toBe(formatConfigFile(ours.config));
    const again = await realDockerIo(['logout'], '');
    expect(logout(ours.config, '').removed).toBe(false);
    expect(again.stdout).toBe(`${logoutMessage(ours.key)}\n`);
    expect(readFileSync(path, 'utf8')).toBe(formatConfigFile(ours.config));
  });
});
