/**
 * python3 in a container: MicroPython's WebAssembly build running scripts
 * from the union mount, with file I/O through it.
 */
import { describe, expect, it } from 'vitest';
import { container } from './pkg-fixture.ts';
import { FdTable } from '../../src/engine/userspace/io/fd-table.ts';
import { bytesSource, CollectSink, StreamFile } from '../../src/engine/userspace/io/special-files.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('python3 (MicroPython)', () => {
  it('runs a script from the image with argv, stdout, stderr and exit status', async () => {
    const { mount, sh } = await container('python:3.13-slim');
    mount.mkdir('/app', 0o755);
    mount.writeFile('/app/app.py', enc('import sys\nprint("hello from", sys.argv[0], sys.argv[1:])\nprint("to stderr", file=sys.stderr)\nsys.exit(3)\n'), { mode: 0o644 });
    const r = await sh('cd /app && python3 app.py a b; echo "status $?"');
    expect(r).toEqual({ stdout: "hello from app.py ['a', 'b']\nstatus 3\n", stderr: 'to stderr\n', status: 0 });
    expect((await sh('python --version')).stdout).toBe('Python 3.4.0 (MicroPython v1.27.0)\n');
  }, 30000);

  it('reads and writes files through the union mount, imports modules beside the script', async () => {
    const { mount, sh } = await container('python:3.13-slim');
    mount.mkdir('/app', 0o755);
    mount.writeFile('/app/helper.py', enc('def greet(n):\n    return "hi " + n\n'), { mode: 0o644 });
    mount.writeFile('/app/main.py', enc([
      'import os, helper',
      'with open("/etc/debian_version") as f: print(f.read().strip())',
      'os.mkdir("/app/out")',
      'with open("/app/out/result.txt", "w") as f: f.write(helper.greet("layer") + "\\n")',
      'os.remove("/etc/debian_version")',
      'print(sorted(os.listdir("/app")))',
    ].join('\n') + '\n'), { mode: 0o644 });
    const r = await sh('python3 /app/main.py && cat /app/out/result.txt');
    expect(r).toEqual({ stdout: "12.12\n['helper.py', 'main.py', 'out']\nhi layer\n", stderr: '', status: 0 });
    const diff = mount.diff().map((c) => `${c.kind} ${c.path}`);
    expect(diff).toContain('A /app/out/result.txt');
    expect(diff).toContain('D /etc/debian_version');
  }, 30000);

  it('prints a traceback naming the script, runs -c and stdin programs', async () => {
    const { mount, sh } = await container('python:3.13-slim');
    mount.writeFile('/tmp/bad.py', enc('x = 1\nprint(y)\n'), { mode: 0o644 });
    expect(await sh('python3 /tmp/bad.py')).toEqual({
      stdout: '',
      stderr: 'Traceback (most recent call last):\n  File "/tmp/bad.py", line 2, in <module>\nNameError: name \'y\' isn\'t defined\n',
      status: 1,
    });
    expect((await sh('python3 -c "print(6*7)"')).stdout).toBe('42\n');
    expect((await sh('echo "print(sum(range(10)))" | python3')).stdout).toBe('45\n');
    expect((await sh('cd / && python3 -c "open(\'/top.txt\', \'w\').write(\'at the root\')" && cat /top.txt')).stdout).toBe('at the root');
    expect(mount.diff().map((c) => `${c.kind} ${c.path}`)).toContain('A /top.txt');
    expect(await sh('python3 /nope.py')).toEqual({ stdout: '', stderr: "python3: can't open file '/nope.py': [Errno 2] No such file or directory\n", status: 2 });
  }, 30000);

  it('gives a prompt on a terminal: statements run as entered, values echoed, exit() ends it', async () => {
    const { kernel } = await container('python:3.13-slim');
    const out = new CollectSink();
    const fds = new FdTable();
    fds.install(0, new StreamFile(bytesSource(new TextEncoder().encode('x = 6\nx * 7\nprint(z)\nfor i in range(2):\n    print(i)\n\nexit(4)\n')), null, () => {}, '/dev/pts/0'));
    fds.install(1, new StreamFile(null, out, () => {}, '/dev/pts/0'));
    fds.install(2, new StreamFile(null, out, () => {}, '/dev/pts/0'));
    const env = ['PATH=/usr/local/bin:/usr/bin:/bin'];
    const proc = kernel.create({ argv: ['python3'], env, cwd: '/', fds });
    kernel.run(proc, (p) => kernel.exec(p, '/usr/local/bin/python3', ['python3'], env));
    const status = await proc.exited;
    expect(status).toBe(4);
    expect(new TextDecoder().decode(Buffer.concat(out.chunks))).toBe('MicroPython v1.27.0 on 2025-12-10; Layerlab\'s python3 (not CPython)\nType "help()" for more information.\n>>> >>> 42\n>>> Traceback (most recent call last):\n  File "<stdin>", line 1, in <module>\nNameError: name \'z\' isn\'t defined\n>>> ... ... 0\n1\n>>> ');
  }, 30000);
});
