/**
 * The container scenarios of issue 7 end to end through `docker(argv, api)`:
 * one deterministic engine per test (seeded ids, manual clock and timers),
 * outputs as docker 28 prints them.
 */
import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/index.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { docker } from '../helpers/run-docker.ts';

function engine() {
  const deps = testDeps();
  return { api: createEngine({ ...deps, preloadImages: ['busybox'] }) as EngineApi, timers: deps.timers };
}

const NOT_FOUND_IN_PATH =
  'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "nope": executable file not found in $PATH: unknown';

describe('docker run', () => {
  it('docker run --rm busybox echo hi prints hi and leaves no container', async () => {
    const { api } = engine();
    expect(await docker(['run', '--rm', 'busybox', 'echo', 'hi'], api)).toEqual({ stdout: 'hi\n', stderr: '', exitCode: 0 });
    expect((await docker(['ps', '-a', '-q'], api)).stdout).toBe('');
  });

  it('passes the exit status through and keeps the container without --rm', async () => {
    const { api } = engine();
    const r = await docker(['run', '--name', 'fails', 'busybox', 'sh', '-c', 'echo out; echo err >&2; exit 3'], api);
    expect(r).toEqual({ stdout: 'out\n', stderr: 'err\n', exitCode: 3 });
    expect((await docker(['ps', '-a', '--format', '{{.Names}} {{.Status}}'], api)).stdout).toBe('fails Exited (3) Less than a second ago\n');
  });

  it('reports a missing program as docker does, with 127', async () => {
    const { api } = engine();
    expect(await docker(['run', 'busybox', 'nope'], api)).toEqual({
      stdout: '',
      stderr: `docker: Error response from daemon: ${NOT_FOUND_IN_PATH}\n\nRun 'docker run --help' for more information\n`,
      exitCode: 127,
    });
    expect((await docker(['ps', '-a', '--format', '{{.Status}}'], api)).stdout).toBe('Created\n');
  });

  it('reports a file that is not executable with 126', async () => {
    const { api } = engine();
    const r = await docker(['run', '--rm', 'busybox', '/etc/passwd'], api);
    expect(r.stderr).toContain('exec: "/etc/passwd": permission denied: unknown');
    expect(r.exitCode).toBe(126);
  });

  it('--entrypoint "" with no command: no command specified, 125', async () => {
    const { api } = engine();
    expect(await docker(['run', '--entrypoint', '', 'busybox'], api)).toEqual({
      stdout: '',
      stderr: "docker: Error response from daemon: no command specified\n\nRun 'docker run --help' for more information\n",
      exitCode: 125,
    });
  });

  it('refuses a name in use with the Conflict text', async () => {
    const { api } = engine();
    const id = (await docker(['create', '--name', 'web', 'busybox'], api)).stdout.trim();
    expect(await docker(['run', '--name', 'web', 'busybox', 'true'], api)).toEqual({
      stdout: '',
      stderr: `docker: Error response from daemon: Conflict. The container name "/web" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.\n\nRun 'docker run --help' for more information\n`,
      exitCode: 125,
    });
  });

  it('applies -e, -w, -u, --hostname and labels', async () => {
    const { api } = engine();
    const r = await docker(
      ['run', '--rm', '-e', 'GREETING=hello', '-w', '/data/app', '-u', 'nobody', '--hostname', 'box', 'busybox', 'sh', '-c', 'echo $GREETING; pwd; id -u; hostname; cat /etc/hostname'],
      api,
    );
    expect(r).toEqual({ stdout: 'hello\n/data/app\n65534\nbox\nbox\n', stderr: '', exitCode: 0 });
    await docker(['create', '-l', 'tier=web', '--name', 'lab', 'busybox'], api);
    expect((await docker(['ps', '-a', '--filter', 'label=tier=web', '--format', '{{.Names}} {{.Label "tier"}}'], api)).stdout).toBe('lab web\n');
  });
});

