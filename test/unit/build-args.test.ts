import { describe, expect, it } from 'vitest';
import {
  automaticArgs,
  DEFAULT_PATH,
  evaluateGlobalArgs,
  StageScope,
  unusedBuildArgs,
  unusedBuildArgsWarning,
  type BuildArgsOptions,
} from '../../src/engine/dockerfile/build-args.ts';
import { expandWord } from '../../src/engine/dockerfile/shell-words.ts';

/** A stage FROM an image with `env`, after the given global ARGs. */
function stage(opts: BuildArgsOptions, env: string[] = ['PATH=/bin'], meta: { name: string; default?: string }[] = []) {
  return StageScope.fromImage(env, evaluateGlobalArgs(meta, opts), opts);
}

describe('automatic platform ARGs', () => {
  it('describe linux/amd64 and the target stage, and yield to --build-arg', () => {
    expect(Object.fromEntries(automaticArgs({ targetStage: 'app' }))).toEqual({
      BUILDPLATFORM: 'linux/amd64',
      BUILDOS: 'linux',
      BUILDARCH: 'amd64',
      BUILDVARIANT: '',
      TARGETPLATFORM: 'linux/amd64',
      TARGETOS: 'linux',
      TARGETARCH: 'amd64',
      TARGETVARIANT: '',
      TARGETSTAGE: 'app',
    });
    const arm = automaticArgs({ targetPlatform: { os: 'linux', architecture: 'arm', variant: 'v7' } });
    expect(Object.fromEntries(arm).TARGETPLATFORM).toBe('linux/arm/v7');
    expect(Object.fromEntries(arm).TARGETSTAGE).toBe('default');
    expect(Object.fromEntries(automaticArgs({ buildArgs: { TARGETARCH: 'riscv64' } })).TARGETARCH).toBe('riscv64');
  });

  it('live in the global scope only: a stage sees one after `ARG TARGETARCH`', () => {
    const s = stage({});
    expect(s.expand('[$TARGETARCH]')).toBe('[]');
    expect(s.withArg({ name: 'TARGETARCH' }).scope.expand('[$TARGETARCH]')).toBe('[amd64]');
  });

  it('are absent under the classic builder', () => {
    expect(evaluateGlobalArgs([], { builder: 'classic' }).env).toEqual([]);
  });
});

describe('global ARGs (before the first FROM)', () => {
  const meta = [{ name: 'CODE_VERSION', default: 'latest' }, { name: 'TAG', default: '${CODE_VERSION}-slim' }];

  it('expand in FROM lines, defaults seeing earlier ARGs, --build-arg winning', () => {
    const g = evaluateGlobalArgs(meta);
    expect(expandWord('base:${TAG}', g.env)).toBe('base:latest-slim');
    const overridden = evaluateGlobalArgs(meta, { buildArgs: { CODE_VERSION: '1.0' } });
    expect(expandWord('base:${TAG}', overridden.env)).toBe('base:1.0-slim');
  });

  it('are invisible inside a stage until redeclared without a value', () => {
    const s = stage({}, ['PATH=/bin'], meta);
    expect(s.expand('v=$CODE_VERSION')).toBe('v=');
    const { scope, value, history } = s.withArg({ name: 'CODE_VERSION' });
    expect(value).toBe('latest');
    expect(scope.expand('v=$CODE_VERSION')).toBe('v=latest');
    expect(history).toBe('ARG CODE_VERSION=latest');
  });

  it('leave an ARG with neither default nor --build-arg unset', () => {
    const g = evaluateGlobalArgs([{ name: 'X' }]);
    expect(g.get('X')).toBeUndefined();
    expect(stage({}).withArg({ name: 'X' }).history).toBe('ARG X');
  });
});

