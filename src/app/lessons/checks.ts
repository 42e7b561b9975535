/**
 * The check evaluator: each declarative Check (lesson-model.ts) is answered
 * from the engine's state through EngineApi only, so the tab (through the
 * worker client) and the Node tests evaluate the same way. The result keeps
 * what was found as data (`actual`); check-text.ts turns expected and actual
 * into a sentence in the learner's language.
 */
import type { EngineApi, EngineEvent } from '../../api/index.ts';
import type { Check } from './lesson-model.ts';

/** What a host lends the evaluator besides the engine. */
export interface CheckEnv {
  readonly api: EngineApi;
  /** Runs a `docker …` command line and returns what it printed (stdout and stderr) and its exit code. */
  readonly run?: (line: string) => Promise<{ output: string; exitCode: number }>;
  /** A workspace file's text, or null when there is none. */
  readonly readFile?: (path: string) => Promise<string | null>;
}

/** What the evaluator found, as data. */
export type Actual =
  | { readonly code: 'ok' }
  | { readonly code: 'no-image'; readonly ref: string }
  | { readonly code: 'no-container'; readonly name: string }
  | { readonly code: 'no-file'; readonly path: string }
  | { readonly code: 'no-build' }
  | { readonly code: 'no-step' }
  | { readonly code: 'not-pushed'; readonly ref: string }
  /** The value found, printed (JSON for structured values). */
  | { readonly code: 'value'; readonly value: string }
  /** The check cannot be answered here (no command runner, no workspace). */
  | { readonly code: 'unavailable' }
  | { readonly code: 'error'; readonly message: string };

export interface CheckResult {
  readonly check: Check;
  readonly pass: boolean;
  readonly actual: Actual;
}

const errorCode = (err: unknown): string | undefined => (err as { code?: string } | null)?.code;
const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const value = (v: unknown): Actual => ({ code: 'value', value: show(v) });
const result = (check: Check, pass: boolean, actual: Actual): CheckResult => ({ check, pass, actual: pass ? { code: 'ok' } : actual });
const trimEnd = (s: string) => s.replace(/\s+$/, '');

/** `busybox` → `docker.io/library/busybox:latest`, so references compare by meaning. */
export function normalizeRef(ref: string): string {
  let r = ref.trim();
  const at = r.indexOf('@');
  const digest = at >= 0 ? r.slice(at) : '';
  if (at >= 0) r = r.slice(0, at);
  const slash = r.indexOf('/');
  const first = slash >= 0 ? r.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) r = `docker.io/${slash >= 0 ? r : `library/${r}`}`;
  const lastSlash = r.lastIndexOf('/');
  if (!digest && !r.slice(lastSlash).includes(':')) r += ':latest';
  return r + digest;
}