describe('a long-running container', () => {
  it('run -d, ps, exec, logs, diff, stop (10 s for sh as PID 1), rm', async () => {
    const { api, timers } = engine();
    const run = await docker(['run', '-d', '--name', 'web', 'busybox', 'sh', '-c', 'echo started; while :; do sleep 1; done'], api);
    expect(run.exitCode).toBe(0);
    const id = run.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    await timers.advance(2000);
    expect((await docker(['ps'], api)).stdout).toBe(
      'CONTAINER ID   IMAGE     COMMAND                  CREATED         STATUS         PORTS     NAMES\n' +
        `${id.slice(0, 12)}   busybox   "sh -c 'echo started…"   2 seconds ago   Up 2 seconds             web\n`,
    );
    expect((await docker(['ps', '--format', 'table {{.ID}}\t{{.Image}}\t{{.Status}}'], api)).stdout).toBe(
      `CONTAINER ID   IMAGE     STATUS\n${id.slice(0, 12)}   busybox   Up 2 seconds\n`,
    );
    const ls = await docker(['exec', 'web', 'ls', '/'], api);
    expect(ls.exitCode).toBe(0);
    expect(ls.stdout.split('\n')).toContain('etc');
    expect(await docker(['exec', 'web', 'sh', '-c', 'echo data > /tmp/new; rm /etc/group'], api)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect((await docker(['diff', 'web'], api)).stdout).toBe('C /etc\nD /etc/group\nC /tmp\nA /tmp/new\n');
    expect(await docker(['exec', 'web', 'nope'], api)).toEqual({
      stdout: '',
      stderr: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "nope": executable file not found in $PATH: unknown\n',
      exitCode: 127,
    });
    expect((await docker(['logs', '-t', 'web'], api)).stdout).toBe('2026-01-01T00:00:00.000000000Z started\n');
    expect((await docker(['inspect', '-f', '{{.State.Status}} {{.Config.Hostname}}', 'web'], api)).stdout).toBe(`running ${id.slice(0, 12)}\n`);

    expect((await docker(['rm', 'web'], api))).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: cannot remove container "/web": container is running: stop the container before removing or force remove\n',
      exitCode: 1,
    });

    let done = false;
    const stop = docker(['stop', 'web'], api).then((r) => {
      done = true;
      return r;
    });
    await timers.advance(9_000);
    expect(done).toBe(false);
    await timers.advance(1_000);
    expect(await stop).toEqual({ stdout: 'web\n', stderr: '', exitCode: 0 });
    expect((await docker(['wait', 'web'], api)).stdout).toBe('137\n');
    expect((await docker(['ps', '-a', '--format', '{{.Status}}'], api)).stdout).toBe('Exited (137) Less than a second ago\n');
    expect(await docker(['rm', 'web'], api)).toEqual({ stdout: 'web\n', stderr: '', exitCode: 0 });
    expect(await docker(['rm', 'web'], api)).toEqual({ stdout: '', stderr: 'Error response from daemon: No such container: web\n', exitCode: 1 });
  });

  it('kill sends SIGKILL; a stopped container cannot be killed', async () => {
    const { api } = engine();
    await docker(['run', '-d', '--name', 'k1', 'busybox', 'sleep', '100'], api);
    expect(await docker(['kill', 'k1'], api)).toEqual({ stdout: 'k1\n', stderr: '', exitCode: 0 });
    const again = await docker(['kill', 'k1'], api);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/^Error response from daemon: cannot kill container: k1: container [0-9a-f]{64} is not running\n$/);
  });

  it('PID 1 ignores a signal it does not handle: kill -s TERM leaves sleep running', async () => {
    const { api } = engine();
    await docker(['run', '-d', '--name', 's1', 'busybox', 'sleep', '100'], api);
    expect((await docker(['kill', '-s', 'TERM', 's1'], api)).exitCode).toBe(0);
    expect((await docker(['inspect', '-f', '{{.State.Running}}', 's1'], api)).stdout).toBe('true\n');
  });
});

