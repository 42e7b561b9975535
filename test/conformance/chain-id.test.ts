import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainId, chainIdOf, chainIds, imageIdOf, shortImageId } from '../../src/engine/oci/chain-id.ts';
import { conformanceDir, haveConformance } from '../helpers/shared.ts';

interface Vectors {
  chainIdVectors: { diffIds: string[]; chainIds: string[] }[];
  imageIdExample: { configBytes: string; imageId: string; shortId: string };
  definitions: { emptyLayerTar: string };
}

describe.runIf(haveConformance())('image-spec identity vectors', () => {
  const v = JSON.parse(readFileSync(join(conformanceDir, 'image-spec/identity-vectors.json'), 'utf8')) as Vectors;

  it.each(v.chainIdVectors.map((c, i) => [i, c] as const))('chainIds vector %i', (_i, c) => {
    expect(chainIds(c.diffIds)).toEqual(c.chainIds);
    expect(chainId(c.diffIds)).toBe(c.chainIds.length ? c.chainIds[c.chainIds.length - 1] : null);
    // The incremental form agrees with the whole-stack form.
    let parent: string | null = null;
    c.diffIds.forEach((d, i) => {
      parent = chainIdOf(parent, d);
      expect(parent).toBe(c.chainIds[i]);
    });
  });

  it('image id is the digest of the exact config bytes', () => {
    const ex = v.imageIdExample;
    expect(imageIdOf(ex.configBytes)).toBe(ex.imageId);
    expect(imageIdOf(new TextEncoder().encode(ex.configBytes))).toBe(ex.imageId);
    expect(shortImageId(ex.imageId)).toBe(ex.shortId);
    // Any change to the bytes, even whitespace, is a different image.
    expect(imageIdOf(`${ex.configBytes} `)).not.toBe(ex.imageId);
  });

  it('empty layer tar (1024 zero bytes) has the well-known diffId', () => {
    const expected = /sha256:[0-9a-f]{64}/.exec(v.definitions.emptyLayerTar)![0];
    expect(imageIdOf(new Uint8Array(1024))).toBe(expected);
  });
});
