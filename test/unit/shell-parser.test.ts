import { describe, expect, it } from 'vitest';
import { ShellSyntaxError } from '../../src/engine/userspace/shell/parse-error.ts';
import { Parser } from '../../src/engine/userspace/shell/parser.ts';
import type { List } from '../../src/engine/userspace/shell/ast.ts';

function error(src: string): ShellSyntaxError {
  try {
    Parser.parseAll(src);
  } catch (e) {
    if (e instanceof ShellSyntaxError) return e;
    throw e;
  }
  throw new Error(`no syntax error in ${JSON.stringify(src)}`);
}

describe('shell parser', () => {
  it('reports ash messages with line and column', () => {
    const e = error('echo a\nif true; then\n  fi');
    expect(e.message).toBe('syntax error: unexpected "fi"');
    expect([e.line, e.column]).toEqual([3, 3]);
    expect(error('if true; then echo; done').message).toBe('syntax error: unexpected "done" (expecting "fi")');
    expect(error('while true; do echo; fi').message).toBe('syntax error: unexpected "fi" (expecting "done")');
    expect(error('if true; then').message).toBe('syntax error: unexpected end of file (expecting "fi")');
    expect(error('echo "abc').message).toBe('syntax error: unterminated quoted string');
    expect(error('echo $((1+').message).toBe("syntax error: missing '))'");
    expect(error('echo ${x').message).toBe("syntax error: missing '}'");
    expect(error('a |').message).toBe('syntax error: unexpected end of file');
    expect(error('for x in a b; echo').message).toBe('syntax error: unexpected word (expecting "do")');
    expect(error('my-f() { :; }').message).toBe('syntax error: bad function name');
  });

  it('builds and-or lists of pipelines with redirections on the right commands', () => {
    const [list] = Parser.parseAll('a | b 2>&1 && ! c > out; d &') as [List];
    expect(list.items.map((i) => i.background)).toEqual([false, true]);
    const andor = list.items[0]!.cmd;
    expect(andor.first.cmds).toHaveLength(2);
    const b = andor.first.cmds[1]!;
    expect(b.type === 'simple' && b.redirs[0]).toMatchObject({ fd: 2, op: '>&' });
    expect(andor.rest[0]!.op).toBe('&&');
    expect(andor.rest[0]!.pipeline.negate).toBe(true);
  });

  it('reads here-doc bodies after the line, with <<- stripping tabs and quoted delimiters staying literal', () => {
    const [list] = Parser.parseAll("cat <<-EOF; cat <<'X'\n\tone $a\n\tEOF\ntwo $b\nX\necho after\n") as [List];
    const cmds = list.items.map((i) => i.cmd.first.cmds[0]!);
    const h1 = cmds[0]!.type === 'simple' ? cmds[0]!.redirs[0]!.heredoc : undefined;
    const h2 = cmds[1]!.type === 'simple' ? cmds[1]!.redirs[0]!.heredoc : undefined;
    expect(h1?.quoted).toBe(false);
    expect(h1?.body.parts.map((p) => p.t)).toEqual(['lit', 'param', 'lit']);
    expect(h2).toEqual({ quoted: true, body: { parts: [{ t: 'sq', v: 'two $b\n' }] } });
  });

  it('parses one top-level command at a time, so earlier lines can run before a later error', () => {
    const p = new Parser('echo one\necho two; fi\n');
    expect(p.parseNext()).not.toBeNull();
    expect(() => p.parseNext()).toThrow(ShellSyntaxError);
  });

  it('keeps quoting in word parts', () => {
    const [list] = Parser.parseAll(`echo 'a b' "c $d" \\e $(f) \`g\` $((1+2)) ~/x`) as [List];
    const c = list.items[0]!.cmd.first.cmds[0]!;
    if (c.type !== 'simple') throw new Error('simple command expected');
    expect(c.words.slice(1).map((w) => w.parts.map((p) => p.t).join('+'))).toEqual(['sq', 'dq', 'sq', 'cmd', 'cmd', 'arith', 'tilde+lit']);
  });
});
