/**
 * The simulated Docker Hub's search index (`docker search`): repositories
 * with a description, a star count and the official flag, as data. The
 * official entries are the images Layerlab embeds; pushing to the simulated
 * Hub adds user repositories with no stars and no description.
 *
 * Simplification: the star counts are round figures chosen for the lessons,
 * not live Hub numbers, and ranking is simple (exact name, then names
 * containing the term, then descriptions; stars within each) rather than
 * Hub's full-text relevance.
 */

export interface SearchEntry {
  /** Repository name as search shows it: `busybox` for official images, `user/repo` otherwise. */
  readonly name: string;
  readonly description: string;
  readonly stars: number;
  readonly official: boolean;
}

export const HUB_SEARCH_INDEX: readonly SearchEntry[] = [
  { name: 'busybox', description: 'Tiny userland: one binary providing sh, ls, cat and hundreds of other Unix tools.', stars: 3400, official: true },
  { name: 'alpine', description: 'Small Linux distribution built on musl libc and BusyBox, with the apk package manager.', stars: 11000, official: true },
  { name: 'ubuntu', description: 'Ubuntu, the Debian-based Linux distribution from Canonical.', stars: 17000, official: true },
  { name: 'debian', description: 'Debian GNU/Linux, a community-developed operating system.', stars: 5200, official: true },
  { name: 'python', description: 'The Python programming language, on Debian or Alpine.', stars: 9800, official: true },
  { name: 'node', description: 'Node.js, the JavaScript runtime built on V8.', stars: 13000, official: true },
  { name: 'nginx', description: 'Nginx web server and reverse proxy.', stars: 20000, official: true },
  { name: 'registry', description: 'Distribution implementation for storing and distributing container images.', stars: 4000, official: true },
  { name: 'hello-world', description: 'Minimal example image that prints a greeting and exits.', stars: 2300, official: true },
  { name: 'redis', description: 'In-memory data store used as a database, cache and message broker.', stars: 13000, official: true },
  { name: 'postgres', description: 'The PostgreSQL object-relational database.', stars: 14000, official: true },
  { name: 'layerlab/hello', description: 'Sample image for the Layerlab lessons.', stars: 12, official: false },
  { name: 'layerlab/busybox-tools', description: 'BusyBox with a few extra scripts used in the Layerlab lessons.', stars: 3, official: false },
];

export interface SearchOptions {
  /** `--limit` (docker's default is 25, at most 100). */
  readonly limit?: number;
  /** `--filter stars=N`. */
  readonly minStars?: number;
  /** `--filter is-official=true|false`. */
  readonly official?: boolean;
}

/** Entries matching `term`, best match first, at most `limit`. */
export function searchHub(index: readonly SearchEntry[], term: string, options: SearchOptions = {}): SearchEntry[] {
  const t = term.toLowerCase();
  const rank = (e: SearchEntry): number => {
    const name = e.name.toLowerCase();
    if (name === t || name.endsWith(`/${t}`)) return 0;
    if (name.includes(t)) return 1;
    return e.description.toLowerCase().includes(t) ? 2 : 3;
  };
  return index
    .filter((e) => rank(e) < 3)
    .filter((e) => options.minStars === undefined || e.stars >= options.minStars)
    .filter((e) => options.official === undefined || e.official === options.official)
    .sort((a, b) => rank(a) - rank(b) || b.stars - a.stars || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, options.limit ?? 25);
}

/** Adds a pushed user repository to the index (no stars, no description), once. */
export function withRepository(index: readonly SearchEntry[], name: string): SearchEntry[] {
  if (index.some((e) => e.name === name)) return [...index];
  return [...index, { name, description: '', stars: 0, official: false }];
}

/**
 * The table cells `docker search` prints, in column order NAME, DESCRIPTION,
 * STARS, OFFICIAL: descriptions cut to 45 characters with `…` unless
 * `noTrunc`, `[OK]` for official images. The CLI aligns them with its tabwriter.
 */
export function searchCells(entries: readonly SearchEntry[], options: { noTrunc?: boolean } = {}): string[][] {
  return entries.map((e) => [
    e.name,
    options.noTrunc ? e.description : ellipsis(e.description, 45),
    String(e.stars),
    e.official ? '[OK]' : '',
  ]);
}

function ellipsis(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}
