/**
 * Per-command output of the container commands (ps flags and filters, logs
 * options, restart, rename, pause, top, port, wait, env files), against a
 * deterministic engine.
 */
import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/index.ts';
import { runDocker } from '../../src/cli/index.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { docker } from '../helpers/run-docker.ts';

function engine() {
  const deps = testDeps();
  return { api: createEngine({ ...deps, preloadImages: ['busybox'] }) as EngineApi, timers: deps.timers, clock: deps.clock };
}

const out = async (argv: string[], api: EngineApi) => (await docker(argv, api)).stdout;

describe('docker ps', () => {
  async function three() {
    const e = engine();
    await docker(['run', '--name', 'done0', 'busybox', 'true'], e.api);
    await e.timers.advance(60_000);
    await docker(['run', '--name', 'done3', '-l', 'app=db', 'busybox', 'sh', '-c', 'exit 3'], e.api);
    await e.timers.advance(60_000);
    await docker(['run', '-d', '--name', 'up', '-l', 'app=web', 'busybox', 'sleep', '1000'], e.api);
    await docker(['create', '--name', 'fresh', 'busybox'], e.api);
    await e.timers.advance(5_000);
    return e;
  }

  it('shows running containers; -a all, newest first, with daemon status words', async () => {
    const { api } = await three();
    expect(await out(['ps', '--format', '{{.Names}}'], api)).toBe('up\n');
    expect(await out(['ps', '-a', '--format', '{{.Names}}\t{{.Status}}\t{{.RunningFor}}'], api)).toBe(
      'fresh\tCreated\t5 seconds ago\nup\tUp 5 seconds\t5 seconds ago\ndone3\tExited (3) About a minute ago\tAbout a minute ago\ndone0\tExited (0) 2 minutes ago\t2 minutes ago\n',
    );
  });

  it('-n, -l, -q and --no-trunc', async () => {
    const { api } = await three();
    expect(await out(['ps', '-n', '2', '--format', '{{.Names}}'], api)).toBe('fresh\nup\n');
    expect(await out(['ps', '-l', '--format', '{{.Names}}'], api)).toBe('fresh\n');
    const q = await out(['ps', '-aq'], api);
    expect(q.split('\n').filter(Boolean).every((id) => id.length === 12)).toBe(true);
    const full = await out(['ps', '-q', '--no-trunc'], api);
    expect(full).toMatch(/^[0-9a-f]{64}\n$/);
    expect(await out(['ps', '--no-trunc', '--format', '{{.Command}}'], api)).toBe('"sleep 1000"\n');
  });

  it('filters: status, name, exited, label, ancestor', async () => {
    const { api } = await three();
    const names = (f: string[]) => out(['ps', '-a', ...f.flatMap((x) => ['--filter', x]), '--format', '{{.Names}}'], api);
    expect(await names(['status=exited'])).toBe('done3\ndone0\n');
    expect(await names(['status=created'])).toBe('fresh\n');
    expect(await names(['name=done'])).toBe('done3\ndone0\n');
    expect(await names(['exited=3'])).toBe('done3\n');
    expect(await names(['label=app'])).toBe('up\ndone3\n');
    expect(await names(['label=app=web'])).toBe('up\n');
    expect(await names(['ancestor=busybox', 'status=running'])).toBe('up\n');
    expect(await docker(['ps', '--filter', 'bogus=1'], api)).toEqual({ stdout: '', stderr: "Error response from daemon: invalid filter 'bogus'\n", exitCode: 1 });
  });

  it('-s shows the writable layer and the virtual size', async () => {
    const { api } = engine();
    await docker(['run', '-d', '--name', 'sz', 'busybox', 'sh', '-c', 'seq 1 500 > /big; sleep 100'], api);
    await new Promise((r) => setTimeout(r, 20));
    const size = await out(['ps', '-s', '--format', '{{.Size}}'], api);
    expect(size).toMatch(/^1.89kB \(virtual \d+(\.\d+)?MB\)\n$/);
  });
});