/** A dotted path into a value: `Config.Cmd`, `RootFS.Layers.0`. */
function pick(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Deep equality for JSON values (arrays in order, objects by key). */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

/** The engine's answer, or null when it says NotFound (any other failure is rethrown). */
async function unlessNotFound<T>(answer: Promise<T>): Promise<T | null> {
  try {
    return await answer;
  } catch (err) {
    if (errorCode(err) === 'NotFound') return null;
    throw err;
  }
}

const inspectImage = (api: EngineApi, ref: string) => unlessNotFound(api.imageInspect(ref));
const inspectContainer = (api: EngineApi, name: string) => unlessNotFound(api.containerInspect(name));

/**
 * Runs `cat path` in a throwaway container of the image (entrypoint cleared)
 * and returns what it printed, or null when the file is not there.
 * Simplification: Docker would read the image's layers without a container;
 * this one is created and removed again, and shows in the event log.
 */
async function readImageFile(api: EngineApi, image: string, path: string): Promise<string | null> {
  const { Id } = await api.containerCreate({ Image: image, Entrypoint: '', Cmd: ['cat', path], AttachStdout: true, AttachStderr: true });
  try {
    await api.containerStart(Id);
    const { StatusCode } = await api.containerWait(Id);
    if (StatusCode !== 0) return null;
    let out = '';
    await api.containerLogs(Id, { stdout: true }, (chunks) => {
      for (const c of chunks) out += c.data;
    });
    return out;
  } finally {
    await api.containerRemove(Id, { force: true }).catch(() => undefined);
  }
}

interface BuildStepFact {
  readonly buildId: string;
  readonly step: { readonly index: number; readonly instruction: string; readonly stage: number };
  readonly cache: { readonly cached: boolean; readonly code: string };
}

/** The events of the most recent build (BuildStepEventData and its outcome), oldest first. */
async function latestBuild(api: EngineApi): Promise<{ steps: BuildStepFact[]; failed: boolean } | null> {
  const events: readonly EngineEvent[] = await api.events({ since: 0, topics: ['/build/'] });
  // A what-if preview (`dryRun`, the build-cache visualisation) is not a build the learner ran.
  const previews = new Set(events.filter((e) => e.topic === '/build/started' && (e.data as { dryRun?: boolean }).dryRun).map((e) => (e.data as { buildId: string }).buildId));
  const withId = events.filter((e) => {
    const id = (e.data as { buildId?: unknown } | null)?.buildId;
    return typeof id === 'string' && !previews.has(id);
  });
  if (withId.length === 0) return null;
  const buildId = (withId[withId.length - 1]!.data as { buildId: string }).buildId;
  const mine = withId.filter((e) => (e.data as { buildId: string }).buildId === buildId);
  const byIndex = new Map<string, BuildStepFact>();
  for (const e of mine) {
    const d = e.data as Partial<BuildStepFact>;
    if (d.step && d.cache) byIndex.set(`${d.step.stage}/${d.step.index}`, d as BuildStepFact);
  }
  return { steps: [...byIndex.values()], failed: mine.some((e) => /\/failed$/.test(e.topic)) };
}

const squash = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

async function evaluateOne(check: Check, env: CheckEnv): Promise<CheckResult> {
  const { api } = env;
  switch (check.kind) {
    case 'image': {
      const img = await inspectImage(api, check.image);
      const want = check.exists ?? true;
      return result(check, (img !== null) === want, img ? value(img.RepoTags.join(', ') || img.Id.slice(7, 19)) : { code: 'no-image', ref: check.image });
    }
    case 'image-layers': {
      const img = await inspectImage(api, check.image);
      if (!img) return result(check, false, { code: 'no-image', ref: check.image });
      const n = img.RootFS.Layers.length;
      const pass = (check.count === undefined || n === check.count) && (check.atLeast === undefined || n >= check.atLeast) && (check.atMost === undefined || n <= check.atMost);
      return result(check, pass, value(n));
    }
    case 'shared-layers': {
      const a = await inspectImage(api, check.image);
      if (!a) return result(check, false, { code: 'no-image', ref: check.image });
      const b = await inspectImage(api, check.with);
      if (!b) return result(check, false, { code: 'no-image', ref: check.with });
      let shared = 0;
      while (shared < a.RootFS.Layers.length && a.RootFS.Layers[shared] === b.RootFS.Layers[shared]) shared++;
      return result(check, shared >= check.atLeast, value(shared));
    }
    case 'image-config': {
      const img = await inspectImage(api, check.image);
      if (!img) return result(check, false, { code: 'no-image', ref: check.image });
      // Absent (omitempty in the config) and null read the same: `Cmd: null` means no command.
      const found = pick(img, check.field) ?? null;
      const pass =
        (check.equals === undefined || jsonEqual(found, check.equals)) && (check.contains === undefined || (found !== null && show(found).includes(check.contains)));
      return result(check, pass, value(found));
    }
    case 'image-size': {
      const img = await inspectImage(api, check.image);
      if (!img) return result(check, false, { code: 'no-image', ref: check.image });
      let pass = check.atMost === undefined || img.Size <= check.atMost;
      if (check.smallerThan !== undefined) {
        const other = await inspectImage(api, check.smallerThan);
        if (!other) return result(check, false, { code: 'no-image', ref: check.smallerThan });
        pass &&= img.Size < other.Size;
      }
      return result(check, pass, value(img.Size));
    }
    case 'image-file': {
      if (!(await inspectImage(api, check.image))) return result(check, false, { code: 'no-image', ref: check.image });
      const text = await readImageFile(api, check.image, check.path);
      if (text === null) return result(check, check.exists === false, { code: 'no-file', path: check.path });
      const pass =
        check.exists !== false &&
        (check.content === undefined || trimEnd(text) === trimEnd(check.content)) &&
        (check.contains === undefined || text.includes(check.contains)) &&
        (check.notContains === undefined || !text.includes(check.notContains));
      return result(check, pass, value(trimEnd(text)));
    }
    case 'build-step': {
      const build = await latestBuild(api);
      if (!build) return result(check, false, { code: 'no-build' });
      const want = check.instruction === undefined ? null : squash(check.instruction);
      const matches = build.steps.filter((s) => (check.index === undefined || s.step.index === check.index) && (want === null || squash(s.step.instruction).startsWith(want)));
      const step = matches[matches.length - 1];
      if (!step) return result(check, false, { code: 'no-step' });
      return result(check, step.cache.cached === check.cached, value(step.cache.cached ? 'CACHED' : step.cache.code));
    }
    case 'build-result': {
      const build = await latestBuild(api);
      if (!build) return result(check, false, { code: 'no-build' });
      return result(check, build.failed === check.failed, value(build.failed ? 'failed' : 'succeeded'));
    }
    case 'container': {
      const c = await inspectContainer(api, check.container);
      const want = check.exists ?? true;
      if (!c) return result(check, !want, { code: 'no-container', name: check.container });
      if (!want) return result(check, false, value(c.Name.replace(/^\//, '')));
      if (check.image !== undefined) {
        const img = await inspectImage(api, check.image);
        if (!img) return result(check, false, { code: 'no-image', ref: check.image });
        if (img.Id !== c.Image) return result(check, false, value(c.Config.Image));
      }
      if (check.status !== undefined && c.State.Status !== check.status) return result(check, false, value(c.State.Status));
      if (check.exitCode !== undefined && (c.State.Status !== 'exited' || c.State.ExitCode !== check.exitCode))
        return result(check, false, value(c.State.Status === 'exited' ? `exit ${c.State.ExitCode}` : c.State.Status));
      return result(check, true, { code: 'ok' });
    }
    case 'container-path':
    case 'container-diff': {
      if (!(await inspectContainer(api, check.container))) return result(check, false, { code: 'no-container', name: check.container });
      const lines = (await api.containerChanges(check.container)).map((c) => `${'CAD'[c.Kind]} ${c.Path}`);
      if (check.kind === 'container-diff') {
        const want = [...check.equals].sort();
        const got = [...lines].sort();
        return result(check, jsonEqual(want, got), value(got.join('\n') || '(no changes)'));
      }
      const letter = { added: 'A', changed: 'C', deleted: 'D' }[check.change];
      const line = lines.find((l) => l.slice(2) === check.path);
      return result(check, line === `${letter} ${check.path}`, value(line ?? '(no change)'));
    }
    case 'argv': {
      if (check.container !== undefined) {
        const c = await inspectContainer(api, check.container);
        if (!c) return result(check, false, { code: 'no-container', name: check.container });
        const argv = [c.Path, ...c.Args];
        return result(check, jsonEqual(argv, check.equals), value(argv));
      }
      const image = check.image ?? '';
      if (!(await inspectImage(api, image))) return result(check, false, { code: 'no-image', ref: image });
      let id: string;
      try {
        ({ Id: id } = await api.containerCreate({
          Image: image,
          ...(check.args ? { Cmd: check.args } : {}),
          ...(check.entrypoint !== undefined ? { Entrypoint: check.entrypoint } : {}),
        }));
      } catch (err) {
        return result(check, false, { code: 'error', message: (err as Error).message });
      }
      try {
        const c = await api.containerInspect(id);
        const argv = [c.Path, ...c.Args];
        return result(check, jsonEqual(argv, check.equals), value(argv));
      } finally {
        await api.containerRemove(id, { force: true }).catch(() => undefined);
      }
    }
    case 'registry-tag': {
      const want = normalizeRef(check.ref);
      const pushed = await api.events({ since: 0, topics: ['/image/pushed'] });
      const found = pushed.some((e) => typeof (e.data as { ref?: unknown }).ref === 'string' && normalizeRef((e.data as { ref: string }).ref) === want);
      return result(check, found, { code: 'not-pushed', ref: check.ref });
    }
    case 'command-output': {
      if (!env.run) return result(check, false, { code: 'unavailable' });
      const got = await env.run(check.run);
      let pass = (check.exitCode === undefined || got.exitCode === check.exitCode) && (check.contains === undefined || got.output.includes(check.contains)) &&
        (check.notContains === undefined || !got.output.includes(check.notContains));
      if (pass && check.equalsOutputOf !== undefined) pass = trimEnd(got.output) === trimEnd((await env.run(check.equalsOutputOf)).output);
      return result(check, pass, value(trimEnd(got.output) + (check.exitCode !== undefined ? `\n(exit ${got.exitCode})` : '')));
    }
    case 'workspace-file': {
      if (!env.readFile) return result(check, false, { code: 'unavailable' });
      const text = await env.readFile(check.path);
      if (text === null) return result(check, check.exists === false, { code: 'no-file', path: check.path });
      const pass = check.exists !== false && (check.contains === undefined || text.includes(check.contains));
      return result(check, pass, value(trimEnd(text)));
    }
  }
}

/** Evaluates one check; an unexpected engine failure fails the check with its message, never the runner. */
export async function evaluateCheck(check: Check, env: CheckEnv): Promise<CheckResult> {
  try {
    return await evaluateOne(check, env);
  } catch (err) {
    return { check, pass: false, actual: { code: 'error', message: (err as Error).message } };
  }
}

/** Evaluates checks one after another (they may create throwaway containers; order keeps the event log readable). */
export async function evaluateChecks(checks: readonly Check[], env: CheckEnv): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const c of checks) out.push(await evaluateCheck(c, env));
  return out;
}
