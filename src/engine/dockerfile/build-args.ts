/**
 * ARG and ENV scoping, as a pure function of plain data (ARG names and
 * defaults as written, `--build-arg` values, the base image's Env), following
 * BuildKit's dockerfile2llb (`defaultArgs`, `buildMetaArgs`, `dispatchArg`,
 * `dispatchEnv`, `runCommandString`).
 *
 * What a learner sees, and what this module reproduces:
 * - ARGs before the first FROM form the global scope: they (with the automatic
 *   platform ARGs) can be used in FROM lines only. A stage sees one only after
 *   redeclaring it without a value (`ARG VERSION`).
 * - A stage ARG is visible from its line to the end of the stage (and in stages
 *   built FROM this one); `--build-arg` replaces its default.
 * - ARG and ENV feed one environment in instruction order under BuildKit, so an
 *   ENV after an ARG of the same name wins (the documented "ENV beats ARG"),
 *   and an ARG after an ENV wins too. The classic builder lets ENV win always.
 * - ARG values reach RUN as environment variables and `docker history`
 *   (`RUN |1 V=1 /bin/sh -c …`), never the image config.
 * - The proxy ARGs (`HTTP_PROXY`, …) reach RUN without being declared, but stay
 *   out of history and the cache key unless declared.
 */
import { expandWord, type ShellLexOptions } from './shell-words.ts';

/** An `ARG` as written: `default` is the raw word after `=` (quotes, `$` unprocessed); absent = no default. */
export interface ArgDefinition {
  readonly name: string;
  readonly default?: string | null;
}

/** An OCI platform (`os/architecture[/variant]`). */
export interface PlatformSpec {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

/** Layerlab builds for and on linux/amd64, like a stock Docker Engine on an x86-64 host. */
export const LINUX_AMD64: PlatformSpec = { os: 'linux', architecture: 'amd64' };

/** Proxy variables usable without an ARG instruction (Docker's predefined ARGs). */
export const PROXY_ARGS: readonly string[] = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
];

/** BuildKit's default PATH for Linux, added when the base image's Env has none. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Which builder's rules to follow: BuildKit (Docker 28's default) or the classic one (`DOCKER_BUILDKIT=0`). */
export type BuilderKind = 'buildkit' | 'classic';

export interface BuildArgsOptions {
  /** `--build-arg KEY=VALUE` values, used literally (never expanded). */
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly targetPlatform?: PlatformSpec;
  readonly buildPlatform?: PlatformSpec;
  /** The stage being built (`--target`, else the last stage's name); unnamed means `default`. */
  readonly targetStage?: string;
  /** The Dockerfile's escape token, for expanding ARG defaults. */
  readonly escape?: ShellLexOptions['escape'];
  readonly builder?: BuilderKind;
}

/** `os/architecture[/variant]`, as containerd's platforms.Format. */
export function formatPlatform(p: PlatformSpec): string {
  return [p.os, p.architecture, p.variant].filter((x) => x).join('/');
}

/**
 * The automatic ARGs of the global scope (BuildKit only), in BuildKit's order;
 * a `--build-arg` of the same name replaces the computed value.
 */
export function automaticArgs(opts: BuildArgsOptions = {}): [string, string][] {
  const target = opts.targetPlatform ?? LINUX_AMD64;
  const build = opts.buildPlatform ?? opts.targetPlatform ?? LINUX_AMD64;
  const pairs: [string, string][] = [
    ['BUILDPLATFORM', formatPlatform(build)],
    ['BUILDOS', build.os],
    ['BUILDARCH', build.architecture],
    ['BUILDVARIANT', build.variant ?? ''],
    ['TARGETPLATFORM', formatPlatform(target)],
    ['TARGETOS', target.os],
    ['TARGETARCH', target.architecture],
    ['TARGETVARIANT', target.variant ?? ''],
    ['TARGETSTAGE', opts.targetStage || 'default'],
  ];
  const overrides = opts.buildArgs ?? {};
  return pairs.map(([k, v]) => [k, Object.hasOwn(overrides, k) ? overrides[k] : v]);
}

