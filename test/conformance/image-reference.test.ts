import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/api/errors.ts';
import {
  familiarName,
  familiarString,
  parseAnyReference,
  parseDockerRef,
  parseNormalizedNamed,
  parseReference,
  referenceName,
  referenceString,
  withDigest,
  withTag,
} from '../../src/engine/oci/reference.ts';
import { conformanceDir, haveConformance } from '../helpers/shared.ts';

interface ParseCase {
  input: string;
  repository?: string;
  domain?: string;
  tag?: string;
  digest?: string;
  err?: string;
}
interface InfoCase {
  RemoteName: string;
  FamiliarName: string;
  FullName: string;
  AmbiguousName: string;
  Domain: string;
}

/** Upstream error name → text, from the fixture's description and go-digest. */
const errorText: Record<string, string> = {
  ErrReferenceInvalidFormat: 'invalid reference format',
  ErrNameContainsUppercase: 'repository name must be lowercase',
  ErrNameEmpty: 'repository name must have at least one component',
  ErrNameTooLong: 'repository name must not be more than 255 characters',
  'digest.ErrDigestInvalidLength': 'invalid checksum digest length',
  'digest.ErrDigestUnsupported': 'unsupported digest algorithm',
};

function caught(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error('expected an error');
}

describe.runIf(haveConformance())('image-reference-cases.json', () => {
  const data = JSON.parse(readFileSync(join(conformanceDir, 'image-reference-cases.json'), 'utf8')) as {
    referenceParse: { cases: ParseCase[] };
    parseDockerRef: { cases: { input: string; expected: string }[] };
    repositoryInfo: { cases: InfoCase[] };
    validateReferenceName: { valid: string[]; invalid: string[] };
    validateRemoteName: { valid: string[]; invalid: string[] };
  };

  describe('Parse', () => {
    it.each(data.referenceParse.cases.map((c, i) => [i, c.input, c] as const))('#%i %s', (_i, input, c) => {
      if (c.err !== undefined) {
        const e = caught(() => parseReference(input));
        expect(e.data.reason).toBe(c.err);
        expect(e.message).toBe(errorText[c.err]);
        expect(e.code).toBe('InvalidParameter');
        return;
      }
      const ref = parseReference(input);
      if (c.repository !== undefined) expect(referenceName(ref)).toBe(c.repository);
      if (c.domain !== undefined) expect(ref.domain).toBe(c.domain);
      expect(ref.tag).toBe(c.tag);
      expect(ref.digest).toBe(c.digest);
      // Parse is lossless: the string form gives back the input.
      expect(referenceString(ref)).toBe(input);
    });
  });

  describe('ParseDockerRef', () => {
    it.each(data.parseDockerRef.cases.map((c) => [c.input, c.expected] as const))('%s → %s', (input, expected) => {
      expect(referenceString(parseDockerRef(input))).toBe(expected);
    });
  });

  describe('repository info', () => {
    it.each(data.repositoryInfo.cases.map((c) => [c.FullName, c] as const))('%s', (_n, c) => {
      for (const name of [c.FullName, c.FamiliarName, c.AmbiguousName]) {
        if (name === '') continue;
        const ref = parseNormalizedNamed(name);
        expect(familiarName(ref), name).toBe(c.FamiliarName);
        expect(referenceString(ref), name).toBe(c.FullName);
        expect(ref.domain, name).toBe(c.Domain);
        expect(ref.path, name).toBe(c.RemoteName);
      }
    });
  });

  for (const key of ['validateReferenceName', 'validateRemoteName'] as const) {
    describe(key, () => {
      it.each(data[key].valid)('valid: %s', (name) => {
        expect(() => parseNormalizedNamed(name)).not.toThrow();
      });
      it.each(data[key].invalid)('invalid: %s', (name) => {
        caught(() => parseNormalizedNamed(name));
      });
    });
  }
});

describe('reference helpers', () => {
  it('familiar strings strip Docker Hub defaults only', () => {
    expect(familiarString(parseDockerRef('busybox'))).toBe('busybox:latest');
    expect(familiarString(parseDockerRef('localhost:5000/app'))).toBe('localhost:5000/app:latest');
    expect(familiarString(parseDockerRef('docker.io/library/foo/bar:1'))).toBe('library/foo/bar:1');
  });

  it('docker CLI error texts for what users type', () => {
    expect(caught(() => parseNormalizedNamed('Ubuntu')).message).toBe(
      'invalid reference format: repository name (library/Ubuntu) must be lowercase',
    );
    const id = 'a'.repeat(64);
    expect(caught(() => parseNormalizedNamed(id)).message).toBe(
      `invalid repository name (${id}), cannot specify 64-byte hexadecimal strings`,
    );
    expect(caught(() => parseNormalizedNamed('foo:bad!tag')).message).toBe('invalid reference format');
    expect(caught(() => parseReference('')).data.reason).toBe('ErrNameEmpty');
  });

  it('ParseAnyReference reads a bare image id as a digest', () => {
    const id = 'b'.repeat(64);
    expect(parseAnyReference(id)).toEqual({ domain: '', path: '', digest: `sha256:${id}` });
    expect(referenceString(parseAnyReference('busybox'))).toBe('docker.io/library/busybox');
  });

  it('withTag / withDigest validate and keep the other part', () => {
    const d = `sha256:${'c'.repeat(64)}`;
    const ref = withDigest(withTag(parseNormalizedNamed('app'), 'v1'), d);
    expect(referenceString(ref)).toBe(`docker.io/library/app:v1@${d}`);
    expect(caught(() => withTag(ref, '-bad')).message).toBe('invalid tag format');
    expect(caught(() => withDigest(ref, 'nope')).message).toBe('invalid digest format');
  });
});