describe('images in use', () => {
  it('rmi refuses an image a container uses, until the container is gone', async () => {
    const { api } = engine();
    const id = (await docker(['create', '--name', 'user', 'busybox'], api)).stdout.trim();
    const r = await docker(['rmi', 'busybox'], api);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^Error response from daemon: conflict: unable to remove repository reference "busybox" \\(must force\\) - container ${id.slice(0, 12)} is using its referenced image [0-9a-f]{12}\n$`));
    await docker(['rm', 'user'], api);
    expect((await docker(['rmi', 'busybox'], api)).exitCode).toBe(0);
  });
});

describe('create, start, wait, logs', () => {
  it('create then start -a runs in the foreground', async () => {
    const { api } = engine();
    const id = (await docker(['create', '--name', 'c1', 'busybox', 'echo', 'created'], api)).stdout.trim();
    expect((await docker(['ps', '-a', '--format', '{{.ID}} {{.Status}}'], api)).stdout).toBe(`${id.slice(0, 12)} Created\n`);
    expect(await docker(['start', '-a', 'c1'], api)).toEqual({ stdout: 'created\n', stderr: '', exitCode: 0 });
    expect(await docker(['start', 'c1'], api)).toEqual({ stdout: 'c1\n', stderr: '', exitCode: 0 });
    expect(await docker(['wait', 'c1'], api)).toEqual({ stdout: '0\n', stderr: '', exitCode: 0 });
    expect((await docker(['logs', 'c1'], api)).stdout).toBe('created\ncreated\n');
    expect((await docker(['logs', '--tail', '1', 'c1'], api)).stdout).toBe('created\n');
    expect(await docker(['start', 'nope'], api)).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: No such container: nope\nError: failed to start containers: nope\n',
      exitCode: 1,
    });
  });

  it('inspect prints the Engine API shape as a 4-space indented array', async () => {
    const { api } = engine();
    const id = (await docker(['create', '--name', 'i1', 'busybox'], api)).stdout.trim();
    const r = await docker(['inspect', 'i1'], api);
    expect(r.stdout.startsWith(`[\n    {\n        "Id": "${id}",\n        "Created": "2026-01-01T00:00:00Z",\n        "Path": "sh",\n        "Args": [],\n        "State": {\n            "Status": "created",`)).toBe(true);
    const parsed = JSON.parse(r.stdout) as [Record<string, unknown>];
    expect(Object.keys(parsed[0])).toEqual([
      'Id', 'Created', 'Path', 'Args', 'State', 'Image', 'ResolvConfPath', 'HostnamePath', 'HostsPath', 'LogPath', 'Name', 'RestartCount', 'Driver',
      'Platform', 'MountLabel', 'ProcessLabel', 'AppArmorProfile', 'ExecIDs', 'HostConfig', 'GraphDriver', 'Mounts', 'Config', 'NetworkSettings',
    ]);
    expect(Object.keys((parsed[0].GraphDriver as { Data: object }).Data)).toEqual(['LowerDir', 'MergedDir', 'UpperDir', 'WorkDir']);
    expect(await docker(['inspect', 'nope'], api)).toEqual({ stdout: '[]\n', stderr: 'Error: No such object: nope\n', exitCode: 1 });
  });
});

describe('container facts on the event bus', () => {
  it('publishes created, started, process and died facts in order', async () => {
    const { api } = engine();
    await docker(['run', '--rm', '--name', 'ev', 'busybox', 'sh', '-c', 'exit 2'], api);
    const events = await api.events({ topics: ['/container/', '/sim/process/'] });
    const topics = events.map((e) => e.topic);
    expect(topics).toEqual(['/container/created', '/sim/process/started', '/container/started', '/sim/process/exited', '/container/died', '/container/destroyed']);
    const died = events.find((e) => e.topic === '/container/died')!.data as { name: string; exitCode: number };
    expect(died).toMatchObject({ name: 'ev', exitCode: 2 });
    const created = events[0]!.data as { argv: string[]; steps: unknown[] };
    expect(created.argv).toEqual(['sh', '-c', 'exit 2']);
    expect(created.steps.length).toBeGreaterThan(0);
  });
});
