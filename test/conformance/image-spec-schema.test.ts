/**
 * Layerlab's image documents against the OCI image-spec schemas: first the
 * validator itself is held to the 67 upstream schema cases (so a pass below
 * means something), then every config and manifest the base images produce,
 * and the index.json / oci-layout / manifests of a `docker save` archive.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unpackTar } from 'modern-tar';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContentStore } from '../../src/engine/content/store.ts';
import { testDeps } from '../../src/engine/deps.ts';
import { USERSPACE_ROOTFS_TOOLS } from '../../src/engine/image-module.ts';
import { BASE_IMAGE_RECIPES } from '../../src/engine/images/base/catalogue.ts';
import { ImageService } from '../../src/engine/images/service.ts';
import { ImageStore } from '../../src/engine/images/store.ts';
import { Snapshotter } from '../../src/engine/snapshots/snapshotter.ts';
import { imageSpecValidator } from '../helpers/image-spec-validator.ts';
import { conformanceDir, haveConformance } from '../helpers/shared.ts';

const enabled = haveConformance();
const text = (b: Uint8Array) => new TextDecoder().decode(b);
/** Each recipe's first tag (not every repository has `latest`, e.g. node:22-alpine). */
const refOf = (r: { repository: string; tags: readonly string[] }) => `${r.repository}:${r.tags[0]}`;

describe.runIf(enabled)('image-spec schemas', () => {
  const validate = enabled ? imageSpecValidator() : () => false;
  const data = enabled
    ? (JSON.parse(readFileSync(join(conformanceDir, 'image-spec/schema-cases.json'), 'utf8')) as {
        suites: { test: string; schemaFile: string; cases: { doc: string; fail: boolean }[] }[];
      })
    : { suites: [] };

  describe('the validator agrees with every upstream schema case', () => {
    for (const suite of data.suites) {
      it.each(suite.cases.map((c, i) => [i, c] as const))(`${suite.test} #%i`, (_i, c) => {
        expect(validate(suite.schemaFile, c.doc)).toBe(!c.fail);
      });
    }
  });

  describe('documents Layerlab writes', () => {
    let service: ImageService;
    beforeAll(async () => {
      const deps = testDeps();
      const content = new ContentStore();
      const store = new ImageStore({ content, snapshotter: new Snapshotter({ clock: deps.clock, content }), clock: deps.clock });
      service = new ImageService(store, USERSPACE_ROOTFS_TOOLS);
      for (const r of BASE_IMAGE_RECIPES) await service.ensureBaseImage(refOf(r));
    });

    for (const recipe of BASE_IMAGE_RECIPES) {
      it(`${recipe.repository}: config and manifest are valid`, () => {
        const record = service.store.resolve(refOf(recipe));
        expect(validate('config-schema.json', text(service.store.content.get(record.id)))).toBe(true);
        expect(validate('image-manifest-schema.json', text(service.store.content.get(record.manifestDigest)))).toBe(true);
      });
    }

    it('docker save: oci-layout, index.json and every manifest blob are valid', async () => {
      const tar = await service.save(BASE_IMAGE_RECIPES.map(refOf));
      const files = new Map((await unpackTar(tar)).map((e) => [e.header.name, e.data ?? new Uint8Array()]));
      expect(validate('image-layout-schema.json', text(files.get('oci-layout')!))).toBe(true);
      const index = text(files.get('index.json')!);
      expect(validate('image-index-schema.json', index)).toBe(true);
      const manifests = (JSON.parse(index) as { manifests: { digest: string }[] }).manifests;
      expect(manifests).toHaveLength(BASE_IMAGE_RECIPES.length);
      for (const m of manifests) {
        expect(validate('image-manifest-schema.json', text(files.get(`blobs/sha256/${m.digest.slice(7)}`)!))).toBe(true);
      }
    });
  });
});
