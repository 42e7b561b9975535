/** `layerlab dockerfile dump|lint` with injected I/O. */
import { describe, expect, it } from 'vitest';
import { runDockerfileCommand } from '../../src/node/commands/dockerfile.ts';

function run(args: string[], files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: (s: string) => void out.push(s),
    stderr: (s: string) => void err.push(s),
    readFile: (p: string) => {
      if (!(p in files)) throw new Error(`open ${p}: no such file or directory`);
      return files[p]!;
    },
  };
  return runDockerfileCommand(args, io).then((code) => ({ code, out: out.join(''), err: err.join('') }));
}

describe('layerlab dockerfile', () => {
  it('dump prints the BuildKit parse tree', async () => {
    const r = await run(['dump', 'ctx/Dockerfile'], { 'ctx/Dockerfile': 'FROM alpine:3\nCOPY --from=b x /y\nCMD ["sh"]\n' });
    expect(r).toEqual({ code: 0, out: '(from "alpine:3")\n(copy ["--from=b"] "x" "/y")\n(cmd "sh")\n', err: '' });
  });
  it('dump reports parse errors with location and exit 1', async () => {
    const r = await run(['dump', 'D'], { D: 'FROM a\nRUN <<EOF\n' });
    expect(r.code).toBe(1);
    expect(r.err).toBe('D:2:1: error: dockerfile parse error on line 2: unterminated heredoc\n');
  });
  it('lint prints FILE:LINE:COL: severity: message (Rule) and exits 0 on warnings only', async () => {
    const r = await run(['lint', 'D'], { D: 'FROM alpine:3\nMAINTAINER me\nUSER 1\n' });
    expect(r.code).toBe(0);
    expect(r.out).toBe('D:2:1: warning: Maintainer instruction is deprecated in favor of using label (MaintainerDeprecated)\n');
  });
  it('lint uses the .dockerignore beside the Dockerfile', async () => {
    const r = await run(['lint', 'ctx/Dockerfile'], { 'ctx/Dockerfile': 'FROM scratch\nCOPY secret.txt /\n', 'ctx/.dockerignore': 'secret.txt\n' });
    expect(r.out).toContain('CopyIgnoredFile');
  });
  it('lint --format json and exit 1 on errors', async () => {
    const r = await run(['lint', 'D', '--format', 'json'], { D: 'FROM alpine:3\nCPY a b\n' });
    expect(r.code).toBe(1);
    const diags = JSON.parse(r.out);
    expect(diags.map((d: { rule: string }) => d.rule)).toContain('DockerfileParseError');
  });
  it('usage errors and missing files', async () => {
    expect((await run([], {})).code).toBe(2);
    expect((await run(['lint'], {})).code).toBe(2);
    const missing = await run(['lint', 'nope'], {});
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no such file');
  });
});
