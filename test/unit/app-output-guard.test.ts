/**
 * Terminal output from programs: escape sequences that reach past the
 * screen are dropped (clipboard, title, hyperlinks, reports typed back into
 * the input), colours stay, and a flood is cut to its end with a note of how
 * much was left out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EscapeFilter, OutputGuard } from '../../src/app/terminal/output-guard.ts';

const filter = (...chunks: string[]) => {
  const f = new EscapeFilter();
  return chunks.map((c) => f.push(c)).join('');
};

describe('EscapeFilter', () => {
  it('keeps text, colours and cursor movement', () => {
    expect(filter('plain \x1b[1;31mred\x1b[0m \x1b[2J\x1b[H\x1b[10;5H x\r\n')).toBe('plain \x1b[1;31mred\x1b[0m \x1b[2J\x1b[H\x1b[10;5H x\r\n');
    expect(filter('中文 😀 é')).toBe('中文 😀 é');
  });

  it('drops OSC 52 clipboard writes, title sets and OSC 8 hyperlinks, with BEL or ST endings', () => {
    expect(filter('a\x1b]52;c;cm0gLXJmIH4=\x07b')).toBe('ab');
    expect(filter('a\x1b]0;pwned\x1b\\b')).toBe('ab');
    expect(filter('\x1b]2;title\x07ok')).toBe('ok');
    expect(filter('\x1b]8;;javascript:alert(1)\x1b\\click\x1b]8;;\x1b\\')).toBe('click');
    expect(filter('\x1b]4;1;rgb:ff/00/00\x07x')).toBe('x');
  });

  it('drops DCS, APC, PM and SOS strings, and reports that would type into the input', () => {
    expect(filter('\x1bP$q"p\x1b\\x')).toBe('x');
    expect(filter('\x1b_apc\x1b\\\x1b^pm\x1b\\\x1bXsos\x1b\\x')).toBe('x');
    expect(filter('\x1b[6n\x1b[c\x1b[>c\x1b[21t\x1b[8;100;100tx')).toBe('x');
  });

  it('drops 8-bit C1 controls (0x9b CSI, 0x9d OSC)', () => {
    expect(filter('a\u009d52;c;eA==\u0007b\u009b6n')).toBe('a52;c;eA==\u0007b6n');
  });

  it('holds a sequence split across chunks', () => {
    expect(filter('a\x1b', ']52;c;', 'eA==', '\x07b', '\x1b[3', '1mc')).toBe('ab\x1b[31mc');
    expect(filter('a\x1b]0;t\x1b', '\\b')).toBe('ab');
  });

  it('an unterminated string is dropped after 4 KiB, and the text after it shows', () => {
    expect(filter('\x1b]52;c;' + 'A'.repeat(5000) + 'visible')).toBe('A'.repeat(5005 - 4097) + 'visible');
  });

  it('never lets OSC, DCS or C1 through, whatever the chunking (10,000 cases)', () => {
    const pieces = ['\x1b', ']', '[', 'P', '_', '^', 'X', '\\', '\x07', '52;c;', '0;', '8;;', 'n', 'c', 't', '6', ';', 'a', '\u009b', '\u009d', '\r\n'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 5 }), (parts, cuts) => {
        const text = parts.join('');
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [...at, text.length].map((end, i, all) => text.slice(i === 0 ? 0 : all[i - 1], end));
        const out = filter(...chunks);
        expect(out).not.toMatch(/\x1b[\]P_^X]|[\u0080-\u009f]|\x1b\[[\d;>?]*[nct]/);
      }),
      { numRuns: 10_000, seed: 8 },
    );
  });
});

describe('OutputGuard', () => {
  it('passes small outputs through untouched and adds nothing at the end', () => {
    const g = new OutputGuard({ maxChars: 100, tailChars: 20 });
    expect(g.write('hello\r\n')).toBe('hello\r\n');
    expect(g.end()).toBe('');
  });

  it('cuts a flood: shows the start, says it paused, and ends with the count and the last lines', () => {
    const g = new OutputGuard({ maxChars: 100, tailChars: 40 });
    let shown = '';
    for (let i = 0; i < 1000; i++) shown += g.write(`line ${i}\n`);
    expect(shown.startsWith('line 0\nline 1\n')).toBe(true);
    expect(shown).toContain('output paused after 100 B');
    const end = g.end();
    expect(end).toMatch(/\[Layerlab: [\d.]+ KiB of output not shown; the last \d+ B follow\]/);
    expect(end.endsWith('line 998\nline 999\n')).toBe(true);
    expect(end.split('\x1b[0m\r\n').at(-1)!.startsWith('line ')).toBe(true);
    expect(g.stats.total).toBe([...Array(1000).keys()].map((i) => `line ${i}\n`).join('').length);
  });

  it('a 50 MB output costs the terminal at most the limit plus the tail', () => {
    const g = new OutputGuard();
    const block = 'y\n'.repeat(32 * 1024);
    let written = 0;
    const t0 = performance.now();
    for (let i = 0; i < 800; i++) written += g.write(block).length;
    written += g.end().length;
    expect(written).toBeLessThan(2 * 1024 * 1024 + 64 * 1024 + 512);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
