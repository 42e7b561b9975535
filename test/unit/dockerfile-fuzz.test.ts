/**
 * Property tests: 10,000 random and mutated Dockerfiles never make the
 * frontend raise anything but a located DockerfileParseError, every node's
 * range lies inside the file, and the linter never throws. Hangs are excluded by construction: every input is at most a
 * few kilobytes and the parser, instruction conversion and linter do work
 * linear in their input (no backtracking regular expressions on user text).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conformanceDir } from '../helpers/shared.ts';
import { DockerfileParseError, dumpDockerfile, lintDockerfile, parseDockerfile, toInstruction } from '../../src/engine/dockerfile/index.ts';
import type { Node } from '../../src/engine/dockerfile/index.ts';

/** Seeds: the upstream parser testfiles when present, plus a few of our own. */
function seeds(): string[] {
  const own = [
    'FROM alpine:3.20 AS build\nRUN apk add --no-cache git\nCOPY --from=build /a /b\nCMD ["sh"]\n',
    '# escape=`\nFROM mcr.microsoft.com/windows`\n  AS base\nRUN dir `\n  c:\\\n',
    'FROM busybox\nRUN <<EOF\necho hi\nEOF\nCOPY <<-A <<B /x\n\ta\nA\nb\nB\n',
    'ARG V=1\nFROM x:$V\nENV a=b c="d e" \\\n  f=g\nLABEL k v\nHEALTHCHECK --interval=5s CMD true\nONBUILD RUN make\n',
  ];
  const dir = join(conformanceDir, 'buildkit/frontend/dockerfile/parser/testfiles');
  if (!existsSync(dir)) return own;
  return [...own, ...readdirSync(dir).map((c) => readFileSync(join(dir, c, 'Dockerfile'), 'utf8'))];
}

const tokens = [
  '\\', '`', '\n', '\r\n', '"', "'", '[', ']', '<<', '<<-', 'EOF', '#', ' ', '\t', '=', '$', '${', '}', '--', '-',
  '--from=', '--mount=type=cache,target=/x', '--interval=', 'escape=`', 'escape=\\', 'syntax=x', 'check=skip=all',
  'ONBUILD ', 'RUN ', 'COPY ', 'ADD ', 'FROM ', 'ENV ', 'ARG ', 'HEALTHCHECK ', 'CMD ', 'AS ', 'NONE', '\u00a0', '\uFEFF',
  '\\\n', '`\n', '["a", 1]', '["a"]', '{', ',', ':', '/', '0', '1ms', '\u2028', 'é', '😀',
];

type Mutation = { kind: 'insert' | 'delete' | 'dup'; at: number; len: number; token: number };

function mutate(text: string, ms: readonly Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = t.length === 0 ? 0 : m.at % (t.length + 1);
    if (m.kind === 'insert') t = t.slice(0, at) + tokens[m.token % tokens.length] + t.slice(at);
    else if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + (m.len % 16));
    else t = t.slice(0, at) + t.slice(at, at + (m.len % 64)) + t.slice(at);
  }
  return t.slice(0, 4096);
}

/** How many inputs parsed and how many were rejected: both must happen for the run to mean anything. */
const outcome = { parsed: 0, rejected: 0 };

/** Runs the whole frontend on `text` and checks the only failure is a located DockerfileParseError. */
function exercise(text: string): void {
  try {
    const ast = parseDockerfile(text);
    outcome.parsed++;
    dumpDockerfile(ast);
    const lineCount = text.split('\n').length;
    const checkRange = (n: Node): void => {
      const { start, end } = n.range;
      if (!(start.line >= 1 && start.column >= 1 && end.line <= lineCount && (start.line < end.line || (start.line === end.line && start.column <= end.column)))) {
        throw new Error(`bad range ${JSON.stringify(n.range)} for ${JSON.stringify(n.value)}`);
      }
      n.next.forEach(checkRange);
      n.children.forEach(checkRange);
    };
    ast.children.forEach(checkRange);
    for (const node of ast.children) {
      try {
        toInstruction(node);
      } catch (e) {
        if (!(e instanceof DockerfileParseError)) throw e;
        expect(e.line).toBeGreaterThanOrEqual(1);
      }
    }
  } catch (e) {
    if (!(e instanceof DockerfileParseError)) throw e;
    outcome.rejected++;
    expect(Number.isInteger(e.line) && e.line >= 1).toBe(true);
    expect(e.message).toMatch(/^dockerfile parse error on line \d+: /);
  }
  const diags = lintDockerfile(text);
  expect(Array.isArray(diags)).toBe(true);
}

const mutation = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('insert', 'delete', 'dup'),
  at: fc.nat(),
  len: fc.nat(),
  token: fc.nat(),
});

describe('dockerfile frontend fuzz', () => {
  const pool = seeds();

  it('mutated Dockerfiles fail only with DockerfileParseError (6,000 cases)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 12 }), (i, ms) => {
        exercise(mutate(pool[i % pool.length]!, ms));
      }),
      { numRuns: 6000, seed: 4242 },
    );
  });

  it('random token soup fails only with DockerfileParseError (4,000 cases)', () => {
    const line = fc.array(fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })), {
      maxLength: 24,
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 24 }), (lines) => {
        exercise(lines.map((l) => l.join('')).join('\n').slice(0, 4096));
      }),
      { numRuns: 4000, seed: 2424 },
    );
  });

  it('pathological inputs that would make a backtracking matcher quadratic', () => {
    const cases = [
      '#a=x' + ' '.repeat(60000) + 'y\nFROM a',
      '#' + ' '.repeat(60000) + 'x\nFROM a',
      'FROM a\nRUN ' + 'a \\\n'.repeat(20000) + 'b',
      'FROM a\nCOPY ' + '<<A '.repeat(2000) + '/d\n' + 'A\n'.repeat(2000),
      'FROM a\nENV ' + 'k=v '.repeat(15000),
      'FROM a\nRUN ' + 'apt-get '.repeat(8000),
      'ARG X=' + 'a'.repeat(60000) + '!\nFROM $X',
      'FROM a\n' + 'RUN x \\\n\n'.repeat(20000),
      'FROM a\nCOPY ' + '/'.repeat(60000) + 'x /d',
      'FROM a\nRUN ' + '<< '.repeat(20000),
    ];
    for (const text of cases) exercise(text);
  });

  it('exercised both accepted and rejected inputs', () => {
    expect(outcome.parsed).toBeGreaterThan(1000);
    expect(outcome.rejected).toBeGreaterThan(100);
  });
});
