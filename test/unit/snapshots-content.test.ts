import { describe, expect, it } from 'vitest';
import { isEngineError } from '../../src/api/index.ts';
import { ContentStore } from '../../src/engine/content/store.ts';
import { EMPTY_LAYER_DIFF_ID, digestHex, isDigest, parseDigest, sha256Digest, verifyDigest } from '../../src/engine/oci/digest.ts';

describe('sha256Digest and digest validation', () => {
  it('hashes bytes and UTF-8 strings', () => {
    expect(sha256Digest('')).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Digest(new Uint8Array(1024))).toBe(EMPTY_LAYER_DIFF_ID);
    expect(sha256Digest('é')).toBe(sha256Digest(Uint8Array.of(0xc3, 0xa9)));
    expect(digestHex(EMPTY_LAYER_DIFF_ID)).toHaveLength(64);
  });

  it('accepts the OCI grammar and rejects malformed or non-canonical digests', () => {
    expect(isDigest(EMPTY_LAYER_DIFF_ID)).toBe(true);
    expect(isDigest(`sha512:${'a'.repeat(128)}`)).toBe(true);
    expect(isDigest('multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8')).toBe(true);
    expect(isDigest(`sha256:${'A'.repeat(64)}`)).toBe(false);
    expect(isDigest(`sha256:${'a'.repeat(63)}`)).toBe(false);
    expect(isDigest('sha256')).toBe(false);
    expect(isDigest(':abc')).toBe(false);
    expect(() => parseDigest('nope')).toThrow(/invalid checksum digest format/);
    expect(parseDigest(EMPTY_LAYER_DIFF_ID).algorithm).toBe('sha256');
    expect(verifyDigest(new Uint8Array(1024), EMPTY_LAYER_DIFF_ID)).toBe(true);
    expect(verifyDigest(new Uint8Array(1023), EMPTY_LAYER_DIFF_ID)).toBe(false);
  });
});

describe('ContentStore', () => {
  it('stores blobs by digest, idempotently, copying the input', () => {
    const cs = new ContentStore();
    const data = Uint8Array.of(1, 2, 3);
    const a = cs.put(data);
    data[0] = 7;
    expect(cs.put(Uint8Array.of(1, 2, 3))).toEqual(a);
    expect([...cs.get(a.digest)]).toEqual([1, 2, 3]);
    expect(cs.list()).toEqual([a.digest]);
    expect(cs.size).toBe(3);
    cs.delete(a.digest);
    cs.delete(a.digest);
    expect(cs.has(a.digest)).toBe(false);
  });

  it('verifies on put and reports unknown content as NotFound', () => {
    const cs = new ContentStore();
    let err: unknown;
    try {
      cs.put(Uint8Array.of(1), EMPTY_LAYER_DIFF_ID);
    } catch (e) {
      err = e;
    }
    expect(isEngineError(err) && err.code).toBe('DataLoss');
    expect(cs.list()).toEqual([]);
    expect(() => cs.get(EMPTY_LAYER_DIFF_ID)).toThrow(/not found/);
  });
});