describe('docker logs', () => {
  it('--since, --until, --tail and -f', async () => {
    const { api, timers } = engine();
    await docker(['run', '-d', '--name', 'ticker', 'busybox', 'sh', '-c', 'i=0; while [ $i -lt 5 ]; do i=$((i+1)); echo tick $i; sleep 10; done'], api);
    await timers.advance(25_000);
    expect(await out(['logs', 'ticker'], api)).toBe('tick 1\ntick 2\ntick 3\n');
    expect(await out(['logs', '--since', '14s', 'ticker'], api)).toBe('tick 3\n');
    expect(await out(['logs', '--until', '2026-01-01T00:00:05Z', 'ticker'], api)).toBe('tick 1\n');
    expect(await out(['logs', '-n', '2', 'ticker'], api)).toBe('tick 2\ntick 3\n');
    const follow = docker(['logs', '-f', '--tail', '1', 'ticker'], api);
    await timers.advance(30_000);
    expect((await follow).stdout).toBe('tick 3\ntick 4\ntick 5\n');
  });

  it('a missing container is the daemon error', async () => {
    const { api } = engine();
    expect(await docker(['logs', 'nope'], api)).toEqual({ stdout: '', stderr: 'Error response from daemon: No such container: nope\n', exitCode: 1 });
  });
});