describe('stage scope', () => {
  it('starts an ARG at its line (reference.md "Scope" example)', () => {
    const opts = { buildArgs: { username: 'what_user' } };
    const before = stage(opts);
    expect(before.expand('${username:-some_user}')).toBe('some_user');
    expect(before.withArg({ name: 'username' }).scope.expand('$username')).toBe('what_user');
  });

  it('lets a later ENV beat the ARG (reference.md "Using ARG variables")', () => {
    const opts = { buildArgs: { CONT_IMG_VER: 'v2.0.1' } };
    const s = stage(opts).withArg({ name: 'CONT_IMG_VER' }).scope.withEnv([{ name: 'CONT_IMG_VER', value: 'v1.0.0' }]);
    expect(s.runEnv()).toContain('CONT_IMG_VER=v1.0.0');
    const viaDefault = (o: BuildArgsOptions) =>
      stage(o)
        .withArg({ name: 'CONT_IMG_VER' })
        .scope.withEnv([{ name: 'CONT_IMG_VER', value: '${CONT_IMG_VER:-v1.0.0}' }])
        .imageEnv.at(-1);
    expect(viaDefault({})).toBe('CONT_IMG_VER=v1.0.0');
    expect(viaDefault(opts)).toBe('CONT_IMG_VER=v2.0.1');
  });

  it('lets an ARG after an ENV win under BuildKit, but not under the classic builder', () => {
    const build = (builder: 'buildkit' | 'classic') =>
      stage({ builder, buildArgs: { MODE: 'arg' } }, ['PATH=/bin', 'MODE=base-image'])
        .withArg({ name: 'MODE' })
        .scope.expand('$MODE');
    expect(build('buildkit')).toBe('arg');
    expect(build('classic')).toBe('base-image');
  });

  it('keeps ARGs out of the image config but shows them in RUN history', () => {
    const s = stage({}, []).withArg({ name: 'V', default: '"1 2"' }).scope;
    expect(s.imageEnv).toEqual([`PATH=${DEFAULT_PATH}`]);
    expect(s.expansionEnv()).toContain('V=1 2');
    expect(s.runHistory(['/bin/sh', '-c', 'echo $V'])).toBe('RUN |1 V=1 2 /bin/sh -c echo $V');
    expect(stage({}).runHistory(['/bin/sh', '-c', 'true'])).toBe('RUN /bin/sh -c true');
  });

  it('expands every ENV value against the scope before the instruction', () => {
    const s = stage({}, ['A=old']).withEnv([
      { name: 'A', value: 'new' },
      { name: 'B', value: '$A' },
    ]);
    expect(s.imageEnv).toEqual(['A=new', `PATH=${DEFAULT_PATH}`, 'B=old']);
    // reference.md "Environment replacement": def is hello, ghi is bye.
    const doc = stage({})
      .withEnv([{ name: 'abc', value: 'hello' }])
      .withEnv([{ name: 'abc', value: 'bye' }, { name: 'def', value: '$abc' }])
      .withEnv([{ name: 'ghi', value: '$abc' }]);
    expect(doc.imageEnv.slice(-3)).toEqual(['abc=bye', 'def=hello', 'ghi=bye']);
  });

  it('passes proxy build args to RUN without history or declaration', () => {
    const opts = { buildArgs: { HTTP_PROXY: 'http://proxy:3128' } };
    const s = stage(opts);
    expect(s.runEnv()).toContain('HTTP_PROXY=http://proxy:3128');
    expect(s.expansionEnv().some((e) => e.startsWith('HTTP_PROXY='))).toBe(false);
    expect(s.runHistory(['true'])).toBe('RUN true');
    const declared = s.withArg({ name: 'HTTP_PROXY' }).scope;
    expect(declared.runHistory(['true'])).toBe('RUN |1 HTTP_PROXY=http://proxy:3128 true');
  });
});

describe('unused build-args warning', () => {
  it("names, sorted, the build-args no ARG declared (proxies excepted), in Docker's words", () => {
    const unused = unusedBuildArgs({ ZED: '1', FOO: '2', HTTP_PROXY: 'x', USED: '3' }, ['USED']);
    expect(unused).toEqual(['FOO', 'ZED']);
    expect(unusedBuildArgsWarning(unused)).toBe('[Warning] One or more build-args [FOO ZED] were not consumed');
    expect(unusedBuildArgsWarning(unusedBuildArgs({ USED: '1' }, ['USED']))).toBeNull();
  });
});
