import { describe, expect, it } from 'vitest';
import { bootRuntime, collector } from '../helpers/runtime.ts';

describe('container lifecycle', () => {
  it('runs echo hi: attach, start, wait; output and exit code', async () => {
    const { runtime } = await bootRuntime();
    const { Id } = await runtime.create({ Image: 'busybox', Cmd: ['echo', 'hi'] });
    const out = collector();
    runtime.attach(Id, { stdout: true, stderr: true }, out.listener);
    const waited = runtime.wait(Id, 'next-exit');
    await runtime.start(Id);
    expect(await waited).toEqual({ StatusCode: 0 });
    expect(out.stdout()).toBe('hi\n');
    const c = runtime.inspect(Id);
    expect(c.State.Status).toBe('exited');
    expect(c.Path).toBe('echo');
    expect(c.Args).toEqual(['hi']);
    expect(c.Config.Env).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']);
    expect(c.Config.Hostname).toBe(Id.slice(0, 12));
  });

  it('gives PID 1 the environment dockerd gives it', async () => {
    const { runtime } = await bootRuntime();
    const { Id } = await runtime.create({ Image: 'busybox', Cmd: ['env'], Env: ['A=1'] });
    const out = collector();
    runtime.attach(Id, {}, out.listener);
    const waited = runtime.wait(Id, 'next-exit');
    await runtime.start(Id);
    await waited;
    expect(out.stdout()).toBe(`PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=${Id.slice(0, 12)}\nA=1\nHOME=/root\n`);
  });

  it('fails to start an unknown program with runc\'s text, leaving the container created with 127', async () => {
    const { runtime } = await bootRuntime();
    const { Id } = await runtime.create({ Image: 'busybox', Cmd: ['nope'] });
    await expect(runtime.start(Id)).rejects.toThrow(
      'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "nope": executable file not found in $PATH: unknown',
    );
    const c = runtime.inspect(Id);
    expect(c.State.Status).toBe('created');
    expect(c.State.ExitCode).toBe(127);
  });

  it('stop on a shell PID 1 waits the grace period, then SIGKILL (137)', async () => {
    const { runtime, deps } = await bootRuntime();
    const { Id } = await runtime.create({ Image: 'busybox', name: 'web', Cmd: ['sh', '-c', 'while :; do sleep 1; done'] });
    await runtime.start(Id);
    await deps.timers.advance(3000);
    expect(runtime.list()[0]!.Status).toBe('Up 3 seconds');
    let stopped = false;
    const stop = runtime.stop('web').then(() => (stopped = true));
    await deps.timers.advance(9000);
    expect(stopped).toBe(false);
    await deps.timers.advance(1000);
    await stop;
    const c = runtime.inspect('web');
    expect(c.State.Status).toBe('exited');
    expect(c.State.ExitCode).toBe(137);
    await deps.timers.advance(3000);
    expect(runtime.list({ all: true })[0]!.Status).toBe('Exited (137) 3 seconds ago');
  });

  it('exec runs in the running container; diff shows its writes', async () => {
    const { runtime, deps } = await bootRuntime();
    const { Id } = await runtime.create({ Image: 'busybox', name: 'web', Cmd: ['sh', '-c', 'while :; do sleep 1; done'] });
    await runtime.start(Id);
    const e = runtime.execCreate('web', { Cmd: ['sh', '-c', 'echo x > /tmp/f; rm /etc/group; ls /'] });
    const out = collector();
    await runtime.execStart(e.Id, {}, out.listener);
    expect(out.stdout()).toContain('bin\n');
    expect(runtime.execInspect(e.Id).ExitCode).toBe(0);
    expect(runtime.changes('web')).toEqual([
      { Path: '/etc', Kind: 0 },
      { Path: '/etc/group', Kind: 2 },
      { Path: '/tmp', Kind: 0 },
      { Path: '/tmp/f', Kind: 1 },
    ]);
    await runtime.kill('web');
    await deps.timers.advance(10);
    expect(runtime.inspect('web').State.ExitCode).toBe(137);
  });

  it('rejects a second container with the same name in docker\'s words', async () => {
    const { runtime } = await bootRuntime();
    const { Id } = await runtime.create({ Image: 'busybox', name: 'xx' });
    await expect(runtime.create({ Image: 'busybox', name: 'xx' })).rejects.toThrow(
      `Conflict. The container name "/xx" is already in use by container "${Id}". You have to remove (or rename) that container to be able to reuse that name.`,
    );
  });

  it('logs keep lines per stream with timestamps; AutoRemove removes on exit', async () => {
    const { runtime } = await bootRuntime();
    const { Id } = await runtime.create({ Image: 'busybox', name: 'lg', Cmd: ['sh', '-c', 'echo out; echo err >&2; printf partial'] });
    const w = runtime.wait(Id, 'next-exit');
    await runtime.start(Id);
    await w;
    const all = collector();
    await runtime.logs('lg', { timestamps: true }, all.listener);
    expect(all.stdout()).toBe('2026-01-01T00:00:00.000000000Z out\n2026-01-01T00:00:00.000000000Z partial');
    expect(all.stderr()).toBe('2026-01-01T00:00:00.000000000Z err\n');
    const tail = collector();
    await runtime.logs('lg', { tail: '1', stderr: false }, tail.listener);
    expect(tail.stdout()).toBe('partial');

    const r = await runtime.create({ Image: 'busybox', Cmd: ['true'], HostConfig: { AutoRemove: true } });
    const removed = runtime.wait(r.Id, 'removed');
    await runtime.start(r.Id);
    await removed;
    expect(() => runtime.get(r.Id)).toThrow(`No such container: ${r.Id}`);
  });
});

describe('interactive streams', () => {
  it('feeds an -i container and an -i exec through streamInput', async () => {
    const { runtime } = await bootRuntime();
    const { Id } = await runtime.create({ Image: 'busybox', Cmd: ['sh', '-c', 'read line; echo got $line'], OpenStdin: true, AttachStdin: true });
    const out = collector();
    const { streamId } = runtime.attach(Id, { stdin: true, stdout: true, stderr: true }, out.listener);
    const waited = runtime.wait(Id, 'next-exit');
    await runtime.start(Id);
    await runtime.streamInput(streamId, 'hello\n');
    expect(await waited).toEqual({ StatusCode: 0 });
    expect(out.stdout()).toBe('got hello\n');

    const web = await runtime.create({ Image: 'busybox', name: 'web', Cmd: ['sleep', '100'] });
    await runtime.start(web.Id);
    const e = runtime.execCreate('web', { Cmd: ['cat'], AttachStdin: true });
    const execOut = collector();
    const done = runtime.execStart(e.Id, {}, execOut.listener);
    await runtime.streamInput(e.Id, 'line 1\n');
    await runtime.streamInput(e.Id, null);
    await done;
    expect(execOut.stdout()).toBe('line 1\n');
  });
});
