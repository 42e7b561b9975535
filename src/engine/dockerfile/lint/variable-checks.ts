/**
 * Checks that expand variables the way the builder will: UndefinedVar inside
 * stages, UndefinedArgInFrom and InvalidDefaultArgInFrom on FROM lines, and
 * CopyIgnoredFile on the expanded COPY/ADD sources.
 *
 * BuildKit knows each base image's `Env` from its config. The caller can pass
 * it (`imageEnv`); Simplification: when it does not, a stage built from an
 * external image is assumed to define only the usual PATH/HOME/HOSTNAME/TERM/LANG;
 * scratch defines PATH (as BuildKit sets it).
 */
import type { EscapeToken, Node } from '../ast.ts';
import { expandWithMatches } from '../shell-words.ts';
import { goQuote } from '../go-text.ts';
import { suggest, withSuggestion } from '../suggest.ts';
import type { Instruction } from '../instructions/index.ts';
import type { LintContext, LintModel, LintStage } from './context.ts';

/** ARGs BuildKit defines automatically for FROM lines. */
export const platformArgs: readonly string[] = [
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'TARGETSTAGE',
];

const imageEnv = ['PATH', 'HOME', 'HOSTNAME', 'TERM', 'LANG'];
const defaultPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

interface Expanded {
  readonly result: string | null;
  readonly unmatched: readonly string[];
}

function expand(word: string, env: ReadonlyMap<string, string>, escape: EscapeToken): Expanded {
  try {
    const r = expandWithMatches(word, env, { escape });
    return { result: r.result, unmatched: r.unmatched };
  } catch {
    return { result: null, unmatched: [] };
  }
}

/** The raw words of an instruction (other than ARG/ENV) that the builder expands. */
function expandedWords(ins: Instruction): string[] {
  switch (ins.kind) {
    case 'COPY':
      return [...ins.sourcePaths, ins.dest, ins.chown, ins.chmod, ins.from].filter((w) => w !== '');
    case 'ADD':
      return [...ins.sourcePaths, ins.dest, ins.chown, ins.chmod, ins.checksum].filter((w) => w !== '');
    case 'LABEL':
      return ins.labels.flatMap((p) => [p.key, p.value]);
    case 'WORKDIR':
      return [ins.path];
    case 'USER':
      return [ins.user];
    case 'VOLUME':
      return [...ins.volumes];
    case 'EXPOSE':
      return [...ins.ports];
    case 'STOPSIGNAL':
      return [ins.signal];
    default:
      return [];
  }
}

/** Global ARG defaults (as the FROM lines see them, without --build-arg). */
function globalArgs(m: LintModel, escape: EscapeToken): Map<string, string> {
  const env = new Map<string, string>();
  for (const a of m.metaArgs) {
    for (const d of a.ins.args) env.set(d.key, d.value === null ? '' : (expand(d.value, env, escape).result ?? ''));
  }
  return env;
}

const nameComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const domain = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?';
const reference = new RegExp(
  `^(?:${domain}/)?${nameComponent}(?:/${nameComponent})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

/** UndefinedArgInFrom and InvalidDefaultArgInFrom. */
export function checkFromArgs(m: LintModel, ctx: LintContext, escape: EscapeToken): void {
  const globals = globalArgs(m, escape);
  const visible = new Map(globals);
  for (const p of platformArgs) if (!visible.has(p)) visible.set(p, p === 'TARGETSTAGE' ? '' : 'linux/amd64');
  const candidates = [...visible.keys()];
  const stageNames = new Set(m.stages.map((s) => s.from.stageName).filter((n) => n !== ''));
  for (const s of m.stages) {
    const words = [s.from.baseName, ...(s.from.platform ? [s.from.platform] : [])];
    for (const w of words) {
      for (const name of expand(w, visible, escape).unmatched) {
        ctx.report('UndefinedArgInFrom', s.node, withSuggestion(`FROM argument '${name}' is not declared`, name, candidates, true));
      }
    }
    if (s.from.baseName.includes('$')) {
      const r = expand(s.from.baseName, globals, escape);
      if (r.result !== null && !stageNames.has(r.result.toLowerCase()) && (r.result === '' || r.result.length > 512 || !reference.test(r.result))) {
        ctx.report('InvalidDefaultArgInFrom', s.node, `Default value for ARG ${s.from.baseName} results in empty or invalid base image name`);
      }
    }
  }
}

/** Looks up a base image's config `Env` (`KEY=value` list); null when unknown. */
export type ImageEnvLookup = (imageRef: string) => readonly string[] | null;

/** The environment a stage starts with. */
function startEnv(
  s: LintStage,
  finals: ReadonlyMap<LintStage, Map<string, string>>,
  lookup: ImageEnvLookup | null,
  globals: ReadonlyMap<string, string>,
  escape: EscapeToken,
): Map<string, string> {
  if (s.parent) return new Map(finals.get(s.parent));
  const env = new Map<string, string>([['PATH', defaultPath]]);
  if (s.from.baseName.toLowerCase() === 'scratch') return env;
  const ref = expand(s.from.baseName, globals, escape).result;
  const known = ref === null || lookup === null ? null : lookup(ref);
  if (known === null) {
    for (const k of imageEnv) if (!env.has(k)) env.set(k, '');
    return env;
  }
  env.clear();
  for (const kv of known) {
    const eq = kv.indexOf('=');
    env.set(eq < 0 ? kv : kv.slice(0, eq), eq < 0 ? '' : kv.slice(eq + 1));
  }
  return env;
}

/** UndefinedVar: `$NAME` in an expanded instruction with no ARG/ENV defining it. Also feeds CopyIgnoredFile. */
export function checkStageVariables(
  m: LintModel,
  ctx: LintContext,
  escape: EscapeToken,
  isIgnored: ((path: string) => boolean) | null,
  lookup: ImageEnvLookup | null = null,
): void {
  const globals = globalArgs(m, escape);
  const finals = new Map<LintStage, Map<string, string>>();
  for (const s of m.stages) {
    const env = startEnv(s, finals, lookup, globals, escape);
    const report = (node: Node, words: readonly string[]): void => {
      for (const w of words) {
        for (const name of expand(w, env, escape).unmatched) {
          const close = suggest(name, [...env.keys()], true);
          ctx.report('UndefinedVar', node, `Usage of undefined variable '$${name}'${close === null ? '' : ` (did you mean $${close}?)`}`);
        }
      }
    };
    for (const { node, ins } of s.items) {
      if (ins.kind === 'ARG') {
        for (const d of ins.args) {
          if (d.value !== null) report(node, [d.value]);
          const v = d.value !== null ? (expand(d.value, env, escape).result ?? '') : (globals.get(d.key) ?? env.get(d.key) ?? '');
          env.set(d.key, v);
        }
        continue;
      }
      if (ins.kind === 'ENV') {
        for (const p of ins.env) {
          report(node, [p.key, p.value]);
          env.set(expand(p.key, env, escape).result ?? p.key, expand(p.value, env, escape).result ?? '');
        }
        continue;
      }
      report(node, expandedWords(ins));
      if (isIgnored && (ins.kind === 'COPY' || (ins.kind === 'ADD')) && !(ins.kind === 'COPY' && ins.from !== '')) {
        const verb = ins.kind === 'COPY' ? 'Copy' : 'Add';
        for (const src of ins.sourcePaths) {
          const path = expand(src, env, escape).result;
          if (path === null || /^[a-z][a-z0-9+.-]*:\/\//i.test(path) || path.startsWith('git@')) continue;
          let end = path.length;
          while (end > 0 && path[end - 1] === '/') end--;
          const clean = path.slice(0, end).replace(/^(\.\/|\/)+/, '');
          if (clean === '' || clean === '.') continue;
          if (isIgnored(clean)) ctx.report('CopyIgnoredFile', node, `Attempting to ${verb} file ${goQuote(path)} that is excluded by .dockerignore`);
        }
      }
    }
    finals.set(s, env);
  }
}
