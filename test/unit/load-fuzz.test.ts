/**
 * `docker load` of hostile archives: truncated, bit-flipped, oversized
 * headers, `../` and absolute names, escaping symlinks and hard links,
 * duplicate entries, bad gzip, broken manifests, and layers that are any of
 * these. Every case either loads or is refused with an EngineError naming
 * what was wrong; nothing throws anything else, nothing hangs, and the engine
 * loads and runs a good image afterwards.
 */
import { gzipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEngineError, type EngineApi } from '../../src/api/index.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { gunzipBounded } from '../../src/engine/images/archive-check.ts';
import { docker } from '../helpers/run-docker.ts';

const enc = new TextEncoder();

interface RawEntry {
  readonly name: string;
  readonly type?: '0' | '1' | '2' | '5' | 'x' | 'L' | 'g';
  readonly linkname?: string;
  readonly data?: Uint8Array;
  /** Overrides the size field (octal text, or raw bytes for base-256). */
  readonly sizeField?: string;
  readonly badChecksum?: boolean;
}

/** One ustar header, written by hand so that it can say anything. */
function header(e: RawEntry): Uint8Array {
  const h = new Uint8Array(512);
  const put = (off: number, len: number, text: string) => h.set(enc.encode(text).subarray(0, len), off);
  put(0, 100, e.name);
  put(100, 8, '0000644\0');
  put(108, 8, '0000000\0');
  put(116, 8, '0000000\0');
  put(124, 12, e.sizeField ?? `${(e.data?.length ?? 0).toString(8).padStart(11, '0')}\0`);
  put(136, 12, '00000000000\0');
  put(156, 1, e.type ?? '0');
  put(157, 100, e.linkname ?? '');
  put(257, 6, 'ustar\0');
  put(263, 2, '00');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  put(148, 8, `${(e.badChecksum ? sum + 1 : sum).toString(8).padStart(6, '0')}\0 `);
  return h;
}

function tarOf(entries: readonly RawEntry[], end = true): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    parts.push(header(e));
    const data = e.data ?? new Uint8Array(0);
    parts.push(data, new Uint8Array(-data.length & 511));
  }
  if (end) parts.push(new Uint8Array(1024));
  return concat(parts);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The one verdict every case must reach: loaded, or refused with an EngineError that says something. */
async function loadOutcome(api: EngineApi, bytes: Uint8Array): Promise<'loaded' | string> {
  try {
    await api.imageLoad(bytes);
    return 'loaded';
  } catch (e) {
    if (!isEngineError(e)) throw e;
    expect(e.message).toMatch(/\S/);
    return e.message;
  }
}

const engine = () => createEngine({ ...testDeps(), preloadImages: ['hello-world'] });

/** A config and a one-file layer that match, so an archive built around a hostile layer gets as far as the layer. */
function archiveAround(layer: Uint8Array, extra: readonly RawEntry[] = []): Uint8Array {
  const config = enc.encode(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: ['sha256:' + '0'.repeat(64)] } }));
  const manifest = enc.encode(JSON.stringify([{ Config: 'config.json', RepoTags: ['hostile:latest'], Layers: ['layer.tar'] }]));
  return tarOf([{ name: 'manifest.json', data: manifest }, { name: 'config.json', data: config }, { name: 'layer.tar', data: layer }, ...extra]);
}

