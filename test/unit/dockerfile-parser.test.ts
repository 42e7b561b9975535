/** Parser details beyond the upstream fixtures: ranges with columns, errors with locations, flags. */
import { describe, expect, it } from 'vitest';
import { DockerfileParseError, dumpDockerfile, parseDockerfile, parseInstructions, toInstruction } from '../../src/engine/dockerfile/index.ts';
import type { Node } from '../../src/engine/dockerfile/index.ts';

const err = (fn: () => unknown): DockerfileParseError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DockerfileParseError) return e;
    throw e;
  }
  throw new Error('did not throw');
};
const first = (text: string) => toInstruction(parseDockerfile(text).children[0]!);

describe('source ranges', () => {
  it('gives every instruction and argument a line and column', () => {
    const ast = parseDockerfile('FROM alpine AS base\n  COPY --from=base a \\\n     b /dest\n');
    const [from, copy] = ast.children as [Node, Node];
    expect(from.range).toEqual({ start: { line: 1, column: 1 }, end: { line: 1, column: 20 } });
    expect(from.next.map((n) => [n.value, n.range.start.column, n.range.end.column])).toEqual([
      ['alpine', 6, 12], ['AS', 13, 15], ['base', 16, 20],
    ]);
    expect(copy.range).toEqual({ start: { line: 2, column: 3 }, end: { line: 3, column: 13 } });
    expect(copy.next.map((n) => [n.value, n.range.start.line, n.range.start.column])).toEqual([
      ['a', 2, 20], ['b', 3, 6], ['/dest', 3, 8],
    ]);
  });
  it('ENV pairs point at key and value; heredoc lines extend the range', () => {
    const ast = parseDockerfile('FROM a\nENV k=v x="y z"\nRUN <<EOF\nhi\nEOF\n');
    const env = ast.children[1]!;
    expect(env.next.map((n) => [n.value, n.range.start.column])).toEqual([
      ['k', 5], ['v', 7], ['=', 6], ['x', 9], ['"y z"', 11], ['=', 10],
    ]);
    expect(ast.children[2]!.range.end.line).toBe(5);
  });
  it('ONBUILD keeps its trigger as a child node', () => {
    const ast = parseDockerfile('FROM a\nONBUILD COPY --chown=1 x /y\n');
    expect(dumpDockerfile(ast)).toBe('(from "a")\n(onbuild (copy ["--chown=1"] "x" "/y"))');
    expect(ast.children[1]!.next[0]!.children[0]!.range.start).toEqual({ line: 2, column: 9 });
  });
});

describe('errors carry BuildKit messages and locations', () => {
  it('suggests the instruction that was meant', () => {
    const e = err(() => parseInstructions(parseDockerfile('FROM a\n\nCPY . /app\n')));
    expect(e.message).toBe('dockerfile parse error on line 3: unknown instruction: CPY (did you mean COPY?)');
    expect([e.line, e.column]).toEqual([3, 1]);
    expect(err(() => first('entrypont ["a"]')).reason).toBe('unknown instruction: entrypont (did you mean entrypoint?)');
    expect(err(() => first('BADCMD')).reason).toBe('unknown instruction: BADCMD');
  });
  it('rejects a file without instructions and reports its last line', () => {
    expect(err(() => parseDockerfile('# only\n\n# comments\n')).message).toBe('dockerfile parse error on line 3: file with no instructions');
    expect(err(() => parseDockerfile('')).line).toBe(1);
  });
  it('ENV without value, non-string JSON, instruction before FROM', () => {
    expect(err(() => parseDockerfile('FROM a\nENV PATH')).reason).toBe('ENV must have two arguments');
    expect(err(() => parseDockerfile('FROM a\nCMD ["a", ["b"]]')).line).toBe(2);
    expect(err(() => parseInstructions(parseDockerfile('RUN x\nFROM a'))).reason).toBe('no build stage in current context');
  });
  it('checks flags like bflag.go', () => {
    expect(err(() => first('COPY --form=a x y')).reason).toBe('unknown flag: --form (did you mean --from?)');
    expect(err(() => first('COPY --from x y')).reason).toBe('missing a value on flag: from');
    expect(err(() => first('COPY --link=maybe x y')).reason).toBe('expecting boolean value for flag link, not: maybe');
    expect(err(() => first('COPY --from=a --from=b x y')).reason).toBe('duplicate flag specified: from');
    expect(err(() => first('RUN --network=bridge true')).reason).toBe('invalid network mode "bridge"');
    expect(err(() => first('RUN --mount=type=nfs,target=/x true')).reason).toBe('unsupported mount type "nfs"');
    expect(err(() => first('FROM a AS 1st')).reason).toContain('invalid name for build stage: "1st"');
    expect(err(() => first('HEALTHCHECK --retries=-1 CMD true')).reason).toBe('--retries cannot be negative (-1)');
    expect(err(() => first('HEALTHCHECK --interval=5 CMD true')).reason).toBe('time: missing unit in duration "5"');
    expect(err(() => first('SHELL /bin/bash -c')).reason).toBe('SHELL requires the arguments to be in JSON form');
  });
  it('a hand-built ENV node with a broken triple is rejected (tooManyArguments)', () => {
    const range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
    const arg = (value: string): Node => ({ value, next: [], children: [], heredocs: [], json: false, flags: [], original: '', prevComment: [], range });
    for (const cmd of ['ENV', 'LABEL']) {
      const node: Node = { ...arg(cmd.toLowerCase()), next: ['arg1', 'arg2', 'arg3', ''].map(arg) };
      expect(err(() => toInstruction(node)).reason).toBe(`Bad input to ${cmd}, too many arguments`);
    }
  });
});

