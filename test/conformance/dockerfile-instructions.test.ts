/** BuildKit instruction conversion conformance (instructions/parse_test.go, parse_heredoc_test.go). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceDir, haveConformance } from '../helpers/shared.ts';
import { DockerfileParseError, parseDockerfile, parseInstructions, toInstruction } from '../../src/engine/dockerfile/index.ts';
import type { Instruction } from '../../src/engine/dockerfile/index.ts';

const present = haveConformance();
const fx: any = present ? JSON.parse(readFileSync(join(conformanceDir, 'buildkit-derived/instructions-parse.json'), 'utf8')) : null;

/** The fixture's procedure: parse, take the first node, convert it. */
const first = (dockerfile: string): Instruction => toInstruction(parseDockerfile(dockerfile).children[0]!);

function errorOf(fn: () => unknown): DockerfileParseError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DockerfileParseError);
    return e as DockerfileParseError;
  }
  throw new Error('expected a DockerfileParseError');
}

describe.skipIf(!present)('instructions-parse.json', () => {
  it('errorCases', () => {
    for (const c of fx.errorCases) {
      const e = errorOf(() => first(c.dockerfile));
      expect(e.message, c.name).toContain(c.expectedError);
      expect(e.line).toBe(1);
    }
  });
  it('exactlyOneArgument / atLeastOneArgument', () => {
    for (const group of [fx.exactlyOneArgument, fx.atLeastOneArgument]) {
      for (const cmd of group.commands) {
        expect(errorOf(() => first(cmd)).reason).toBe(group.errorExact.replace('{CMD}', cmd));
      }
    }
  });
  it('noDestination / blankNames', () => {
    for (const group of [fx.noDestination, fx.blankNames]) {
      for (const cmd of group.commands) {
        const df = group.dockerfile.replaceAll('{CMD}', cmd);
        expect(errorOf(() => first(df)).reason).toBe(group.errorExact.replaceAll('{CMD}', cmd));
      }
    }
  });
  it('healthcheck shell form and interval minimum', () => {
    const h = first(fx.healthcheckShellForm.dockerfile);
    expect(h.kind === 'HEALTHCHECK' && h.health.Test).toEqual(fx.healthcheckShellForm.expectedTest);
    for (const d of fx.healthcheckIntervalMin.ok) {
      expect(() => first(`HEALTHCHECK --interval=${d} CMD true`)).not.toThrow();
    }
    for (const d of fx.healthcheckIntervalMin.error) {
      expect(errorOf(() => first(`HEALTHCHECK --interval=${d} CMD true`)).reason).toContain('cannot be less than 1ms');
    }
    const full = first('HEALTHCHECK --interval=5s --timeout=1m30s --retries=3 CMD ["curl", "-f", "http://localhost/"]');
    expect(full.kind === 'HEALTHCHECK' && full.health).toEqual({
      Test: ['CMD', 'curl', '-f', 'http://localhost/'], Interval: 5e9, Timeout: 90e9, StartPeriod: 0, StartInterval: 0, Retries: 3,
    });
  });
  it('runFlagsUsed', () => {
    const r = first(fx.runFlagsUsed.dockerfile);
    expect(r.kind === 'RUN' && r.flagsUsed).toEqual(fx.runFlagsUsed.flagsUsed);
    expect(r.kind === 'RUN' && r.mounts[0]).toMatchObject({ type: 'tmpfs', target: '/foo/' });
  });
  it('copyHeredoc', () => {
    for (const c of fx.copyHeredoc) {
      const i = first(c.dockerfile);
      if (i.kind !== 'COPY') throw new Error('not COPY');
      expect({
        DestPath: i.dest,
        SourcePaths: i.sourcePaths,
        SourceContents: i.sourceContents.map((s) => ({ Path: s.path, Data: s.data, Expand: s.expand })),
      }, c.dockerfile).toEqual(c.sourcesAndDest);
    }
  });
  it('runHeredoc', () => {
    for (const c of fx.runHeredoc) {
      const i = first(c.dockerfile);
      if (i.kind !== 'RUN') throw new Error('not RUN');
      expect(i.prependShell, c.dockerfile).toBe(c.prependShell);
      expect(i.cmdLine).toEqual(c.cmdLine);
      expect(i.files.map((f) => ({ Name: f.name, Data: f.data, Chomp: f.chomp }))).toEqual(c.files);
    }
  });
  it('commentsDetection', () => {
    const { metaArgs, stages } = parseInstructions(parseDockerfile(fx.commentsDetection.dockerfile));
    const e = fx.commentsDetection.expect;
    expect(stages[0]!.from.docComment).toBe(e['stages[0].DocComment']);
    const a0 = metaArgs[0]!.args[0]!;
    expect({ Key: a0.key, DocComment: a0.docComment }).toEqual(e['meta[0].Args[0]']);
    const cmds = stages[0]!.commands;
    const arg = (i: number) => (cmds[i]!.kind === 'ARG' ? cmds[i].args : []).map((a) => ({ Key: a.key, DocComment: a.docComment }));
    expect(arg(0)[0]).toEqual(e['stage0.Commands[0].Args[0]']);
    expect(arg(1)).toEqual(e['stage0.Commands[1].Args']);
  });
});
