/**
 * The row context of `docker images` (docker/cli cli/command/formatter/image.go):
 * one row per repository:tag (or digest), `<none>` for dangling images, and
 * the fields `{{.Repository}}`, `{{.Tag}}`, `{{.ID}}`, … as Go methods print them.
 */
import type { ImageSummary } from '../../../api/index.ts';
import { truncateId } from '../../format/display.ts';
import { GO_MARSHAL_JSON, GO_TYPE } from '../../format/go-template.ts';
import { rfc3339Utc } from '../../format/time.ts';
import { humanDuration, humanSize, humanSizeWithPrecision } from '../../format/units.ts';

export const DEFAULT_IMAGE_TABLE_FORMAT = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
export const DIGEST_IMAGE_TABLE_FORMAT = 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
export const QUIET_IMAGE_FORMAT = '{{.ID}}';

export const IMAGE_HEADERS: Readonly<Record<string, string>> = {
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  Tag: 'TAG',
  Digest: 'DIGEST',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  Size: 'SIZE',
  Containers: 'CONTAINERS',
  VirtualSize: 'VIRTUAL SIZE',
  SharedSize: 'SHARED SIZE',
  UniqueSize: 'UNIQUE SIZE',
};

interface Row {
  readonly repo: string;
  readonly tag: string;
  readonly digest: string;
}

function splitRef(ref: string, sep: '@' | ':'): [string, string] {
  const at = sep === '@' ? ref.indexOf('@') : ref.lastIndexOf(':');
  // A ':' inside the registry host (localhost:5000/x) is not a tag separator.
  if (at < 0 || (sep === ':' && ref.indexOf('/', at) >= 0)) return [ref, ''];
  return [ref.slice(0, at), ref.slice(at + 1)];
}

/** docker/cli imageFormatTaggedAndDigest: rows per tag, digests per tag with --digests, digest-only repos last. */
export function imageRows(img: ImageSummary, showDigests: boolean): Row[] {
  if (img.RepoTags.length === 0 && img.RepoDigests.length === 0) return [{ repo: '<none>', tag: '<none>', digest: '<none>' }];
  const tags = new Map<string, string[]>();
  const digests = new Map<string, string[]>();
  for (const t of img.RepoTags) {
    const [repo, tag] = splitRef(t, ':');
    tags.set(repo, [...(tags.get(repo) ?? []), tag]);
  }
  for (const d of img.RepoDigests) {
    const [repo, digest] = splitRef(d, '@');
    digests.set(repo, [...(digests.get(repo) ?? []), digest]);
  }
  const rows: Row[] = [];
  for (const [repo, repoTags] of tags) {
    const ds = showDigests ? (digests.get(repo) ?? []) : [];
    digests.delete(repo);
    for (const tag of repoTags) {
      if (ds.length === 0) rows.push({ repo, tag, digest: '<none>' });
      else for (const d of ds) rows.push({ repo, tag, digest: d });
    }
  }
  for (const [repo, ds] of digests) {
    if (showDigests) for (const d of ds) rows.push({ repo, tag: '<none>', digest: d });
    else rows.push({ repo, tag: '<none>', digest: '' });
  }
  return rows;
}

/** Go's time.Time.String() in UTC: `2024-09-26 21:31:42 +0000 UTC`. */
function goTimeString(unixSeconds: number): string {
  return `${rfc3339Utc(unixSeconds).replace('T', ' ').replace('Z', '')} +0000 UTC`;
}

export interface ImageContextOptions {
  readonly trunc: boolean;
  readonly nowMs: number;
}

/** The template context of one row, keys in the alphabetical order `{{json .}}` prints. */
export function imageContext(img: ImageSummary, row: Row, o: ImageContextOptions): Record<string | symbol, unknown> {
  const na = (n: number, f: (n: number) => string) => (n === -1 ? 'N/A' : f(n));
  const size = (n: number) => humanSizeWithPrecision(n, 3);
  return withFormatterJson({
    [GO_TYPE]: '*formatter.imageContext',
    Containers: na(img.Containers, String),
    CreatedAt: goTimeString(img.Created),
    CreatedSince: `${humanDuration((o.nowMs - img.Created * 1000) * 1e6)} ago`,
    Digest: row.digest,
    ID: o.trunc ? truncateId(img.Id) : img.Id,
    Repository: row.repo,
    SharedSize: na(img.SharedSize, size),
    Size: size(img.Size),
    Tag: row.tag,
    UniqueSize: img.SharedSize === -1 ? 'N/A' : size(img.Size - img.SharedSize),
    // VirtualSize is printed with HumanSize (precision 4), unlike Size (docker/cli formatter/image.go).
    VirtualSize: humanSize(img.Size),
  });
}

/**
 * docker/cli's formatter.MarshalJSON: every field into a map, json.Marshal'd
 * (keys sorted, `<`, `>`, `&` escaped as \u003c, \u003e, \u0026), which is
 * what `--format json` prints for a table row.
 */
export function formatterJson(ctx: Record<string | symbol, unknown>): string {
  const fields: Record<string, unknown> = {};
  for (const k of Object.keys(ctx).sort()) fields[k] = ctx[k];
  return JSON.stringify(fields).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Adds the json.Marshaler docker's row contexts have. */
export function withFormatterJson(ctx: Record<string | symbol, unknown>): Record<string | symbol, unknown> {
  return Object.assign(ctx, { [GO_MARSHAL_JSON]: () => formatterJson(ctx) });
}
