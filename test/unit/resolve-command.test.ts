import { describe, expect, it } from 'vitest';
import { resolveCommand } from '../../src/engine/runtime/resolve-command.ts';
import { applyCommandInstruction, beginStage } from '../../src/engine/runtime/command-config.ts';
import { goQuote, goQuoteList, goQuoteRune } from '../../src/lib/go-quote.ts';

const rules = (r: { steps: { rule: string }[] }) => r.steps.map((s) => s.rule);

describe('resolveCommand: PID 1 and signals', () => {
  it('shell-form CMD: PID 1 is sh, SIGTERM does not reach the app', () => {
    const r = resolveCommand({ Cmd: ['/bin/sh', '-c', 'node server.js'] }, {});
    expect(r.argv).toEqual(['/bin/sh', '-c', 'node server.js']);
    expect(r.pid1).toEqual({ path: '/bin/sh', args: ['-c', 'node server.js'], shell: { script: 'node server.js', positional: [] } });
    expect(r.signalsReachApp).toBe(false);
    expect(r.signalsReason!.rule).toBe('signals.shell-wraps-app');
    expect(r.signalsReason!.text).toMatch(/SIGTERM/);
    expect(rules(r)).toContain('merge.inherit-cmd');
  });

  it('exec-form CMD: the app is PID 1', () => {
    const r = resolveCommand({ Cmd: ['node', 'server.js'] }, {});
    expect(r.pid1!.shell).toBeNull();
    expect(r.signalsReachApp).toBe(true);
    expect(r.signalsReason!.rule).toBe('signals.app-is-pid1');
  });

  it('a shell command string starting with exec hands PID 1 to the app', () => {
    const r = resolveCommand({ Entrypoint: ['/bin/sh', '-c', 'exec top -b'] }, {});
    expect(r.signalsReachApp).toBe(true);
    expect(r.signalsReason!.rule).toBe('signals.exec-replaces-shell');
  });

  it('recognises SHELL prefixes with options before -c', () => {
    const r = resolveCommand({ Cmd: ['/bin/bash', '-o', 'pipefail', '-c', 'make run'] }, {});
    expect(r.pid1!.shell).toEqual({ script: 'make run', positional: [] });
    expect(r.signalsReachApp).toBe(false);
  });

  it('sh running a script file is not shell form', () => {
    const r = resolveCommand({ Cmd: ['sh', '/start.sh'] }, {});
    expect(r.pid1!.shell).toBeNull();
  });

  it('a minimal init forwards signals', () => {
    const r = resolveCommand({ Entrypoint: ['/sbin/tini', '--'], Cmd: ['app'] }, {});
    expect(r.signalsReachApp).toBe(true);
    expect(r.signalsReason!.rule).toBe('signals.init-forwards');
  });

  it('explains that Cmd is ignored after a shell-form Entrypoint', () => {
    const r = resolveCommand({ Entrypoint: ['/bin/sh', '-c', 'exec_entry p1_entry'], Cmd: ['exec_cmd', 'p1_cmd'] }, {});
    const step = r.steps.find((s) => s.rule === 'argv.shell-entrypoint-ignores-cmd');
    expect(step?.detail).toEqual({ cmdWords: ['exec_cmd', 'p1_cmd'] });
    expect(r.pid1!.shell!.positional).toEqual(['exec_cmd', 'p1_cmd']);
  });

  it('does not flag positional words that came from the Entrypoint itself', () => {
    const r = resolveCommand({ Entrypoint: ['/bin/sh', '-c', 'echo "$0"', 'zero'] }, {});
    expect(rules(r)).not.toContain('argv.shell-entrypoint-ignores-cmd');
  });
});