describe('docker load refuses hostile archives with a clear error', () => {
  const cases: [string, () => Uint8Array, RegExp][] = [
    ['empty input', () => new Uint8Array(0), /archive is empty/],
    ['no manifest', () => tarOf([{ name: 'x', data: enc.encode('1') }]), /no manifest.json or index.json/],
    ['truncated entry', () => tarOf([{ name: 'manifest.json', data: enc.encode('[]') }]).subarray(0, 700), /archive: Tar archive is truncated/],
    ['size field larger than the archive', () => tarOf([{ name: 'manifest.json', sizeField: '77777777777\0' }]), /archive: Tar archive is truncated/],
    ['bad header checksum', () => tarOf([{ name: 'manifest.json', data: enc.encode('[]'), badChecksum: true }]), /archive: Invalid tar header checksum/],
    ['`../` name', () => tarOf([{ name: '../../etc/passwd', data: enc.encode('x') }]), /entry "..\/..\/etc\/passwd" is outside of the archive root/],
    ['absolute name', () => tarOf([{ name: '/manifest.json', data: enc.encode('[]') }]), /entry "\/manifest.json" is an absolute path/],
    ['escaping symlink', () => tarOf([{ name: 'a/link', type: '2', linkname: '../../etc' }]), /invalid symlink "a\/link" -> "..\/..\/etc"/],
    ['escaping hard link', () => tarOf([{ name: 'h', type: '1', linkname: '../x' }]), /invalid hardlink "h" -> "..\/x"/],
    ['duplicate manifest.json', () => tarOf([{ name: 'manifest.json', data: enc.encode('[]') }, { name: './manifest.json', data: enc.encode('[]') }]), /entry ".\/manifest.json" appears twice/],
    ['over-long name (pax)', () => tarOf([{ name: 'PaxHeader', type: 'x', data: enc.encode(`${'5011'} path=${'a/'.repeat(2500)}\n`) }, { name: 'x', data: enc.encode('1') }]), /more than 4096/],
    ['bad gzip', () => gzipSync(tarOf([{ name: 'manifest.json', data: enc.encode('[]') }])).map((b, i) => (i === 20 ? b ^ 0xff : b)), /archive: gzip: /],
    ['truncated gzip', () => gzipSync(tarOf([{ name: 'manifest.json', data: enc.encode('[]') }])).subarray(0, 30), /archive: gzip: unexpected EOF/],
    ['forged gzip size trailer', () => {
      const gz = gzipSync(tarOf([{ name: 'manifest.json', data: enc.encode('[]') }]));
      gz.set([0xff, 0xff, 0xff, 0xff], gz.length - 4);
      return gz;
    }, /size trailer says 4294967295 bytes/],
    ['manifest.json not JSON', () => tarOf([{ name: 'manifest.json', data: enc.encode('[{') }]), /invalid manifest.json: /],
    ['manifest.json of the wrong shape', () => tarOf([{ name: 'manifest.json', data: enc.encode('[{"Config":1}]') }]), /image 0 needs a Config string/],
    ['OCI index whose manifests list each other', () => {
      const [a, b] = ['a'.repeat(64), 'b'.repeat(64)];
      const list = (d: string) => enc.encode(JSON.stringify({ manifests: [{ digest: `sha256:${d}` }] }));
      return tarOf([{ name: 'index.json', data: list(a) }, { name: `blobs/sha256/${a}`, data: list(b) }, { name: `blobs/sha256/${b}`, data: list(a) }, { name: `blobs/sha256/${'c'.repeat(64)}`, data: enc.encode('{}') }]);
    }, /no images in the archive/],
    ['layer with a `../` entry', () => archiveAround(tarOf([{ name: '../escape', data: enc.encode('x') }])), /layer layer.tar: entry "..\/escape" is outside/],
    ['layer with an escaping symlink', () => archiveAround(tarOf([{ name: 'etc/x', type: '2', linkname: '../../../root' }])), /layer layer.tar: invalid symlink/],
  ];
  for (const [what, bytes, message] of cases) {
    it(what, async () => {
      const api = engine();
      expect(await loadOutcome(api, bytes())).toMatch(message);
      expect((await docker(['images', '--format', '{{.Repository}}'], api)).stdout).toBe('hello-world\n');
    });
  }

  it('a gzip bomb stops inflating at the limit', () => {
    const bomb = gzipSync(new Uint8Array(4 * 1024 * 1024), { level: 1 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(() => gunzipBounded(bomb, 'layer 1', 1024 * 1024)).toThrow(/layer 1 inflates to more than 1048576 bytes/);
    expect(gunzipBounded(bomb, 'layer 1', 4 * 1024 * 1024)).toHaveLength(4 * 1024 * 1024);
  });

  it('duplicate entries inside a layer keep tar semantics (the later wins) and the layer still has to match its diffID', async () => {
    expect(await loadOutcome(engine(), archiveAround(tarOf([{ name: 'f', data: enc.encode('1') }, { name: 'f', data: enc.encode('2') }])))).toMatch(/invalid diffID for layer 0/);
  });
});

const NAMES = ['manifest.json', 'index.json', 'config.json', 'layer.tar', '../x', '/abs', 'a/../../b', './manifest.json', 'blobs/sha256/x', 'a'.repeat(99), ''];
const LINKS = ['../../etc', '/etc/passwd', 'x', '..', 'a/../..', ''];
const JSONS = ['[]', '[{', '{}', 'null', '1', '[{"Config":"config.json","RepoTags":["x:1"],"Layers":["layer.tar"]}]', '[{"Config":"config.json","RepoTags":["BAD TAG"],"Layers":[]}]', '{"manifests":[{"digest":"sha256:x"}]}'];

const rawEntry: fc.Arbitrary<RawEntry> = fc.record(
  {
    name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 12 })),
    type: fc.constantFrom<RawEntry['type']>('0', '1', '2', '5', 'x', 'L', 'g'),
    linkname: fc.constantFrom(...LINKS),
    data: fc.oneof(fc.constantFrom(...JSONS).map((j) => enc.encode(j)), fc.uint8Array({ maxLength: 600 })),
    sizeField: fc.constantFrom('77777777777\0', '\x80\0\0\0\0\0\0\xff\xff\xff\xff\xff', 'zzz', '-1', '00000000001\0'),
    badChecksum: fc.boolean(),
  },
  { requiredKeys: ['name', 'data'] },
);

