/**
 * The docker command line with random argv against a live engine: 10,000
 * command lines built from the CLI's own command names and flags, values
 * that are almost right, and random strings. Every run ends (no hang), with
 * an exit code in 0…255, never an exception, and never a JavaScript error
 * leaking into what the learner reads; the engine answers afterwards.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/index.ts';
import { runDocker } from '../../src/cli/index.ts';
import { COMMANDS } from '../../src/cli/docker.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';

/** Command words: every command path we implement, plus ones we do not. */
const WORDS = [...new Set([...COMMANDS.keys()].flatMap((k) => k.split(' ')))].concat(['builder', 'system', 'network', 'volume', 'compose', 'swarm', 'help']);
/** Flags from the command specs, plus malformed ones. */
const FLAGS = [
  ...new Set(
    [...COMMANDS.values()].flatMap((c) => c.flags.flatMap((f) => [`--${f.name}`, ...(f.shorthand ? [`-${f.shorthand}`] : [])])),
  ),
  '-', '--', '---', '--=', '-=x', '--format={{', '--format={{.ID}}', '--format=json', '--format={{json .}}', '--filter=', '--filter=label=a=b', '-aq', '-itd', '--help', '-h', '--debug', '-H', '--host=tcp://x', '--config=/x', '-l=panic', '--tlsverify',
];
/** Values: image and container names that exist, nearly exist, or cannot exist; numbers; templates; paths. */
const VALUES = [
  'hello-world', 'busybox', 'busybox:latest', 'busybox:nope', 'BusyBox', 'sha256:', 'sha256:' + 'f'.repeat(64), 'a'.repeat(300), 'x/y/z:1@sha256:00', 'c1', '/c1', 'c1 c2',
  'true', 'false', 'echo', 'hi', 'exit', '3', 'env', 'ls', '-l', '/', '..', '0', '-1', '99999999999999999999', '1.5', 'NaN', '1h', '1e9', 'SIGKILL', 'SIGBOGUS', '9', '{{.Names}}', '{{range .}}{{end}}',
  '{{template "x"}}', '{{index . 99}}', 'table {{.ID}}\t{{.Image}}', 'a=b', '=', 'label=', 'until=10m', 'dangling=true', 'reference=*', 'status=exited', '', ' ', '\t', '\u0000', '\u001b]52;c;eA==\u0007', '<script>alert(1)</script>', '😀',
];

const arg = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 4, arbitrary: fc.constantFrom(...FLAGS) },
  { weight: 4, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...FLAGS.filter((f) => f.startsWith('--'))), fc.constantFrom(...VALUES)).map(([f, v]) => `${f}=${v}`) },
);

/** Signs of a JavaScript failure shown as if it were docker's answer. */
const LEAK = /TypeError|ReferenceError|RangeError|SyntaxError: (?!invalid)|is not a function|Cannot read properties|\[object Object\]|Maximum call stack|at async /;

/** Commands that only end when a container does, or that would run a long-lived process, are left out: their waiting is correct. */
function runsForever(argv: readonly string[]): boolean {
  // `docker events` streams until Ctrl-C (or --until).
  return argv.some((a) => a === 'attach' || a === '--follow' || a === '-f' || a === 'wait' || a === 'yes' || a === 'top' || a === 'sh' || a === 'tail' || a === 'events');
}

async function run(api: EngineApi, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`docker ${JSON.stringify(argv)} did not finish`)), 10_000)));
  try {
    const code = await Promise.race([
      runDocker(argv, { api, stdout: { write: (s) => void (out += s) }, stderr: { write: (s) => void (err += s) } }),
      hang,
    ]);
    return { code, out, err };
  } finally {
    clearTimeout(timer);
  }
}

describe('docker CLI argv fuzz', () => {
  it('random command lines end with an exit code and docker-shaped messages (10,000 cases)', async () => {
    let api = createEngine({ ...testDeps(), preloadImages: ['hello-world', 'busybox'] });
    const codes = new Map<number, number>();
    let n = 0;
    // Mostly a real command word first, so the runs reach each command's own flags and arguments.
    const argvs = fc.oneof(
      { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...WORDS), fc.array(arg, { maxLength: 6 })).map(([w, rest]) => [w, ...rest]) },
      { weight: 1, arbitrary: fc.array(arg, { maxLength: 7 }) },
    );
    await fc.assert(
      fc.asyncProperty(argvs, async (argv) => {
        if (runsForever(argv)) return;
        // A fresh engine now and then, so created containers and images do not pile up for the whole run.
        if (++n % 2000 === 0) api = createEngine({ ...testDeps(), preloadImages: ['hello-world', 'busybox'] });
        const { code, out, err } = await run(api, argv);
        expect(Number.isInteger(code) && code >= 0 && code <= 255).toBe(true);
        codes.set(code, (codes.get(code) ?? 0) + 1);
        expect(err).not.toMatch(LEAK);
        expect(out).not.toMatch(/TypeError|is not a function|Cannot read properties|\[object Object\]/);
        // JavaScript's words for a missing number or value, unless the learner typed them.
        if (!argv.some((a) => /NaN|undefined/.test(a))) expect(err).not.toMatch(/\bNaN\b|\bundefined\b/);
      }),
      { numRuns: 10_000, seed: 777 },
    );
    // Both successes and each kind of usage error happened.
    expect(codes.get(0) ?? 0).toBeGreaterThan(100);
    expect((codes.get(125) ?? 0) + (codes.get(1) ?? 0)).toBeGreaterThan(1000);
    expect((await run(api, ['run', '--rm', 'hello-world'])).out).toContain('Hello from Docker!');
  });
});