describe('resolveCommand: steps', () => {
  it('--entrypoint is one word, never split, and drops the image Cmd', () => {
    const r = resolveCommand({ Entrypoint: ['/ep'], Cmd: ['a'] }, { entrypoint: 'ls -l' });
    expect(r.argv).toEqual(['ls -l']);
    expect(rules(r)).toEqual([
      'image.config',
      'cli.entrypoint-flag',
      'merge.entrypoint-flag-drops-cmd',
      'argv.join',
      'signals.app-is-pid1',
    ]);
  });

  it('--entrypoint "" with args: reset, then args run', () => {
    const r = resolveCommand({ Entrypoint: ['/ep'], Cmd: ['a'] }, { entrypoint: '', args: ['bash'] });
    expect(r.argv).toEqual(['bash']);
    expect(rules(r)).toEqual(expect.arrayContaining(['cli.entrypoint-flag-empty', 'cli.args', 'verify.reset-empty-entrypoint']));
  });

  it('null and undefined entrypoint both mean "flag not given"', () => {
    const img = { Entrypoint: ['/ep'], Cmd: ['a'] };
    expect(resolveCommand(img, { entrypoint: null }).argv).toEqual(['/ep', 'a']);
    expect(resolveCommand(img, {}).argv).toEqual(['/ep', 'a']);
  });

  it('an empty image Cmd array counts as no command', () => {
    expect(resolveCommand({ Cmd: [] }, {}).error).toBe('no command specified');
  });

  it('does not alias or mutate its inputs', () => {
    const img = Object.freeze({ Entrypoint: Object.freeze(['/ep']), Cmd: Object.freeze(['a']) });
    const r = resolveCommand(img, {});
    r.argv!.push('x');
    r.config.Cmd!.push('y');
    expect(img.Cmd).toEqual(['a']);
    expect(resolveCommand(img, {}).argv).toEqual(['/ep', 'a']);
  });

  it('every step carries English text and plain-data detail', () => {
    const r = resolveCommand({ Cmd: ['/bin/sh', '-c', 'x'] }, { args: ['y'] });
    for (const s of r.steps) {
      expect(s.text.length).toBeGreaterThan(0);
      expect(JSON.parse(JSON.stringify(s.detail))).toEqual(s.detail);
    }
  });
});

describe('applyCommandInstruction', () => {
  it('classic builder: an empty CMD does not protect Cmd from ENTRYPOINT', () => {
    let s = beginStage({ Cmd: ['bash'] });
    s = applyCommandInstruction(s, { keyword: 'CMD', args: [], prependShell: false }, 'classic').state;
    s = applyCommandInstruction(s, { keyword: 'ENTRYPOINT', args: ['/app'], prependShell: false }, 'classic').state;
    expect(s.Cmd).toBeNull();
    let k = beginStage({ Cmd: ['bash'] });
    k = applyCommandInstruction(k, { keyword: 'CMD', args: [], prependShell: false }).state;
    k = applyCommandInstruction(k, { keyword: 'ENTRYPOINT', args: ['/app'], prependShell: false }).state;
    expect(k.Cmd).toEqual([]);
  });

  it('joins shell-form words with one space and records history like BuildKit', () => {
    const r = applyCommandInstruction(beginStage({}), { keyword: 'ENTRYPOINT', args: ['a', 'b\tc'], prependShell: true });
    expect(r.state.Entrypoint).toEqual(['/bin/sh', '-c', 'a b\tc']);
    expect(r.createdBy).toBe('ENTRYPOINT ["/bin/sh" "-c" "a b\\tc"]');
  });

  it('ENTRYPOINT [] unsets the entrypoint and still resets an inherited Cmd', () => {
    const r = applyCommandInstruction(beginStage({ Entrypoint: ['/ep'], Cmd: ['x'] }), {
      keyword: 'ENTRYPOINT',
      args: [],
      prependShell: false,
    });
    expect(r.state.Entrypoint).toBeNull();
    expect(r.state.Cmd).toBeNull();
    expect(r.steps.map((s) => s.rule)).toEqual(['build.exec-form', 'build.entrypoint-resets-cmd']);
  });

  it('SHELL history uses Go %v (unquoted)', () => {
    const r = applyCommandInstruction(beginStage({}), { keyword: 'SHELL', args: ['/bin/bash', '-c'] });
    expect(r.createdBy).toBe('SHELL [/bin/bash -c]');
    expect(applyCommandInstruction(beginStage({}), { keyword: 'SHELL', args: ['/bin/bash', '-c'] }, 'classic').createdBy).toBe(
      '/bin/bash -c #(nop)  SHELL [/bin/bash -c]',
    );
  });
});

describe('goQuote (strconv.Quote)', () => {
  it.each([
    ['', '""'],
    ['abc', '"abc"'],
    ['a"b', '"a\\"b"'],
    ['back\\slash', '"back\\\\slash"'],
    ['\x07\b\f\n\r\t\v', '"\\a\\b\\f\\n\\r\\t\\v"'],
    ['\x00\x1b\x7f', '"\\x00\\x1b\\x7f"'],
    ['héllo 世界 🐳', '"héllo 世界 🐳"'],
    ['\u00a0\u200b\u2028', '"\\u00a0\\u200b\\u2028"'],
    ["it's", '"it\'s"'],
  ])('%j → %s', (input, expected) => {
    expect(goQuote(input)).toBe(expected);
  });

  it('quotes runes and lists', () => {
    expect(goQuoteRune("'")).toBe("'\\''");
    expect(goQuoteRune('"')).toBe(`'"'`);
    expect(goQuoteList(['/bin/sh', '-c', 'echo hi'])).toBe('["/bin/sh" "-c" "echo hi"]');
    expect(goQuoteList([])).toBe('[]');
  });
});