/** The global scope: what FROM lines (and `ARG NAME` redeclarations) can see. */
export interface GlobalScope {
  /** `KEY=value` strings, for expanding FROM lines with expandWord. */
  readonly env: readonly string[];
  /** Names declared by ARGs before the first FROM. */
  readonly declared: readonly string[];
  get(name: string): string | undefined;
}

/**
 * Evaluate the ARGs before the first FROM (BuildKit buildMetaArgs): each takes
 * its `--build-arg` value, else its default expanded against the scope so far;
 * one with neither stays unset.
 */
export function evaluateGlobalArgs(metaArgs: readonly ArgDefinition[], opts: BuildArgsOptions = {}): GlobalScope {
  const classic = opts.builder === 'classic';
  const env = new Map<string, string>(classic ? [] : automaticArgs(opts));
  const buildArgs = opts.buildArgs ?? {};
  for (const arg of metaArgs) {
    let value: string | undefined;
    if (Object.hasOwn(buildArgs, arg.name)) value = buildArgs[arg.name];
    else if (arg.default !== undefined && arg.default !== null) value = expandArgDefault(arg, env, opts);
    if (value !== undefined) env.set(arg.name, value);
  }
  return scopeOf(env, metaArgs.map((a) => a.name));
}

function scopeOf(env: ReadonlyMap<string, string>, declared: readonly string[]): GlobalScope {
  const list = [...env].map(([k, v]) => `${k}=${v}`);
  return { env: list, declared, get: (name) => env.get(name) };
}

function expandArgDefault(arg: ArgDefinition, env: ReadonlyMap<string, string>, opts: BuildArgsOptions): string {
  return expandWord(arg.default ?? '', env, { escape: opts.escape });
}

/** One ARG a stage declared, with the value it resolved to (undefined: declared but unset). */
export interface DeclaredArg {
  readonly name: string;
  readonly value: string | undefined;
}

/**
 * The variables of one build stage at one point of the Dockerfile. Immutable:
 * `withArg` and `withEnv` return the scope after that instruction. A stage
 * built `FROM` another stage simply continues from that stage's final scope
 * (BuildKit copies its env and its declared ARGs).
 */
export class StageScope {
  private constructor(
    /** The image config's Env: base image Env plus ENV instructions (never ARGs). */
    readonly imageEnv: readonly string[],
    /** BuildKit's state env: Env and resolved ARGs, in instruction order. */
    private readonly stateEnv: ReadonlyMap<string, string>,
    /** ARGs declared in this stage (and the stages it is built FROM), in order. */
    readonly args: readonly DeclaredArg[],
    private readonly global: GlobalScope,
    private readonly opts: BuildArgsOptions,
  ) {}

  /**
   * The scope right after `FROM image`: the image's Env, with BuildKit's
   * default PATH appended when the image has none (FROM scratch included).
   */
  static fromImage(baseEnv: readonly string[], global: GlobalScope, opts: BuildArgsOptions = {}): StageScope {
    const env = [...baseEnv];
    if (!env.some((e) => e === 'PATH' || e.startsWith('PATH='))) env.push(`PATH=${DEFAULT_PATH}`);
    const state = new Map<string, string>();
    for (const e of env) {
      const eq = e.indexOf('=');
      state.set(eq < 0 ? e : e.slice(0, eq), eq < 0 ? '' : e.slice(eq + 1));
    }
    return new StageScope(env, state, [], global, opts);
  }

  /**
   * `ARG name[=default]` (BuildKit dispatchArg): the `--build-arg` value wins;
   * else the default, expanded against the scope so far; else, for a name
   * declared globally, the global value. `history` is the `created_by` text.
   */
  withArg(arg: ArgDefinition): { scope: StageScope; value: string | undefined; history: string } {
    const buildArgs = this.opts.buildArgs ?? {};
    const hasBuildArg = Object.hasOwn(buildArgs, arg.name);
    const hasDefault = arg.default !== undefined && arg.default !== null;
    let value: string | undefined;
    if (hasBuildArg) value = buildArgs[arg.name];
    else if (hasDefault) value = expandWord(arg.default!, this.expansionEnv(), { escape: this.opts.escape });
    else value = this.global.get(arg.name);
    const state = new Map(this.stateEnv);
    if (value !== undefined) state.set(arg.name, value);
    const scope = new StageScope(this.imageEnv, state, [...this.args, { name: arg.name, value }], this.global, this.opts);
    return { scope, value, history: `ARG ${value === undefined ? arg.name : `${arg.name}=${value}`}` };
  }