describe('lifecycle commands', () => {
  it('restart gives a new PID 1 and keeps the name; rename moves the name', async () => {
    const { api, timers } = engine();
    await docker(['run', '-d', '--name', 'r1', 'busybox', 'sh', '-c', 'echo boot; sleep 1000'], api);
    const restart = docker(['restart', '-t', '1', 'r1'], api);
    await timers.advance(1_000);
    expect(await restart).toEqual({ stdout: 'r1\n', stderr: '', exitCode: 0 });
    expect(await out(['logs', 'r1'], api)).toBe('boot\nboot\n');
    expect(await docker(['rename', 'r1', 'r2'], api)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(await out(['ps', '--format', '{{.Names}} {{.State}}'], api)).toBe('r2 running\n');
  });

  it('--restart on-failure:2 restarts a failing container twice', async () => {
    const { api, timers } = engine();
    await docker(['run', '-d', '--name', 'flaky', '--restart', 'on-failure:2', 'busybox', 'sh', '-c', 'echo try; exit 1'], api);
    await timers.advance(1_000);
    expect(await out(['logs', 'flaky'], api)).toBe('try\ntry\ntry\n');
    expect(await out(['inspect', '-f', '{{.RestartCount}} {{.State.Status}} {{.HostConfig.RestartPolicy.Name}}', 'flaky'], api)).toBe('2 exited on-failure\n');
    expect(await docker(['run', '--rm', '--restart', 'always', 'busybox'], api)).toEqual({
      stdout: '',
      stderr: "docker: conflicting options: cannot specify both --restart and --rm\n\nRun 'docker run --help' for more information\n",
      exitCode: 125,
    });
  });

  it('pause freezes the processes (no output) until unpause', async () => {
    const { api, timers } = engine();
    await docker(['run', '-d', '--name', 'p1', 'busybox', 'sh', '-c', 'while :; do echo x; sleep 1; done'], api);
    await timers.advance(2_500);
    expect(await docker(['pause', 'p1'], api)).toEqual({ stdout: 'p1\n', stderr: '', exitCode: 0 });
    const before = (await out(['logs', 'p1'], api)).length;
    await timers.advance(5_000);
    expect((await out(['logs', 'p1'], api)).length).toBe(before);
    expect(await out(['ps', '--format', '{{.Status}}'], api)).toBe('Up 7 seconds (Paused)\n');
    const again = await docker(['pause', 'p1'], api);
    expect(again.stderr).toMatch(/^Error response from daemon: container [0-9a-f]{64} is already paused\n$/);
    expect((await docker(['exec', 'p1', 'true'], api)).stderr).toMatch(/is paused, unpause the container before exec\n$/);
    await docker(['unpause', 'p1'], api);
    await timers.advance(1_000);
    expect((await out(['logs', 'p1'], api)).length).toBeGreaterThan(before);
  });

  it('top lists PID 1 and its children with host PIDs; port has nothing published', async () => {
    const { api } = engine();
    await docker(['run', '-d', '--name', 't1', 'busybox', 'sh', '-c', 'sleep 500 & sleep 600'], api);
    await new Promise((r) => setTimeout(r, 20));
    const top = await out(['top', 't1'], api);
    expect(top.split('\n')[0]).toMatch(/^UID\s+PID\s+PPID\s+C\s+STIME\s+TTY\s+TIME\s+CMD$/);
    // ash execs the last command of `-c` in place: `sleep 600` is PID 1, `sleep 500` its child.
    const rows = top.trim().split('\n').slice(1).map((r) => r.split(/\s{2,}/));
    expect(rows.map((r) => [r[1], r[2], r[7]])).toEqual([
      ['2300', '2299', 'sleep 600'],
      ['2301', '2300', 'sleep 500'],
    ]);
    expect(await docker(['port', 't1'], api)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(await docker(['port', 't1', '80'], api)).toEqual({ stdout: '', stderr: "Error: No public port '80' published for t1\n", exitCode: 1 });
  });

  it('wait blocks until the container stops and prints the code', async () => {
    const { api, timers } = engine();
    await docker(['run', '-d', '--name', 'w1', 'busybox', 'sh', '-c', 'sleep 3; exit 7'], api);
    const waiting = docker(['wait', 'w1'], api);
    await timers.advance(3_000);
    expect(await waiting).toEqual({ stdout: '7\n', stderr: '', exitCode: 0 });
  });

  it('--env-file reads host files through the CLI files capability', async () => {
    const { api } = engine();
    let stdout = '';
    const code = await runDocker(['run', '--rm', '--env-file', 'app.env', 'busybox', 'sh', '-c', 'echo $A-$B'], {
      api,
      env: ['B=from-client'],
      stdout: { write: (s) => void (stdout += s) },
      stderr: { write: () => {} },
      files: {
        readFile: (p) => new TextEncoder().encode(p === 'app.env' ? '# comment\nA=1\nB\n' : ''),
        writeFile: () => {},
      },
    });
    expect({ code, stdout }).toEqual({ code: 0, stdout: '1-from-client\n' });
  });
});

describe('run options', () => {
  it('--stop-signal and stop -t change how docker stop ends PID 1', async () => {
    const { api, timers } = engine();
    await docker(['run', '-d', '--name', 'sig', '--stop-signal', 'KILL', 'busybox', 'sh', '-c', 'while :; do sleep 1; done'], api);
    expect(await docker(['stop', 'sig'], api)).toEqual({ stdout: 'sig\n', stderr: '', exitCode: 0 });
    expect(await out(['inspect', '-f', '{{.State.ExitCode}} {{.Config.StopSignal}}', 'sig'], api)).toBe('137 KILL\n');
    await docker(['run', '-d', '--name', 'quick', 'busybox', 'sh', '-c', 'while :; do sleep 1; done'], api);
    const stop = docker(['stop', '-t', '2', 'quick'], api);
    await timers.advance(2_000);
    expect(await stop).toEqual({ stdout: 'quick\n', stderr: '', exitCode: 0 });
  });

  it('an unknown user fails the start with 125; --entrypoint replaces the image command', async () => {
    const { api } = engine();
    expect(await docker(['run', '--rm', '-u', 'nobody2', 'busybox', 'id'], api)).toEqual({
      stdout: '',
      stderr: "docker: Error response from daemon: unable to find user nobody2: no matching entries in passwd file\n\nRun 'docker run --help' for more information\n",
      exitCode: 125,
    });
    expect(await docker(['run', '--rm', '--entrypoint', 'echo', 'busybox', 'from', 'entrypoint'], api)).toEqual({ stdout: 'from entrypoint\n', stderr: '', exitCode: 0 });
    expect(await out(['run', '--rm', '-w', '/made/for/you', 'busybox', 'pwd'], api)).toBe('/made/for/you\n');
  });

  it('a flag Layerlab does not simulate yet is refused, not ignored', async () => {
    const { api } = engine();
    expect(await docker(['run', '--memory', '64m', 'busybox'], api)).toEqual({ stdout: '', stderr: 'Layerlab: --memory is not simulated yet\n', exitCode: 125 });
  });
});

describe('interactive input', () => {
  it('docker run -i and exec -i read the terminal through the CliInput capability', async () => {
    const { api } = engine();
    const keyboard = (lines: string[]) => ({
      subscribe(fn: (text: string | null) => void) {
        setTimeout(() => {
          for (const l of lines) fn(l);
          fn(null);
        }, 5);
        return () => {};
      },
    });
    let stdout = '';
    const io = { stdout: { write: (s: string) => void (stdout += s) }, stderr: { write: () => {} } };
    expect(await runDocker(['run', '-i', '--rm', 'busybox', 'sh', '-c', 'while read l; do echo "> $l"; done'], { api, ...io, stdin: keyboard(['a\n', 'b\n']) })).toBe(0);
    expect(stdout).toBe('> a\n> b\n');
    await docker(['run', '-d', '--name', 'box', 'busybox', 'sleep', '100'], api);
    stdout = '';
    expect(await runDocker(['exec', '-i', 'box', 'wc', '-l'], { api, ...io, stdin: keyboard(['1\n', '2\n', '3\n']) })).toBe(0);
    expect(stdout.trim()).toBe('3');
    // Without a keyboard, stdin is closed at once.
    expect(await docker(['run', '-i', '--rm', 'busybox', 'cat'], api)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });
});

describe('docker attach', () => {
  it('follows a running container until it exits, with its status; refuses a stopped one', async () => {
    const { api, timers } = engine();
    await docker(['run', '-d', '--name', 'att', 'busybox', 'sh', '-c', 'sleep 2; echo late; exit 5'], api);
    const attached = docker(['attach', 'att'], api);
    await timers.advance(2_000);
    expect(await attached).toEqual({ stdout: 'late\n', stderr: '', exitCode: 5 });
    expect(await docker(['attach', 'att'], api)).toEqual({ stdout: '', stderr: 'You cannot attach to a stopped container, start it first\n', exitCode: 1 });
  });
});

describe('docker ps --format json', () => {
  it('prints each container context with Go-sorted keys', async () => {
    const { api } = engine();
    const id = (await docker(['run', '-d', '--name', 'js', '-l', 'a=b', 'busybox', 'sleep', '100'], api)).stdout.trim();
    expect(await out(['ps', '--format', 'json'], api)).toBe(
      `{"Command":"\\"sleep 100\\"","CreatedAt":"2026-01-01 00:00:00 +0000 UTC","ID":"${id.slice(0, 12)}","Image":"busybox","Labels":"a=b","LocalVolumes":"0","Mounts":"","Names":"js","Networks":"bridge","Platform":null,"Ports":"","RunningFor":"Less than a second ago","Size":"0B","State":"running","Status":"Up Less than a second"}\n`,
    );
  });
});

describe('docker run -t', () => {
  it('one terminal for all streams, with \\r\\n line ends; a bare shell waits on it', async () => {
    const { api } = engine();
    expect(await docker(['run', '-t', '--rm', 'busybox', 'sh', '-c', 'echo a; echo b >&2'], api)).toEqual({ stdout: 'a\r\nb\r\n', stderr: '', exitCode: 0 });
    await docker(['run', '-d', '-t', '--name', 'tty1', 'busybox'], api);
    await new Promise((r) => setTimeout(r, 20));
    expect(await out(['ps', '--format', '{{.Names}} {{.Command}} {{.State}}'], api)).toBe('tty1 "sh" running\n');
    expect(await out(['inspect', '-f', '{{.Config.Tty}} {{.Config.OpenStdin}}', 'tty1'], api)).toBe('true false\n');
  });
});

describe('docker container prune', () => {
  it('removes stopped containers (with -f) and keeps running ones', async () => {
    const { api } = engine();
    const gone = (await docker(['create', '--name', 'old', 'busybox'], api)).stdout.trim();
    await docker(['run', '-d', '--name', 'alive', 'busybox', 'sleep', '100'], api);
    expect((await docker(['container', 'prune'], api)).exitCode).toBe(1);
    expect(await docker(['container', 'prune', '-f'], api)).toEqual({
      stdout: `Deleted Containers:\n${gone}\n\nTotal reclaimed space: 0B\n`,
      stderr: '',
      exitCode: 0,
    });
    expect(await out(['ps', '-a', '--format', '{{.Names}}'], api)).toBe('alive\n');
    expect(await out(['container', 'prune', '-f'], api)).toBe('Total reclaimed space: 0B\n');
  });
});

describe('several containers at once', () => {
  it('stop stops them in parallel (one grace period) and reports in argument order', async () => {
    const { api, timers } = engine();
    for (const n of ['s1', 's2']) await docker(['run', '-d', '--name', n, 'busybox', 'sh', '-c', 'while :; do sleep 1; done'], api);
    let done = false;
    const stop = docker(['stop', 's2', 'nope', 's1'], api).then((r) => ((done = true), r));
    await timers.advance(10_000);
    expect(done).toBe(true);
    expect(await stop).toEqual({ stdout: 's2\ns1\n', stderr: 'Error response from daemon: No such container: nope\n', exitCode: 1 });
  });
});
