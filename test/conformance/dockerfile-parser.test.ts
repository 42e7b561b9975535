/**
 * BuildKit parser conformance: AST dumps of upstream testfiles, must-fail
 * files, line numbers, heredocs, parseWords, JSON arrays, directives.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceDir, haveConformance } from '../helpers/shared.ts';
import { DockerfileParseError, dumpDockerfile, parseDockerfile, parseInstructions } from '../../src/engine/dockerfile/index.ts';
import { detectSyntax, findHashDirective, DirectiveScanner } from '../../src/engine/dockerfile/directives.ts';
import { chompHeredocContent, heredocsFromLine, parseHeredoc } from '../../src/engine/dockerfile/heredoc.ts';
import { parseJsonArray } from '../../src/engine/dockerfile/json-args.ts';
import { parseWords } from '../../src/engine/dockerfile/words.ts';

const present = haveConformance();
const parserDir = join(conformanceDir, 'buildkit/frontend/dockerfile/parser');
const derived = (name: string): any => JSON.parse(readFileSync(join(conformanceDir, 'buildkit-derived', name), 'utf8'));
const read = (p: string): string => readFileSync(p, 'utf8');

describe.skipIf(!present)('BuildKit parser testfiles (AST dump)', () => {
  const dir = join(parserDir, 'testfiles');
  const cases = present ? readdirSync(dir).filter((c) => existsSync(join(dir, c, 'result'))) : [];
  it('has the upstream cases', () => expect(cases.length).toBeGreaterThanOrEqual(31));
  it.each(cases)('%s', (c) => {
    const ast = parseDockerfile(read(join(dir, c, 'Dockerfile')));
    expect(dumpDockerfile(ast) + '\n').toBe(read(join(dir, c, 'result')));
  });
});

describe.skipIf(!present)('BuildKit parser testfiles-negative', () => {
  const dir = join(parserDir, 'testfiles-negative');
  const cases = present ? readdirSync(dir) : [];
  it.each(cases)('%s fails with a located DockerfileParseError', (c) => {
    const text = read(join(dir, c, 'Dockerfile'));
    let err: unknown;
    try {
      parseInstructions(parseDockerfile(text));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DockerfileParseError);
    expect((err as DockerfileParseError).line).toBeGreaterThanOrEqual(1);
  });
});

describe.skipIf(!present)('parser-misc.json', () => {
  const misc = present ? derived('parser-misc.json') : null;
  it('parseWords keeps quotes and escapes', () => {
    for (const c of misc.parseWords.cases) expect(parseWords(c.input).map((w) => w.text)).toEqual(c.expect);
  });
  it('line numbers of testfile-line', () => {
    const ast = parseDockerfile(read(join(parserDir, 'testfile-line/Dockerfile')));
    expect(ast.range.start.line).toBe(misc.lineNumbers.astStartLine);
    expect(ast.range.end.line).toBe(misc.lineNumbers.astEndLine);
    expect(ast.children.map((c) => [c.range.start.line, c.range.end.line])).toEqual(misc.lineNumbers.children);
  });
  it('empty continuation warnings', () => {
    const ast = parseDockerfile(misc.emptyContinuationWarnings.dockerfile);
    expect(ast.warnings).toHaveLength(misc.emptyContinuationWarnings.warnings.length);
    misc.emptyContinuationWarnings.warnings.forEach((subs: string[], i: number) => {
      for (const s of subs) expect(ast.warnings[i]!.short).toContain(s);
      expect(ast.warnings[i]!.detail[0]).toContain('will become errors in a future release');
    });
  });
  it('a line over 65535 bytes is rejected', () => {
    const long = 'RUN echo ' + 'x'.repeat(65535);
    expect(() => parseDockerfile(`FROM busybox\n${long}\n`)).toThrow('dockerfile line greater than max allowed size of 65535');
    expect(() => parseDockerfile(`FROM busybox\nRUN ${'é'.repeat(32766)}\n`)).toThrow('max allowed size');
    expect(parseDockerfile(`FROM busybox\nRUN ${'x'.repeat(65531)}\n`).children).toHaveLength(2);
  });
  it('JSON arrays: valid ones become node values', () => {
    for (const c of misc.jsonArrays.valid) {
      expect(parseJsonArray(c.input)).toEqual(c.expect);
      const node = parseDockerfile(`CMD ${c.input}`).children[0]!;
      expect(node.json).toBe(true);
      expect(node.next.map((n) => n.value)).toEqual(c.expect);
    }
  });
  it('JSON arrays with non-strings are a hard error', () => {
    for (const input of misc.jsonArrays.invalid) {
      expect(() => parseDockerfile(`RUN ${input}`)).toThrow('when using JSON array syntax, arrays must be comprised of strings only');
    }
  });
});

describe.skipIf(!present)('parser-heredoc.json', () => {
  const h = present ? derived('parser-heredoc.json') : null;
  const asFixture = (d: { name: string; fileDescriptor: number; expand: boolean; chomp: boolean; content: string }): object => ({
    Name: d.name, FileDescriptor: d.fileDescriptor, Expand: d.expand, Chomp: d.chomp, Content: d.content,
  });
  it('extracts heredocs per child', () => {
    const ast = parseDockerfile(h.parseExtractsHeredoc.dockerfile);
    for (const c of h.parseExtractsHeredoc.children) {
      const docs = ast.children[c.childIndex]!.heredocs;
      expect(docs.length === 0 ? null : docs.map(asFixture), `child ${c.childIndex}`).toEqual(c.heredocs);
    }
  });
  it('JSON form never carries heredocs', () => {
    const ast = parseDockerfile(h.jsonFormNeverHeredoc.dockerfile);
    for (const i of h.jsonFormNeverHeredoc.childIndexes) expect(ast.children[i]!.heredocs).toEqual([]);
  });
  it('chomps leading tabs', () => {
    for (const c of h.chompHeredocContent) expect(chompHeredocContent(c.input)).toBe(c.expected);
  });
  it('parses heredoc words', () => {
    for (const w of h.parseHeredocWord.valid) expect(parseHeredoc(w)?.name, w).toBe('EOF');
    for (const w of h.parseHeredocWord.invalid) expect(() => parseHeredoc(w), w).toThrow();
    for (const w of h.parseHeredocWord.notHeredoc) expect(parseHeredoc(w), w).toBeNull();
  });
  it('finds heredocs on a line', () => {
    for (const c of h.heredocsFromLine.cases) {
      const names = heredocsFromLine(c.line).map((d) => d.name);
      expect(names.length === 0 ? null : names, c.line).toEqual(c.names);
    }
  });
  it('an unterminated heredoc is an error on its instruction line', () => {
    expect(() => parseDockerfile('FROM a\nRUN <<EOF\necho\n')).toThrow(/line 2: unterminated heredoc/);
  });
});

describe.skipIf(!present)('parser-directives.json', () => {
  const d = present ? derived('parser-directives.json') : null;
  const input = (c: { input: string; inputHex?: string }): string =>
    (c.inputHex ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.from(c.inputHex, 'hex')) : '') + c.input;
  it('parseAll', () => {
    for (const c of d.parseAll) {
      const s = new DirectiveScanner('#');
      const found = [];
      for (const line of c.input.split('\n')) {
        if (s.finished) break;
        const x = s.scan(line);
        if (x) found.push({ name: x.name, value: x.value });
      }
      expect(found).toEqual(c.expect);
    }
  });
  it('detectSyntax', () => {
    for (const c of d.detectSyntax) {
      const r = detectSyntax(input(c));
      expect(r !== null, c.input).toBe(c.ok);
      if (!c.ok) continue;
      if (c.ref !== undefined) expect(r!.ref).toBe(c.ref);
      if (c.cmdline !== undefined) expect(r!.cmdline).toBe(c.cmdline);
      if (c.line !== undefined) expect(r!.line).toBe(c.line);
    }
  });
  it('check directive (# form only)', () => {
    for (const c of d.parseDirectiveCheck) {
      const r = findHashDirective('check', input(c));
      expect(r !== null, c.input).toBe(c.ok);
      if (!c.ok) continue;
      if (c.ref !== undefined) expect(r!.ref).toBe(c.ref);
      if (c.cmdline !== undefined) expect(r!.cmdline).toBe(c.cmdline);
      if (c.line !== undefined) expect(r!.line).toBe(c.line);
    }
  });
  it('the escape directive and its errors', () => {
    expect(parseDockerfile('# escape=`\nFROM a\nRUN echo `\n  hi').children[1]!.next[0]!.value).toBe('echo   hi');
    expect(() => parseDockerfile('# escape=x\nFROM a')).toThrow("invalid escape token 'x' does not match ` or \\");
    expect(() => parseDockerfile('# escape=`\n# escape=\\\nFROM a')).toThrow('only one escape parser directive can be used');
    expect(parseDockerfile('# syntax=docker/dockerfile:1\n# check=skip=all\nFROM a').directives.map((x) => x.name)).toEqual(['syntax', 'check']);
  });
});
