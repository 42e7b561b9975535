/**
 * Only our own code runs: no eval, new Function or string timers anywhere
 * in src; HTML is inserted in one place only (the lesson Markdown renderer,
 * which is safe by construction and attacked below with XSS payloads); the
 * built page carries a Content-Security-Policy without unsafe-eval.
 * (test/e2e/security.e2e.ts greps the built bundle and runs the app under
 * the policy in Chromium.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderInline, renderMarkdown } from '../../src/app/lessons/markdown.ts';
import { PAGE_CSP, SERVER_CSP } from '../../src/lib/content-security-policy.ts';

const root = join(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|svelte|js|mjs)$/.test(name) ? [p] : [];
  });
}

/** Code that turns text into code: eval, the Function constructor, setTimeout/setInterval with a string. */
export const DYNAMIC_CODE = /(?<![\w$.])eval\s*\(|\bnew\s+Function\s*\(|(?<![\w$.])Function\s*\(\s*['"`]|\bset(?:Timeout|Interval)\s*\(\s*['"`]/;

describe('no code from text', () => {
  it('nothing in src calls eval, new Function or a string timer', () => {
    const hits = files(join(root, 'src')).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        // A method that happens to be called eval (awk's evaluator) is a definition, not a call.
        .flatMap((line, i) =>
          DYNAMIC_CODE.test(line.replace(/\beval\s*\([^()]*\)\s*[:{]/g, '')) && !/^\s*(\*|\/\/)/.test(line) ? [`${relative(root, f)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(hits).toEqual([]);
  });

  it('HTML reaches the DOM only through the lesson Markdown renderer', () => {
    const sinks = /\{@html\s+(?!render(?:Markdown|Inline)\()|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write/;
    const hits = files(join(root, 'src/app')).filter((f) => sinks.test(readFileSync(f, 'utf8')));
    expect(hits.map((f) => relative(root, f))).toEqual([]);
  });

  it('the page policy allows only our own scripts, no eval, no plugins; WASM compiles only in the served policy', () => {
    expect(PAGE_CSP).toMatch(/script-src 'self';/);
    expect(PAGE_CSP).not.toMatch(/unsafe-eval|unsafe-inline'[^;]*script|\*/);
    expect(PAGE_CSP).toMatch(/object-src 'none'/);
    expect(SERVER_CSP).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
    expect(SERVER_CSP).not.toMatch(/'unsafe-eval'/);
  });
});

/** Would this HTML run anything? Active elements, event-handler attributes, javascript:/data:/vbscript: URLs (attribute-aware: quoted text is not a tag). */
function active(html: string): string | null {
  const decode = (v: string) => v.replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d))).replace(/&colon;/gi, ':');
  for (const tag of html.matchAll(/<([a-z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/gi)) {
    const name = tag[1]!.toLowerCase();
    if (/^(script|iframe|object|embed|svg|math|img|video|audio|source|form|input|textarea|style|link|meta|base|frame|applet)$/.test(name)) return `<${name}> element`;
    for (const attr of tag[2]!.matchAll(/([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      const key = attr[1]!.toLowerCase();
      const value = decode(attr[2] ?? attr[3] ?? attr[4] ?? '').replace(/[\s\x00-\x1f]/g, '').toLowerCase();
      if (key.startsWith('on')) return `event handler ${key} on <${name}>`;
      if (/^(href|src|action|formaction|xlink:href|srcdoc)$/.test(key) && /^(javascript|data|vbscript):/.test(value)) return `active URL in ${key} on <${name}>`;
    }
  }
  return null;
}

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '[click](javascript:alert(1))',
  '[click](JAVASCRIPT:alert(1))',
  '[click]( javascript:alert(1) )',
  '[click](java\nscript:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](data:text/html,<script>alert(1)</script>)',
  '[click](vbscript:msgbox(1))',
  '![x](javascript:alert(1))',
  '![x](https://example.com/x.png" onerror="alert(1))',
  '<a href="x" onclick="alert(1)">x</a>',
  '[x](https://example.com "title\\" onmouseover=\\"alert(1)")',
  '<iframe src="https://example.com"></iframe>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '```\n<script>alert(1)</script>\n```',
  '```js" onmouseover="alert(1)\ncode\n```',
  '```\ndocker run "<img src=x onerror=alert(1)>"\n```',
  '`<img src=x onerror=alert(1)>`',
  '<details open ontoggle=alert(1)>',
  '[x]: javascript:alert(1)\n\n[y][x]',
  '<https://example.com/" onmouseover="alert(1)>',
  '<javascript:alert(1)>',
];

describe('lesson Markdown is data only (XSS payloads)', () => {
  for (const payload of PAYLOADS) {
    it(JSON.stringify(payload), () => {
      expect(active(renderMarkdown(payload))).toBeNull();
      expect(active(renderInline(payload))).toBeNull();
    });
  }

  it('the detector itself sees active HTML', () => {
    for (const html of ['<img src=x onerror=alert(1)>', '<a href="java&#115;cript:x">', '<p onclick=\'x\'>', '<a href=" javascript:x">', '<svg>']) expect(active(html)).not.toBeNull();
    expect(active('<a title="x onerror=y" href="https://e.x/">&lt;img onerror=x&gt;</a>')).toBeNull();
  });

  it('safe links keep working, and open in a new tab without the opener', () => {
    expect(renderMarkdown('[docs](https://docs.docker.com/)')).toContain('<a href="https://docs.docker.com/" target="_blank" rel="noopener noreferrer">docs</a>');
    expect(renderMarkdown('[next](#step-2)')).toContain('<a href="#step-2">next</a>');
  });

  it('random mixes of payload pieces never render active HTML (10,000 cases)', () => {
    const pieces = ['<', '>', '"', "'", '`', '```', '\n', '[', ']', '(', ')', '!', 'javascript:', 'data:', 'on', 'onerror=', 'alert(1)', 'script', 'img', 'src=x', '&#', 'x;', ' ', 'https://e.x/', '\\', '*', '_', '#'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(active(renderMarkdown(text))).toBeNull();
        expect(active(renderInline(text))).toBeNull();
      }),
      { numRuns: 10_000, seed: 31337 },
    );
  });
});
