import { describe, expect, it } from 'vitest';
import { FdTable } from '../../src/engine/userspace/io/fd-table.ts';
import { Pipe } from '../../src/engine/userspace/io/pipe.ts';
import { Interrupt } from '../../src/engine/userspace/io/interrupt.ts';
import { CollectSink, PushSource, StreamFile } from '../../src/engine/userspace/io/special-files.ts';
import { encode } from '../../src/engine/userspace/io/text.ts';
import { SIGNALS } from '../../src/engine/userspace/process/signals.ts';
import { createKernel, runCommand } from '../../src/engine/userspace/run.ts';
import type { Kernel } from '../../src/engine/userspace/process/kernel.ts';
import { bootUserspace, nodeScheduler, sh, until, writeText } from '../helpers/userspace.ts';

/** Makes a do-nothing PID 1 so the process under test is an ordinary process. */
function withInit(kernel: Kernel): void {
  kernel.create({ argv: ['init'], env: [], cwd: '/', fds: new FdTable() });
}

const waiter = { intr: new Interrupt(), signalPending: () => false };

describe('pipes', () => {
  it('apply back-pressure: a writer waits while the pipe holds its capacity', async () => {
    const pipe = new Pipe(8);
    const [r, w] = pipe.ends();
    await w.write(encode('12345678'), waiter);
    let done = false;
    const pending = w.write(encode('9'), waiter).then(() => (done = true));
    await new Promise((res) => setImmediate(res));
    expect(done).toBe(false);
    expect(new TextDecoder().decode((await r.read(100, waiter))!)).toBe('12345678');
    await pending;
    expect(done).toBe(true);
  });

  it('give EOF once every writer is closed and EPIPE once every reader is', async () => {
    const [r, w] = new Pipe().ends();
    w.release();
    expect(await r.read(10, waiter)).toBeNull();
    const [r2, w2] = new Pipe().ends();
    r2.release();
    await expect(w2.write(encode('x'), waiter)).rejects.toMatchObject({ code: 'EPIPE' });
  });
});

describe('processes and the shell', () => {
  it('ends `yes | head -n 3` at once (SIGPIPE) and streams a million lines through a pipe', async () => {
    const { kernel } = bootUserspace();
    expect(await sh(kernel, 'yes | head -n 3; echo $?')).toEqual({ stdout: 'y\ny\ny\n0\n', stderr: '', status: 0 });
    const t0 = performance.now();
    expect((await sh(kernel, 'seq 1 1000000 | tail -n 1')).stdout).toBe('1000000\n');
    expect(performance.now() - t0).toBeLessThan(15000);
  }, 30000);

  it('yields inside a busy loop, so SIGINT interrupts `while :; do :; done`', async () => {
    const { kernel } = bootUserspace();
    withInit(kernel);
    const run = sh(kernel, 'while :; do :; done');
    await new Promise((res) => setTimeout(res, 50));
    const shell = kernel.list().find((p) => p.argv[0] === 'sh')!;
    expect(kernel.kill(shell.pid, SIGNALS.INT)).toBe(true);
    expect((await run).status).toBe(130);
  });

  it('gives PID 1 no default signal actions: TERM is ignored unless trapped, KILL always works', async () => {
    const { kernel } = bootUserspace();
    const ignored = sh(kernel, 'sleep 0.2; echo survived');
    await until(() => kernel.list().some((p) => p.argv[0] === 'sleep'));
    expect(kernel.procs.get(1)!.argv[0]).toBe('sh');
    kernel.kill(1, SIGNALS.TERM);
    expect(await ignored).toMatchObject({ stdout: 'survived\n', status: 0 });

    const k2 = bootUserspace().kernel;
    const trapped = sh(k2, 'trap "echo caught; exit 3" TERM; while :; do :; done');
    await until(() => k2.procs.get(1)!.dispositions.get(SIGNALS.TERM) === 'catch');
    k2.kill(1, SIGNALS.TERM);
    expect(await trapped).toMatchObject({ stdout: 'caught\n', status: 3 });

    const k3 = bootUserspace().kernel;
    const killed = sh(k3, 'trap "" TERM; while :; do :; done');
    await until(() => k3.procs.get(1)!.dispositions.get(SIGNALS.TERM) === 'ignore');
    k3.kill(1, SIGNALS.KILL);
    expect((await killed).status).toBe(137);
  });

  it('decides exec by file content: deleting /bin/ls removes ls; non-executable files give 126', async () => {
    const { kernel, vfs } = bootUserspace();
    expect((await sh(kernel, 'ls /')).status).toBe(0);
    vfs.unlink('/bin/ls');
    expect(await sh(kernel, 'ls /')).toEqual({ stdout: '', stderr: 'sh: ls: not found\n', status: 127 });
    expect((await sh(kernel, 'busybox ls -d /')).stdout).toBe('/\n');
    writeText(vfs, '/tmp/x.sh', 'echo hi\n', 0o644);
    expect(await sh(kernel, '/tmp/x.sh')).toEqual({ stdout: '', stderr: 'sh: /tmp/x.sh: Permission denied\n', status: 126 });
  });

  it('runs #! scripts through their interpreter with its argument, and text files without one through sh', async () => {
    const { kernel, vfs } = bootUserspace();
    writeText(vfs, '/tmp/e.sh', '#!/bin/sh -e\nfalse\necho not reached\n', 0o755);
    writeText(vfs, '/tmp/plain', 'echo plain $1\n', 0o755);
    expect(await sh(kernel, '/tmp/e.sh; echo $?; /tmp/plain x')).toEqual({ stdout: '1\nplain x\n', stderr: '', status: 0 });
  });

  it('hands \\0asm files to the WASI hook (the WASI host by default)', async () => {
    const { vfs } = bootUserspace();
    vfs.writeFile('/tmp/prog.wasm', new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), { mode: 0o755 });
    vfs.chmod('/tmp/prog.wasm', 0o755);
    const bare = createKernel(vfs, nodeScheduler);
    expect(await sh(bare, '/tmp/prog.wasm')).toEqual({ stdout: '', stderr: 'prog.wasm: the module has no _start export (not a WASI command)\n', status: 126 });
    const seen: number[] = [];
    const hooked = createKernel(vfs, nodeScheduler, {
      wasm: async (proc, module) => {
        seen.push(module.length);
        await proc.write(1, `wasm ${proc.argv.join(' ')}\n`);
        return 7;
      },
    });
    expect(await sh(hooked, '/tmp/prog.wasm a b')).toEqual({ stdout: 'wasm /tmp/prog.wasm a b\n', stderr: '', status: 7 });
    expect(seen).toEqual([8]);
  });

  it('prefixes errors of script files with the file name and line', async () => {
    const { kernel, vfs } = bootUserspace();
    writeText(vfs, '/tmp/s.sh', 'echo one\nnosuch\nif true; then\nfi\n');
    expect(await runCommand(kernel, ['sh', '/tmp/s.sh'], { path: '/bin/sh' })).toEqual({
      stdout: 'one\n',
      stderr: '/tmp/s.sh: line 2: nosuch: not found\n/tmp/s.sh: line 4: syntax error: unexpected "fi"\n',
      status: 2,
    });
  });

  it('applies the umask to created files and gives background jobs /dev/null as stdin', async () => {
    const { kernel, vfs } = bootUserspace();
    await sh(kernel, 'umask 077; echo x > /tmp/u; mkdir /tmp/ud');
    expect(vfs.stat('/tmp/u').mode & 0o777).toBe(0o600);
    expect(vfs.stat('/tmp/ud').mode & 0o777).toBe(0o700);
    expect((await sh(kernel, 'cat & wait', { stdin: 'from stdin' })).stdout).toBe('');
  });

  it('keeps a process table: $$ is the shell, children get new PIDs and leave the table on exit', async () => {
    const { kernel } = bootUserspace();
    const r = await sh(kernel, 'echo $$; sh -c "echo \\$PPID"; (echo $$)');
    expect(r.stdout).toBe('1\n1\n1\n');
    expect(kernel.list()).toEqual([]);
  });

  it('closes a killed process\'s descriptors at once, so its readers see EOF', async () => {
    const { kernel } = bootUserspace();
    const r = await sh(kernel, 'sleep 10 | cat & p=$!; kill $p; wait $p; echo $?');
    expect(r.stdout).toBe('143\n');
  });
});

