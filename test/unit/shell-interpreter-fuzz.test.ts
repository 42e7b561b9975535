/**
 * The shell interpreter with random scripts: 10,000 `sh -c` runs built from
 * the grammar's keywords, builtins, expansions, redirections and a few
 * applets, in one kernel. Every run ends by itself or, past a deadline, is
 * killed (SIGKILL to every process, as `docker kill` does) and then ends;
 * the shell never throws out of the process, never leaves JavaScript errors
 * in its output, and the kernel runs an ordinary script afterwards.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIGNALS } from '../../src/engine/userspace/process/signals.ts';
import { bootUserspace, sh } from '../helpers/userspace.ts';

const PIECES = [
  'echo', 'printf', '%s\\n', 'true', 'false', ':', 'x=1', 'y=$x$x', '$x', '"$y"', "'$x'", '${x:-d}', '${x:=e}', '${#y}', '${x%1}', '${x#?}', '${z?unset}', '$((x+1))', '$((1/0))', '$((x<<62))',
  '$(echo a)', '`echo b`', '$?', '$#', '$@', '"$@"', '$0', '$$', '*', '/*', '~', '|', '||', '&&', ';', '&', '\n', '(', ')', '{', '}', 'if', 'then', 'elif', 'else', 'fi', 'for', 'i', 'in', '1 2 3',
  'do', 'done', 'while', 'until', 'case', 'esac', 'a)', ';;', 'f()', 'f', 'return', 'exit 3', 'break', 'continue', 'shift', 'set -e', 'set -u', 'set --', 'local', 'export', 'unset x', 'readonly r=1',
  'r=2', 'trap', "'echo t'", 'EXIT', 'eval', "'echo e'", 'exec', 'read v', 'test', '[', ']', '-n', '-f', '=', '!=', '-eq', '>', '>>', '<', '2>&1', '>&3', '/tmp/f', '/dev/null', '<<', 'EOF', 'cat', 'wc -c', 'ls',
  'mkdir -p /tmp/d', 'cd /tmp/d', 'cd /nope', 'cat /tmp/f', 'seq 5', 'head -n 2', 'tr a-z A-Z', 'grep a', 'sort', 'rm -f /tmp/f', 'kill -9 $$', 'wait', 'ulimit -n', 'command -v sh', 'type echo', 'alias', 'umask 077',
  '\\', '"', "'", '#', '!', 'nosuchcommand', '/bin/sh -c', '"echo nested"',
];

/** Signs of a JavaScript failure in the shell's output. */
const LEAK = /TypeError|ReferenceError|RangeError|is not a function|Cannot read properties|\[object Object\]|Maximum call stack|\bundefined\b/;

describe('shell interpreter fuzz', () => {
  it('random scripts finish, or are killed and then finish, without JavaScript errors (10,000 cases)', async () => {
    // Scripts may rightly clobber the root (`echo > /bin/sh`): a fresh one every 500 runs keeps the rest meaningful.
    let { kernel } = bootUserspace();
    let n = 0;
    let killed = 0;
    let slowest = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }), async (parts) => {
        if (++n % 500 === 0) ({ kernel } = bootUserspace());
        const script = parts.join(' ');
        const t0 = performance.now();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, 60)));
        const run = sh(kernel, script);
        const first = await Promise.race([run.then(() => 'done' as const), deadline.then(() => 'late' as const)]);
        clearTimeout(timer);
        if (first === 'late') {
          killed++;
          for (const p of kernel.list()) kernel.kill(p.pid, SIGNALS.KILL);
        }
        const r = await run;
        slowest = Math.max(slowest, performance.now() - t0);
        expect(Number.isInteger(r.status) && r.status >= 0 && r.status <= 255).toBe(true);
        if (!/undefined/.test(script)) expect(r.stderr + r.stdout).not.toMatch(LEAK);
        // Nothing outlives its run: background jobs of a finished script are gone or killed here.
        for (const p of kernel.list()) kernel.kill(p.pid, SIGNALS.KILL);
      }),
      { numRuns: 10_000, seed: 99 },
    );
    expect(slowest).toBeLessThan(2000);
    expect(killed).toBeLessThan(500);
    expect(kernel.list()).toEqual([]);
    // Endless recursion ends like ash's stack overflow, in the subshell only.
    expect(await sh(bootUserspace().kernel, 'echo ok; f() { f; }; (f); echo still')).toEqual({ stdout: 'ok\nstill\n', stderr: 'Segmentation fault\n', status: 0 });
  });
});
