import { describe, expect, it } from 'vitest';
import { deflateSync, strToU8 } from 'fflate';
import { encodeBase64 } from '../../src/lib/base64.ts';
import {
  SESSION_FORMAT,
  decodeSessionFragment,
  encodeSessionFragment,
  hasSessionFragment,
  parseSessionJson,
  sessionJson,
} from '../../src/app/state/session-share.ts';

const doc = {
  files: { Dockerfile: 'FROM busybox:1.36\nCMD ["echo", "héllo 你好"]\n', 'app/main.py': 'print(42)\n' },
  history: ['docker version', 'docker run --rm busybox:1.36 echo hi'],
};

/** A fragment from arbitrary JSON, as a hostile link would carry it. */
const fragmentOf = (value: unknown) =>
  `#session=${encodeBase64(deflateSync(strToU8(JSON.stringify(value)))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;

describe('session share links and files', () => {
  it('round-trips files (including non-ASCII) and history through a URL-safe fragment', () => {
    const hash = encodeSessionFragment(doc);
    expect(hasSessionFragment(hash)).toBe(true);
    expect(hash.slice('#session='.length)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSessionFragment(hash)).toEqual({ ok: true, doc });
    expect(parseSessionJson(sessionJson(doc))).toEqual({ ok: true, doc });
  });

  it('refuses damaged links and documents of another format', () => {
    const hash = encodeSessionFragment(doc);
    expect(decodeSessionFragment(`${hash.slice(0, -6)}`)).toEqual({ ok: false, error: 'sessionInvalid' });
    expect(decodeSessionFragment('#session=not*base64')).toEqual({ ok: false, error: 'sessionInvalid' });
    expect(decodeSessionFragment('#other=1')).toEqual({ ok: false, error: 'sessionInvalid' });
    expect(decodeSessionFragment(fragmentOf({ format: 'layerlab-session/9', files: {}, history: [] }))).toMatchObject({ ok: false });
    expect(parseSessionJson('{')).toEqual({ ok: false, error: 'sessionInvalid' });
  });

  it('refuses paths that escape the workspace and history lines that would type more than one command', () => {
    const bad = (files: unknown, history: unknown = []) => decodeSessionFragment(fragmentOf({ format: SESSION_FORMAT, files, history }));
    expect(bad({ '../etc/passwd': 'x' })).toMatchObject({ ok: false, error: 'sessionInvalid' });
    expect(bad({ '/abs': 'x' })).toMatchObject({ ok: false });
    expect(bad({ a: 'x', 'a/b': 'y' })).toMatchObject({ ok: false });
    expect(bad({ a: 42 })).toMatchObject({ ok: false });
    expect(bad({}, ['docker version\rdocker rm -f x'])).toMatchObject({ ok: false });
    expect(bad({}, ['docker version\x1b[200~'])).toMatchObject({ ok: false });
    expect(bad({}, [{ toString: 'x' }])).toMatchObject({ ok: false });
  });

  it('refuses oversized sessions before decoding them fully', () => {
    const many = Object.fromEntries(Array.from({ length: 301 }, (_, i) => [`f${i}`, '']));
    expect(decodeSessionFragment(fragmentOf({ format: SESSION_FORMAT, files: many, history: [] }))).toEqual({ ok: false, error: 'sessionTooLarge' });
    // A deflate bomb: 20 MB of zeros is a 27 kB link; inflating stops soon after the 2 MB limit.
    const bomb = `#session=${encodeBase64(deflateSync(new Uint8Array(20_000_000))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
    expect(decodeSessionFragment(bomb)).toEqual({ ok: false, error: 'sessionTooLarge' });
  });
});
