import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCommandInstruction, beginStage } from '../../src/engine/runtime/command-config.ts';
import type { BuilderKind, CommandInstruction, StageCommandState } from '../../src/engine/runtime/command-config.ts';
import { withDefaultPath } from '../../src/engine/runtime/default-env.ts';
import { resolveCommand } from '../../src/engine/runtime/resolve-command.ts';
import { parseDockerfile, parseInstructions } from '../../src/engine/dockerfile/index.ts';
import type { StageInstruction } from '../../src/engine/dockerfile/index.ts';
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

/** The parser's typed instruction → the build-time rule's input. */
function toCommandInstruction(ins: StageInstruction): CommandInstruction | null {
  switch (ins.kind) {
    case 'CMD':
      return { keyword: 'CMD', args: ins.cmdLine, prependShell: ins.prependShell };
    case 'ENTRYPOINT':
      return { keyword: 'ENTRYPOINT', args: ins.cmdLine ?? [], prependShell: ins.prependShell };
    case 'SHELL':
      return { keyword: 'SHELL', args: ins.shell };
    default:
      return null;
  }
}

/** Build the fixture's Dockerfile through the real parser, stage by stage. */
function build(c: BuildCase, builder: BuilderKind) {
  const { stages } = parseInstructions(parseDockerfile(c.dockerfile));
  const byName = new Map<string, { cmd: StageCommandState; env: string[] }>();
  let cur: { cmd: StageCommandState; env: string[] } | undefined;
  let createdBy = '';
  for (const stage of stages) {
    const name = stage.from.baseName;
    const prev = byName.get(name.toLowerCase());
    const base: Cfg = prev ? { ...prev.cmd, Env: prev.env } : name === 'base' ? c.base! : knownBases[name]!;
    cur = { cmd: beginStage(base), env: withDefaultPath(base.Env) };
    if (stage.from.stageName) byName.set(stage.from.stageName, cur);
    for (const ins of stage.commands) {
      const command = toCommandInstruction(ins);
      if (!command) continue;
      const r = applyCommandInstruction(cur.cmd, command, builder);
      cur.cmd = r.state;
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
