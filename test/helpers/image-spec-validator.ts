/**
 * The OCI image-spec JSON Schemas (draft-04) under ajv 8: every schema file
 * is registered under its file name and nested `id`s are dropped, so the
 * relative `$ref`s (`defs.json#/…`) resolve as the Go validator's loader
 * resolves them; `date-time` and `uri` are checked with the RFC 3339 / URI
 * grammars; plus the two checks the Go validator adds (config Env entries,
 * descriptor data and digests).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { conformanceDir } from './shared.ts';

const schemaDir = join(conformanceDir, 'image-spec/schema');

function stripIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripIds);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'id' && typeof v === 'string') || k === '$schema') continue;
      out[k] = stripIds(v);
    }
    return out;
  }
  return node;
}

export function imageSpecValidator(): (schemaFile: string, docText: string) => boolean {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/);
  ajv.addFormat('uri', /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/);
  for (const f of readdirSync(schemaDir).filter((n) => n.endsWith('.json'))) {
    const schema = stripIds(JSON.parse(readFileSync(join(schemaDir, f), 'utf8'))) as Record<string, unknown>;
    ajv.addSchema({ ...schema, $id: f });
  }
  const compiled = new Map<string, ValidateFunction>();
  return (schemaFile, docText) => {
    let validate = compiled.get(schemaFile);
    if (!validate) {
      validate = ajv.getSchema(schemaFile)!;
      compiled.set(schemaFile, validate);
    }
    let doc: unknown;
    try {
      doc = JSON.parse(docText);
    } catch {
      return false;
    }
    return validate(doc) && extraChecks(schemaFile, doc);
  };
}

const DIGEST_OK = (d: string) => {
  const [alg, enc] = d.split(':');
  if (alg === 'sha256') return /^[a-f0-9]{64}$/.test(enc ?? '');
  if (alg === 'sha512') return /^[a-f0-9]{128}$/.test(enc ?? '');
  return true;
};

function descriptorOk(d: { digest?: string; data?: string }): boolean {
  if (d.digest !== undefined && !DIGEST_OK(d.digest)) return false;
  if (d.data !== undefined && !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(d.data)) return false;
  return true;
}

function extraChecks(schemaFile: string, doc: unknown): boolean {
  const d = doc as Record<string, unknown>;
  if (schemaFile === 'config-schema.json') {
    const env = (d.config as { Env?: unknown[] } | undefined)?.Env ?? [];
    return env.every((e) => typeof e === 'string' && /^[^=]+=.*$/.test(e));
  }
  if (schemaFile === 'content-descriptor.json') return descriptorOk(d);
  if (schemaFile === 'image-manifest-schema.json') {
    return descriptorOk(d.config as object) && ((d.layers as object[]) ?? []).every(descriptorOk);
  }
  if (schemaFile === 'image-index-schema.json') return ((d.manifests as object[]) ?? []).every(descriptorOk);
  return true;
}