describe('an interactive shell', () => {
  it('prompts, survives Ctrl-C (SIGINT to its process group) and reports the killed job', async () => {
    const { kernel } = bootUserspace();
    withInit(kernel);
    const keyboard = new PushSource();
    const out = new CollectSink();
    const err = new CollectSink();
    const fds = new FdTable();
    fds.install(0, new StreamFile(keyboard, null));
    fds.install(1, new StreamFile(null, out));
    fds.install(2, new StreamFile(null, err));
    const env = ['PATH=/bin:/usr/bin', 'HOME=/root'];
    const proc = kernel.create({ argv: ['sh', '-i'], env, cwd: '/', fds });
    kernel.run(proc, (p) => kernel.exec(p, '/bin/sh', ['sh', '-i'], env));
    const type = async (text: string, wait = 30): Promise<void> => {
      keyboard.push(encode(text));
      await new Promise((res) => setTimeout(res, wait));
    };
    await type('sleep 10\n');
    await until(() => kernel.list().some((p) => p.argv[0] === 'sleep'));
    kernel.killGroup(proc.pgid, SIGNALS.INT);
    await type('echo "after $?"\n');
    await until(() => new TextDecoder().decode(Buffer.concat(out.chunks)).includes('after'));
    await type('echo unfinished');
    kernel.killGroup(proc.pgid, SIGNALS.INT);
    await type('echo ok; exit 4\n');
    expect(await proc.exited).toBe(4);
    const text = (s: CollectSink): string => new TextDecoder().decode(Buffer.concat(s.chunks));
    expect(text(out)).toBe('after 130\nok\n');
    expect(text(err)).toBe('/ # / # / # \n/ # ');
  });
});

describe('/proc', () => {
  it('shows the live process table: cmdline, status, environ, self, mounts; and is read-only', async () => {
    const { vfs } = bootUserspace();
    const kernel = createKernel(vfs, nodeScheduler, { mounts: 'overlay / overlay rw,lowerdir=/l,upperdir=/u,workdir=/w 0 0\n' });
    const r = await sh(kernel, 'sleep 5 & ls /proc; tr "\\0" " " < /proc/$!/cmdline; echo; grep -E "^(Name|PPid)" /proc/$!/status; readlink /proc/self; cat /proc/mounts; echo x > /proc/1/comm; kill $!', {
      env: ['PATH=/bin', 'A=1'],
    });
    expect(r.stdout).toBe('1\n2\n3\nloadavg\nmeminfo\nmounts\nself\nuptime\nversion\nsleep 5 \nName:\tsleep\nPPid:\t1\n6\noverlay / overlay rw,lowerdir=/l,upperdir=/u,workdir=/w 0 0\n');
    expect(r.stderr).toBe("sh: can't create /proc/1/comm: Permission denied\n");
    expect((await sh(kernel, 'tr "\\0" "\\n" < /proc/self/environ', { env: ['PATH=/bin', 'A=1'] })).stdout).toBe('PATH=/bin\nA=1\n');
  });
});