  /**
   * `ENV k=v …`: every value is expanded against the scope before the
   * instruction (so `ENV A=1 B=$A` sees the old A), then set in order.
   */
  withEnv(pairs: readonly { readonly name: string; readonly value: string }[]): StageScope {
    const before = this.expansionEnv();
    const expanded = pairs.map((p) => ({ name: p.name, value: expandWord(p.value, before, { escape: this.opts.escape }) }));
    const state = new Map(this.stateEnv);
    const image = [...this.imageEnv];
    for (const { name, value } of expanded) {
      state.set(name, value);
      const at = image.findIndex((e) => e === name || e.startsWith(`${name}=`));
      if (at >= 0) image[at] = `${name}=${value}`;
      else image.push(`${name}=${value}`);
    }
    return new StageScope(image, state, this.args, this.global, this.opts);
  }

  /** The environment build-time expansion (WORKDIR, COPY, ENV, …) uses here, as `KEY=value` strings. */
  expansionEnv(): string[] {
    if (this.opts.builder === 'classic') {
      // The classic builder lets ENV win whatever the order.
      const env = [...this.imageEnv];
      const keys = new Set(env.map((e) => e.split('=', 1)[0]));
      for (const { name, value } of latestArgs(this.args)) if (value !== undefined && !keys.has(name)) env.push(`${name}=${value}`);
      return env;
    }
    return [...this.stateEnv].map(([k, v]) => `${k}=${v}`);
  }

  /** Expand one word in this scope. */
  expand(word: string): string {
    return expandWord(word, this.expansionEnv(), { escape: this.opts.escape });
  }

  /** The environment a RUN step's process gets: the expansion env plus undeclared proxy build args. */
  runEnv(): string[] {
    const env = this.expansionEnv();
    const declared = new Set(this.args.map((a) => a.name));
    const buildArgs = this.opts.buildArgs ?? {};
    for (const name of PROXY_ARGS) {
      if (Object.hasOwn(buildArgs, name) && !declared.has(name)) env.push(`${name}=${buildArgs[name]}`);
    }
    return env;
  }

  /**
   * The `created_by` of a RUN step (BuildKit runCommandString): `RUN |N K=V … cmd`,
   * one `K=V` per declared ARG (its current value, as ENV may have overridden it).
   */
  runHistory(argv: readonly string[]): string {
    const state = new Map(this.expansionEnv().map((e) => [e.split('=', 1)[0], e.slice(e.indexOf('=') + 1)] as const));
    const pairs = new Map<string, string>();
    for (const { name, value } of this.args) pairs.set(name, state.get(name) ?? value ?? '');
    const prefix = pairs.size > 0 ? [`|${pairs.size}`, ...[...pairs].map(([k, v]) => `${k}=${v}`)] : [];
    return `RUN ${[...prefix, ...argv].join(' ')}`;
  }

  /** Names this stage has declared (for the unused build-arg warning). */
  get declaredNames(): readonly string[] {
    return this.args.map((a) => a.name);
  }
}

/** The last declaration of each name, in first-declaration order. */
function latestArgs(args: readonly DeclaredArg[]): DeclaredArg[] {
  const byName = new Map<string, DeclaredArg>();
  for (const a of args) byName.set(a.name, a);
  return [...byName.values()];
}

/**
 * `--build-arg`s that no ARG instruction (global or in a built stage)
 * declared, sorted as Go's sort.Strings does; proxy ARGs never count.
 */
export function unusedBuildArgs(buildArgs: Readonly<Record<string, string>>, declared: Iterable<string>): string[] {
  const consumed = new Set(declared);
  const proxies = new Set(PROXY_ARGS);
  return Object.keys(buildArgs)
    .filter((k) => !consumed.has(k) && !proxies.has(k))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The classic builder's warning line for unused build args, or null when every one was used. */
export function unusedBuildArgsWarning(unused: readonly string[]): string | null {
  return unused.length === 0 ? null : `[Warning] One or more build-args [${unused.join(' ')}] were not consumed`;
}
