import { describe, expect, it } from 'vitest';
import { LineEditor, layoutColumns, type EditorAction } from '../../src/app/terminal/line-editor.ts';

const submits = (actions: EditorAction[]) => actions.filter((a) => a.kind === 'submit').map((a) => (a as { line: string }).line);
const echoed = (actions: EditorAction[]) => actions.map((a) => (a.kind === 'echo' ? a.data : '')).join('');

describe('LineEditor', () => {
  it('edits with arrows, Home/End, Backspace and Delete', () => {
    const ed = new LineEditor();
    ed.feed('docker versoin');
    ed.feed('\x1b[D\x1b[D\x7f\x1b[C'); // cursor before "in", delete the "o", step over the "i"
    ed.feed('o');
    expect(ed.text).toBe('docker version');
    ed.feed('\x1b[H\x1b[3~'); // Home, Delete
    expect(ed.text).toBe('ocker version');
    ed.feed('\x1b[Fx');
    expect(ed.text).toBe('ocker versionx');
  });

  it('Ctrl-U, Ctrl-K and Ctrl-W cut like readline', () => {
    const ed = new LineEditor();
    ed.feed('docker image ls');
    ed.feed('\x17');
    expect(ed.text).toBe('docker image ');
    ed.feed('\x01\x1b[C\x1b[C\x0b');
    expect(ed.text).toBe('do');
    ed.feed('\x15');
    expect(ed.text).toBe('');
  });

  it('walks history with ↑/↓ and keeps the draft', () => {
    const ed = new LineEditor({ history: ['docker version'] });
    ed.feed('docker info\r');
    ed.feed('draft');
    ed.feed('\x1b[A');
    expect(ed.text).toBe('docker info');
    ed.feed('\x1b[A\x1b[A');
    expect(ed.text).toBe('docker version');
    ed.feed('\x1b[B\x1b[B');
    expect(ed.text).toBe('draft');
    expect(ed.entries).toEqual(['docker version', 'docker info']);
  });

  it('stops at a submit and hands back the rest of a multi-line paste', () => {
    const ed = new LineEditor();
    const first = ed.feed('\x1b[200~docker version\r\ndocker info\ndocker ps\x1b[201~');
    expect(submits(first)).toEqual(['docker version']);
    const rest = (first.at(-1) as { rest: string }).rest;
    expect(rest).toBe('docker info\ndocker ps\x1b[201~');
    const second = ed.feed(rest);
    expect(submits(second)).toEqual(['docker info']);
    const third = ed.feed((second.at(-1) as { rest: string }).rest);
    expect(submits(third)).toEqual([]);
    expect(ed.text).toBe('docker ps');
  });

  it('Tab asks for completion, except inside a bracketed paste', () => {
    const ed = new LineEditor();
    const actions = ed.feed('docker ve\tX');
    expect(actions.at(-1)).toEqual({ kind: 'complete', line: 'docker ve', cursor: 9, rest: 'X' });
    const pasted = new LineEditor();
    pasted.feed('\x1b[200~a\tb\x1b[201~');
    expect(pasted.text).toBe('a b');
  });

  it('inserts a single completion with a space, extends to a common prefix, lists otherwise', () => {
    const ed = new LineEditor({ prompt: '$ ' });
    ed.feed('docker ve');
    ed.applyCompletion({ from: 7, to: 9, candidates: [{ value: 'version' }] });
    expect(ed.text).toBe('docker version ');
    const two = new LineEditor({ prompt: '$ ' });
    two.feed('docker version --f');
    two.applyCompletion({ from: 15, to: 18, candidates: [{ value: '--format' }, { value: '--force' }] });
    expect(two.text).toBe('docker version --for');
    const list = two.applyCompletion({ from: 15, to: 20, candidates: [{ value: '--format' }, { value: '--force' }] });
    expect(echoed(list)).toContain('--format  --force\r\n$ docker version --for');
    expect(two.text).toBe('docker version --for');
    expect(echoed(two.applyCompletion({ from: 0, to: 0, candidates: [] }))).toBe('\x07');
  });

  it('Ctrl-R searches history backwards; Ctrl-R again finds older; Enter runs the match', () => {
    const ed = new LineEditor({ prompt: '$ ', history: ['docker run alpine', 'docker info', 'docker run busybox'] });
    const view = echoed(ed.feed('\x12run'));
    expect(view).toContain("(reverse-i-search)'run': docker run busybox");
    expect(echoed(ed.feed('\x12'))).toContain("'run': docker run alpine");
    const done = ed.feed('\rleft');
    expect(submits(done)).toEqual(['docker run alpine']);
    expect((done.at(-1) as { rest: string }).rest).toBe('left');
    expect(ed.searching).toBe(false);
  });

  it('Ctrl-R reports a failed search, Ctrl-G restores the original line, Esc keeps the match', () => {
    const ed = new LineEditor({ prompt: '$ ', history: ['docker info'] });
    ed.feed('typed');
    expect(echoed(ed.feed('\x12zzz'))).toContain('(failed reverse-i-search)');
    ed.feed('\x07');
    expect(ed.text).toBe('typed');
    ed.feed('\x12inf\x1b');
    expect(ed.text).toBe('docker info');
    ed.feed('!');
    expect(ed.text).toBe('docker info!');
  });

  it('Ctrl-C abandons the line and Ctrl-L asks for a clear', () => {
    const ed = new LineEditor();
    expect(ed.feed('docker\x03')).toContainEqual({ kind: 'interrupt', echo: '^C\r\n' });
    expect(ed.text).toBe('');
    expect(ed.feed('\x0c')).toEqual([{ kind: 'clear' }]);
  });
});

describe('layoutColumns', () => {
  it('fills rows up to the terminal width', () => {
    expect(layoutColumns(['aa', 'bbbb', 'c'], 12)).toBe('aa    bbbb\r\nc\r\n');
  });
});

describe('LineEditor.replaceHistory', () => {
  it('offers a shared session’s commands on ↑ without running any', () => {
    const ed = new LineEditor({ history: ['old'] });
    ed.replaceHistory(['docker version', 'docker info']);
    const actions = ed.feed('\x1b[A');
    expect(ed.text).toBe('docker info');
    expect(actions.some((a) => a.kind === 'submit')).toBe(false);
    expect(ed.entries).toEqual(['docker version', 'docker info']);
  });
});
