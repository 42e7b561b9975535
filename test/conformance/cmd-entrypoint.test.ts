import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCommandInstruction, beginStage } from '../../src/engine/runtime/command-config.ts';
import type { BuilderKind, CommandInstruction, StageCommandState } from '../../src/engine/runtime/command-config.ts';
import { withDefaultPath } from '../../src/engine/runtime/default-env.ts';
import { resolveCommand } from '../../src/engine/runtime/resolve-command.ts';
import { conformanceDir, haveConformance } from '../helpers/shared.ts';

type List = readonly string[] | null;
type Cfg = { Entrypoint?: List; Cmd?: List; Shell?: List; Env?: List };

interface BuildCase {
  id: string;
  dockerfile: string;
  base?: Cfg;
  expected?: Cfg;
  expectedError?: string;
  expectedHistoryLast?: { created_by: string; comment?: string; empty_layer: boolean };
}
interface RunCase {
  id: string;
  image: { Entrypoint: string[] | null; Cmd: string[] | null };
  run: { args: string[]; entrypoint?: string };
  expected: { error: string } | { Entrypoint: string[] | null; Cmd: string[] | null; argv: string[] };
}

// Base images the fixtures name, with their real command config.
const knownBases: Record<string, Cfg> = {
  scratch: {},
  alpine: { Cmd: ['/bin/sh'], Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
  busybox: { Cmd: ['sh'], Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
};

/**
 * Stand-in for the Dockerfile parser (engine/dockerfile) until it lands: the
 * fixtures are one instruction per line. The JSON-or-shell decision follows
 * BuildKit's parseMaybeJSON: a valid JSON string array is exec form, a JSON
 * array with non-strings is an error, anything else is shell form.
 */
function toInstruction(keyword: string, rest: string): CommandInstruction {
  if (rest.startsWith('[') && rest.endsWith(']')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rest);
    } catch {
      parsed = undefined;
    }
    if (Array.isArray(parsed)) {
      if (!parsed.every((x) => typeof x === 'string')) {
        throw new Error('when using JSON array syntax, arrays must be comprised of strings only');
      }
      if (keyword === 'SHELL') return { keyword, args: parsed };
      return { keyword: keyword as 'CMD' | 'ENTRYPOINT', args: parsed, prependShell: false };
    }
  }
  if (keyword === 'SHELL') throw new Error('SHELL requires the arguments to be in JSON form');
  return { keyword: keyword as 'CMD' | 'ENTRYPOINT', args: [rest], prependShell: true };
}

function build(c: BuildCase, builder: BuilderKind) {
  const stages = new Map<string, { cmd: StageCommandState; env: string[] }>();
  let cur: { cmd: StageCommandState; env: string[] } | undefined;
  let createdBy = '';
  for (const line of c.dockerfile.split('\n')) {
    const m = /^(\S+)\s*(.*)$/.exec(line.trim());
    if (!m) continue;
    const keyword = m[1]!.toUpperCase();
    const rest = m[2]!;
    if (keyword === 'FROM') {
      const [name, , alias] = rest.split(/\s+/);
      const prev = stages.get(name!);
      const base: Cfg = prev ? { ...prev.cmd, Env: prev.env } : name === 'base' ? c.base! : knownBases[name!]!;
      cur = { cmd: beginStage(base), env: withDefaultPath(base.Env) };
      if (alias) stages.set(alias, cur);
    } else if (keyword === 'CMD' || keyword === 'ENTRYPOINT' || keyword === 'SHELL') {
      const r = applyCommandInstruction(cur!.cmd, toInstruction(keyword, rest), builder);
      cur!.cmd = r.state;
      createdBy = r.createdBy;
    }
  }
  return { ...cur!, createdBy };
}

describe.runIf(haveConformance())('cmd-entrypoint.json', () => {
  const data = JSON.parse(readFileSync(join(conformanceDir, 'cmd-entrypoint.json'), 'utf8')) as {
    build: BuildCase[];
    run: RunCase[];
  };

  describe('build', () => {
    it.each(data.build.map((c) => [c.id, c] as const))('%s', (_id, c) => {
      const builder: BuilderKind = c.id.endsWith('-classic') ? 'classic' : 'buildkit';
      if (c.expectedError !== undefined) {
        expect(() => build(c, builder)).toThrow(c.expectedError);
        return;
      }
      const out = build(c, builder);
      const actual: Cfg = { Entrypoint: out.cmd.Entrypoint, Cmd: out.cmd.Cmd, Shell: out.cmd.Shell, Env: out.env };
      for (const key of Object.keys(c.expected ?? {}) as (keyof Cfg)[]) {
        expect(actual[key], key).toEqual(c.expected![key]);
      }
      if (c.expectedHistoryLast) expect(out.createdBy).toBe(c.expectedHistoryLast.created_by);
    });
  });

  describe('run', () => {
    it.each(data.run.map((c) => [c.id, c] as const))('%s', (_id, c) => {
      const r = resolveCommand(c.image, c.run);
      if ('error' in c.expected) {
        expect(r.error).toBe(c.expected.error);
        expect(r.argv).toBeNull();
        expect(r.steps.at(-1)!.rule).toBe('verify.no-command');
        return;
      }
      expect(r.error).toBeUndefined();
      expect(r.config.Entrypoint).toEqual(c.expected.Entrypoint);
      expect(r.config.Cmd).toEqual(c.expected.Cmd);
      expect(r.argv).toEqual(c.expected.argv);
      expect(r.pid1!.path).toBe(c.expected.argv[0]);
      expect(r.pid1!.args).toEqual(c.expected.argv.slice(1));
    });
  });
});