type Mutation = { readonly kind: 'truncate' | 'flip' | 'splice' | 'zero'; readonly at: number; readonly value: number };

function mutate(bytes: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  let b: Uint8Array = bytes.slice();
  for (const m of ms) {
    const at = m.at % (b.length + 1);
    if (m.kind === 'truncate') b = b.subarray(0, at);
    else if (m.kind === 'flip' && at < b.length) b[at]! ^= 1 << (m.value % 8);
    else if (m.kind === 'zero') b.fill(0, at, at + (m.value % 600));
    else if (m.kind === 'splice') b = concat([b.subarray(0, at), new Uint8Array(m.value % 1100).fill(m.value & 0xff), b.subarray(at)]);
  }
  return b;
}

const mutation = fc.record({ kind: fc.constantFrom<Mutation['kind']>('truncate', 'flip', 'splice', 'zero'), at: fc.nat(), value: fc.nat() });

describe('docker load fuzz', () => {
  const outcomes = { loaded: 0, refused: 0 };
  let slowest = 0;

  async function exercise(api: EngineApi, bytes: Uint8Array): Promise<void> {
    const t0 = performance.now();
    const r = await loadOutcome(api, bytes);
    slowest = Math.max(slowest, performance.now() - t0);
    outcomes[r === 'loaded' ? 'loaded' : 'refused']++;
  }

  it('mutated docker save archives, plain and gzipped (6,000 cases)', async () => {
    const api = engine();
    const good = await api.imageSave(['hello-world']);
    const gz = gzipSync(good);
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (zip, ms) => {
        await exercise(api, mutate(zip ? gz : good, ms));
      }),
      { numRuns: 6000, seed: 1212 },
    );
    expect(await loadOutcome(api, good)).toBe('loaded');
    expect((await docker(['run', '--rm', 'hello-world'], api)).stdout).toContain('Hello from Docker!');
  });

  it('hand-made tars with hostile headers, as the archive and as its layer (4,000 cases)', async () => {
    const api = engine();
    await fc.assert(
      fc.asyncProperty(fc.array(rawEntry, { maxLength: 6 }), fc.boolean(), fc.boolean(), async (entries, asLayer, end) => {
        const tar = tarOf(entries, end);
        await exercise(api, asLayer ? archiveAround(tar) : tar);
      }),
      { numRuns: 4000, seed: 3434 },
    );
    expect((await docker(['run', '--rm', 'hello-world'], api)).stdout).toContain('Hello from Docker!');
  });

  it('both loads and refusals happened, and no case took long', () => {
    expect(outcomes.loaded).toBeGreaterThan(50);
    expect(outcomes.refused).toBeGreaterThan(5000);
    expect(slowest).toBeLessThan(2000);
  });
});
