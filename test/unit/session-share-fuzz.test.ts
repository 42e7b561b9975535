/**
 * Share links from anywhere: 10,000 `#session=…` fragments (random text,
 * valid links with bytes flipped or cut, deflated random JSON, deflate
 * bombs) decode to a validated session or to a refusal key, never to an
 * exception, and nothing a link carries can name a path outside the
 * workspace or put a control character into the terminal history.
 */
import { deflateSync, strToU8 } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase64 } from '../../src/lib/base64.ts';
import { LIMITS, SESSION_FORMAT, decodeSessionFragment, encodeSessionFragment } from '../../src/app/state/session-share.ts';
import { checkPath } from '../../src/app/state/workspace.svelte.ts';

const b64url = (bytes: Uint8Array) => encodeBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fragmentOf = (json: string) => `#session=${b64url(deflateSync(strToU8(json)))}`;

function verdict(hash: string): void {
  const r = decodeSessionFragment(hash);
  if (!r.ok) {
    expect(['sessionInvalid', 'sessionTooLarge']).toContain(r.error);
    return;
  }
  for (const [path, text] of Object.entries(r.doc.files)) {
    expect(checkPath(path)).toBeNull();
    expect(typeof text).toBe('string');
  }
  for (const line of r.doc.history) expect(line).not.toMatch(/[\x00-\x08\x0a-\x1f\x7f]/);
}

const PATHS = ['Dockerfile', 'a/b', '../x', '/etc/passwd', 'a//b', '.', 'a/./b', 'x\\y', '<img src=x onerror=alert(1)>', '__proto__', 'constructor', 'a'.repeat(300), 'Dockerfile/x', ''];
const LINES = ['docker run busybox', '\u001b]52;c;aGk=\u0007', 'echo\nrm -rf /', '\u0000', 'x'.repeat(5000), '<script>alert(1)</script>', 'ok'];

const doc = fc.record({
  format: fc.oneof(fc.constant(SESSION_FORMAT), fc.string({ maxLength: 8 })),
  files: fc.oneof(fc.dictionary(fc.constantFrom(...PATHS), fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null))), fc.constant([]), fc.constant(null)),
  history: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...LINES), fc.string({ maxLength: 12 }), fc.integer())), fc.constant('x')),
});

describe('share-link decoding fuzz', () => {
  it('random fragments, random documents and damaged links decode or are refused, never throw (10,000 cases)', () => {
    const good = encodeSessionFragment({ files: { Dockerfile: 'FROM busybox\n', 'app/x.sh': 'echo hi\n' }, history: ['docker build .'] });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }).map((s) => `#session=${s}`),
          fc.stringMatching(/^[A-Za-z0-9_-]{0,300}$/).map((s) => `#session=${s}`),
          doc.map((d) => fragmentOf(JSON.stringify(d))),
          fc.string({ maxLength: 100 }).map(fragmentOf),
          fc.tuple(fc.nat(), fc.nat(63)).map(([at, c]) => {
            const i = 9 + (at % (good.length - 9));
            return good.slice(0, i) + 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[c] + good.slice(i + 1);
          }),
          fc.nat().map((n) => good.slice(0, 9 + (n % (good.length - 9)))),
        ),
        verdict,
      ),
      { numRuns: 10_000, seed: 5150 },
    );
  });

  it('a deflate bomb is refused as too large, quickly', () => {
    const bomb = `#session=${b64url(deflateSync(new Uint8Array(16 * 1024 * 1024).fill(32), { level: 9 }))}`;
    expect(bomb.length).toBeLessThan(LIMITS.fragmentChars);
    const t0 = performance.now();
    expect(decodeSessionFragment(bomb)).toEqual({ ok: false, error: 'sessionTooLarge' });
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('prototype keys stay plain file names', () => {
    const r = decodeSessionFragment(fragmentOf(`{"format":"${SESSION_FORMAT}","files":{"__proto__":"x","constructor":"y"},"history":[]}`));
    expect(r.ok && Object.keys(r.doc.files).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(r.ok && r.doc.files)).toBe(Object.prototype);
    const nested = decodeSessionFragment(fragmentOf(`{"format":"${SESSION_FORMAT}","files":{"constructor/x":"y"},"history":[]}`));
    expect(nested.ok && Object.keys(nested.doc.files)).toEqual(['constructor/x']);
  });
});
