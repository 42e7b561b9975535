/**
 * The distribution API's routes (Distribution's `registry/api/v2/routes.go`):
 * which endpoint a method and path name, with the repository name and
 * reference taken apart. Paths that match no route, or a route with another
 * method, answer as Go's router does (plain-text 404 / 405).
 */
import type { Digest } from '../oci/digest.ts';

export type Route =
  | { readonly kind: 'base' }
  | { readonly kind: 'catalog' }
  | { readonly kind: 'tags'; readonly name: string }
  | { readonly kind: 'manifest'; readonly name: string; readonly reference: string }
  | { readonly kind: 'blob'; readonly name: string; readonly digest: Digest }
  | { readonly kind: 'upload-start'; readonly name: string }
  | { readonly kind: 'upload'; readonly name: string; readonly uuid: string }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'method-not-allowed'; readonly allow: string };

const component = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
/**
 * Distribution routes on `reference.NameRegexp`, which allows a leading
 * domain: so `Layerlab/app` is a valid name (upper case in a "domain"),
 * while `Foo` alone is not.
 */
const NAME = `(?:${domainComponent}(?:\\.${domainComponent})*(?::[0-9]+)?/)?${component}(?:/${component})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

const TABLE: readonly { re: RegExp; methods: readonly string[]; make: (m: RegExpExecArray) => Route }[] = [
  { re: /^\/v2\/?$/, methods: [], make: () => ({ kind: 'base' }) },
  { re: /^\/v2\/_catalog$/, methods: ['GET'], make: () => ({ kind: 'catalog' }) },
  { re: new RegExp(`^/v2/(${NAME})/tags/list$`), methods: ['GET'], make: (m) => ({ kind: 'tags', name: m[1]! }) },
  {
    re: new RegExp(`^/v2/(${NAME})/manifests/(${TAG}|${DIGEST})$`),
    methods: ['GET', 'HEAD', 'PUT', 'DELETE'],
    make: (m) => ({ kind: 'manifest', name: m[1]!, reference: m[2]! }),
  },
  {
    re: new RegExp(`^/v2/(${NAME})/blobs/uploads/?$`),
    methods: ['GET', 'POST'],
    make: (m) => ({ kind: 'upload-start', name: m[1]! }),
  },
  {
    re: new RegExp(`^/v2/(${NAME})/blobs/uploads/([a-zA-Z0-9-_.=]+)$`),
    methods: ['GET', 'HEAD', 'PATCH', 'PUT', 'DELETE'],
    make: (m) => ({ kind: 'upload', name: m[1]!, uuid: m[2]! }),
  },
  {
    re: new RegExp(`^/v2/(${NAME})/blobs/(${DIGEST})$`),
    methods: ['GET', 'HEAD', 'DELETE'],
    make: (m) => ({ kind: 'blob', name: m[1]!, digest: m[2]! as Digest }),
  },
];

/** The route for a request; an empty method list means any method. */
export function matchRoute(method: string, path: string): Route {
  for (const { re, methods, make } of TABLE) {
    const m = re.exec(path);
    if (!m) continue;
    if (methods.length > 0 && !methods.includes(method)) {
      return { kind: 'method-not-allowed', allow: [...methods].sort().join(', ') };
    }
    return make(m);
  }
  return { kind: 'not-found' };
}