describe('typed instructions', () => {
  it('COPY, ADD and RUN flags', () => {
    expect(first('COPY --from=build --chown=app:app --chmod=0755 --link --parents --exclude=*.md --exclude=.git a b /dst/')).toMatchObject({
      kind: 'COPY', from: 'build', chown: 'app:app', chmod: '0755', link: true, parents: true, exclude: ['*.md', '.git'],
      sourcePaths: ['a', 'b'], dest: '/dst/',
    });
    expect(first('ADD --checksum=sha256:abc --keep-git-dir=true --unpack=false https://x/y.tgz /y')).toMatchObject({
      kind: 'ADD', checksum: 'sha256:abc', keepGitDir: true, unpack: false,
    });
    expect(first('RUN --mount=type=cache,target=/root/.cache --network=none --security=insecure pip install x')).toMatchObject({
      kind: 'RUN', network: 'none', security: 'insecure', cmdLine: ['pip install x'], prependShell: true,
      mounts: [{ type: 'cache', target: '/root/.cache', id: '/root/.cache', readOnly: false, sharing: 'shared' }],
    });
  });
  it('RUN --mount specs as BuildKit validates them', () => {
    const mounts = (spec: string) => {
      const r = first(`RUN --mount=${spec} true`);
      return r.kind === 'RUN' ? r.mounts[0] : null;
    };
    expect(mounts('type=secret,id=npmrc')).toMatchObject({ type: 'secret', id: 'npmrc', target: '/run/secrets/npmrc', readOnly: true });
    expect(mounts('type=bind,source=.,target=/src,rw')).toMatchObject({ type: 'bind', readOnly: false });
    expect(mounts('type=$MOUNT_TYPE,target=/x')).toMatchObject({ type: 'bind', target: '/x' });
    expect(err(() => first('RUN --mount=type=bind,target=/x,mode=0700 true')).reason).toBe('mode not allowed for "bind" type mounts');
    expect(err(() => first('RUN --mount=target=/x,bogus true')).reason).toBe("invalid field 'bogus' must be a key=value pair");
    expect(err(() => first('RUN --mount=from=$STAGE,target=/x true')).reason).toBe("'from' doesn't support variable expansion, define alias stage instead");
    expect(err(() => first('RUN --mount=type=cahce,target=/x true')).reason).toBe('unsupported mount type "cahce" (did you mean cache?)');
    expect(err(() => first('RUN --mount=target=/x,trget=/y true')).reason).toBe("unexpected key 'trget' in 'trget=/y' (did you mean target?)");
  });
  it('FROM, ARG, EXPOSE, ENTRYPOINT, ONBUILD', () => {
    expect(first('FROM --platform=$BUILDPLATFORM golang:1.22 AS Build')).toMatchObject({
      kind: 'FROM', baseName: 'golang:1.22', stageName: 'build', platform: '$BUILDPLATFORM',
    });
    expect(first('ARG a b=c d="e f"')).toMatchObject({ args: [{ key: 'a', value: null }, { key: 'b', value: 'c' }, { key: 'd', value: '"e f"' }] });
    expect(first('EXPOSE 8080/tcp 443 80')).toMatchObject({ ports: ['443', '80', '8080/tcp'] });
    expect(first('ENTRYPOINT []')).toMatchObject({ kind: 'ENTRYPOINT', cmdLine: null, prependShell: false });
    expect(first('onbuild RUN <<EOF\necho hi\nEOF\n')).toMatchObject({ kind: 'ONBUILD', expression: 'RUN <<EOF\necho hi\nEOF' });
  });
});
