/**
 * `docker build`: Dockerfile text + context → an image, step by step, with
 * the layer cache. BuildKit's rules by default (vertices for FROM, RUN,
 * COPY, ADD and WORKDIR; config-only instructions make no vertex; only the
 * stages the target needs are built), the classic builder's with
 * `builder: 'classic'` (every instruction a step with an intermediate image,
 * every stage up to the target built in order).
 *
 * Every step's cache decision is data (CacheDecision), published on the bus
 * and returned, so the visualisation and lesson checks never guess.
 */
import type {
  BuildFailureData,
  BuildProgressListener,
  BuildStepEventData,
  BuildStepRef,
  BuildStepReport,
  CacheDecision,
  ImageBuildOptions,
  ImageBuildResult,
} from '../../api/build.ts';
import { EngineError } from '../../api/index.ts';
import type { ContentStore } from '../content/store.ts';
import { randomHex, type Clock, type Rng, type Schedule, type Timers } from '../deps.ts';
import { evaluateGlobalArgs, StageScope, unusedBuildArgs, unusedBuildArgsWarning, type GlobalScope } from '../dockerfile/build-args.ts';
import { expandWord } from '../dockerfile/shell-words.ts';
import { DockerfileParseError, lintDockerfile, parseDockerfile, parseInstructions, toInstruction } from '../dockerfile/index.ts';
import type { AddInstruction, CopyInstruction, ParsedDockerfile, Stage, StageInstruction, WorkdirInstruction } from '../dockerfile/index.ts';
import { utf8Decode, utf8Encode } from '../fs/utf8.ts';
import type { HistoryEntry } from '../images/config.ts';
import { diffSize, type Image } from '../images/image.ts';
import { appendHistory, appendLayer, emptyImage, withConfig, withMeta } from '../images/mutate.ts';
import type { ImageStore } from '../images/store.ts';
import { chainIdOf, chainIds } from '../oci/chain-id.ts';
import { parseDockerRef, referenceString } from '../oci/reference.ts';
import { beginStage } from '../runtime/command-config.ts';
import { mkdirp } from '../runtime/process-setup.ts';
import { rfc3339Nano } from '../runtime/status.ts';
import { createLayer, layerFromTar, type Layer } from '../snapshots/layer.ts';
import type { Snapshotter } from '../snapshots/snapshotter.ts';
import { BuildCache, baseKey, cacheKey, type CacheRecord } from './cache.ts';
import { BuildContext } from './context.ts';
import { dispatchConfig, isConfigInstruction } from './dispatch-config.ts';
import { applyCopy, planCopy } from './dispatch-copy.ts';
import { executeRun, planRun } from './dispatch-run.ts';
import { ProgressWriter } from './progress.ts';
import { humanSizeWithPrecision } from '../../lib/go-units.ts';
import type { Kernel } from '../userspace/process/kernel.ts';
import { SIGNALS } from '../userspace/process/signals.ts';
import { contextSource, mountSource, type SourceTree } from './sources.ts';
import { joinWorkdir, type StageState } from './stage.ts';

export interface ResolvedBase {
  /** Image id. */
  readonly id: string;
  /** Fully qualified name BuildKit prints (`docker.io/library/busybox:latest`). */
  readonly name: string;
  /** The manifest digest it was pulled by, if any (`FROM …@sha256:…`). */
  readonly digest?: string;
  /** Whether it had to be pulled now. */
  readonly pulled: boolean;
}

export interface BuilderPorts {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly timers: Timers;
  readonly schedule: Schedule;
  readonly publish?: (topic: string, data: unknown) => void;
  readonly store: ImageStore;
  readonly snapshotter: Snapshotter;
  readonly content: ContentStore;
  /** The local image a FROM or `COPY --from` names, pulled when missing (or always with `pull`). */
  resolveImage(ref: string, opts: { pull: boolean }): Promise<ResolvedBase>;
  /** Tags an image (`docker tag`); returns the normalised name (`docker.io/library/t:latest`). */
  tag(id: string, ref: string): string;
}

const BUILDKIT_COMMENT = 'buildkit.dockerfile.v0';

/** What a build is doing, shared by the steps of all its stages. */
interface BuildRun {
  readonly id: string;
  /** Set by `cancel`: RUN processes are killed and the next step stops the build. */
  readonly control: { canceled: boolean; readonly kernels: Set<Kernel> };
  readonly opts: ImageBuildOptions;
  readonly kind: 'buildkit' | 'classic';
  readonly progress: ProgressWriter;
  readonly context: BuildContext;
  readonly lines: readonly string[];
  readonly parsed: ParsedDockerfile;
  readonly global: GlobalScope;
  readonly stages: Map<number, StageState>;
  readonly steps: BuildStepReport[];
  readonly dryRun: boolean;
  contextVertexShown: boolean;
  classicStep: number;
  readonly classicTotal: number;
  readonly bases: Map<string, ResolvedBase>;
  tmp: number;
}

const CANCELED = 'Canceled: context canceled';

export class Builder {
  readonly cache = new BuildCache();
  private readonly running = new Map<string, BuildRun['control']>();

  /** Stops the build `buildId` (every running build when absent): its processes are killed, it fails with `Canceled`. */
  cancel(buildId?: string): void {
    for (const [id, control] of this.running) {
      if (buildId !== undefined && id !== buildId) continue;
      control.canceled = true;
      for (const k of control.kernels) for (const p of k.list()) k.kill(p.pid, SIGNALS.KILL);
    }
  }

  constructor(private readonly ports: BuilderPorts) {}

  /** Builds; throws EngineError with BuildFailureData on failure. */
  async build(opts: ImageBuildOptions, onProgress?: BuildProgressListener): Promise<ImageBuildResult> {
    const progress = new ProgressWriter(this.ports.clock, this.ports.schedule, onProgress);
    try {
      return await this.run(opts, progress, false);
    } finally {
      progress.flush();
    }
  }

  /** What a build would do now, without running anything: each step's cache decision ("what if I change line N"). */
  async preview(opts: ImageBuildOptions): Promise<BuildStepReport[]> {
    const progress = new ProgressWriter(this.ports.clock, this.ports.schedule, undefined);
    try {
      return [...(await this.run(opts, progress, true)).steps];
    } catch (e) {
      const data = (e as EngineError).data as unknown as BuildFailureData | undefined;
      if (data?.steps) return [...data.steps];
      throw e;
    }
  }

  private async run(opts: ImageBuildOptions, progress: ProgressWriter, dryRun: boolean): Promise<ImageBuildResult> {
    const kind = opts.builder ?? 'buildkit';
    const id = opts.buildId ?? randomHex(this.ports.rng, 6);
    const control = { canceled: false, kernels: new Set<Kernel>() };
    this.running.set(id, control);
    try {
      return await this.runRegistered(opts, progress, dryRun, id, control);
    } finally {
      this.running.delete(id);
    }
  }

  private async runRegistered(opts: ImageBuildOptions, progress: ProgressWriter, dryRun: boolean, id: string, control: BuildRun['control']): Promise<ImageBuildResult> {
    const kind = opts.builder ?? 'buildkit';
    const context = opts.context ? BuildContext.fromEntries(opts.context, this.ports.clock.now()) : opts.contextTar ? await BuildContext.fromTar(opts.contextTar) : BuildContext.fromEntries([], this.ports.clock.now());
    const dockerfileName = opts.dockerfile ?? 'Dockerfile';
    // #1: the Dockerfile.
    const defVertex = kind === 'buildkit' ? progress.start(`[internal] load build definition from ${dockerfileName.split('/').pop()}`) : undefined;
    let text = opts.dockerfileText;
    if (text === undefined) {
      const bytes = context.readDirect(dockerfileName);
      if (!bytes) {
        const err = `failed to read dockerfile: open ${dockerfileName}: no such file or directory`;
        if (defVertex) progress.failed(defVertex.id, err);
        throw new EngineError('InvalidParameter', err, { steps: [] } satisfies BuildFailureData);
      }
      text = utf8Decode(bytes);
    }
    if (defVertex) {
      progress.status(defVertex.id, `transferring dockerfile: ${utf8Encode(text).length}B done`);
      progress.done(defVertex.id);
    }
    let parsed: ParsedDockerfile;
    try {
      parsed = parseMemo.get(text) ?? parseInstructions(parseDockerfile(text));
      remember(parseMemo, text, parsed);
    } catch (e) {
      if (e instanceof DockerfileParseError) throw new EngineError('InvalidParameter', e.message, { steps: [], line: e.line } satisfies BuildFailureData);
      throw e;
    }
    if (parsed.stages.length === 0) throw new EngineError('InvalidParameter', 'the Dockerfile (Dockerfile) cannot be empty', { steps: [] });
    const targetIndex = this.targetIndex(parsed, opts.target);
    const global = evaluateGlobalArgs(
      parsed.metaArgs.flatMap((a) => a.args.map((d) => ({ name: d.key, default: d.value }))),
      { buildArgs: opts.buildArgs ?? {}, builder: kind, targetStage: parsed.stages[targetIndex]!.from.stageName || 'default' },
    );
    const classicTotal = parsed.metaArgs.length + parsed.stages.slice(0, targetIndex + 1).reduce((n, s) => n + 1 + s.commands.length, 0);
    const run: BuildRun = {
      id,
      control,
      opts,
      kind,
      progress,
      context,
      lines: text.split('\n'),
      parsed,
      global,
      stages: new Map(),
      steps: [],
      dryRun,
      contextVertexShown: false,
      classicStep: 0,
      classicTotal,
      bases: new Map(),
      tmp: 0,
    };
    this.ports.publish?.('/build/started', { buildId: id, builder: kind, dockerfile: dockerfileName, tags: opts.tags ?? [], dryRun });
    const order = kind === 'classic' ? parsed.stages.slice(0, targetIndex + 1).map((_, i) => i) : this.stagesNeeded(parsed, targetIndex, global);
    try {
      if (kind === 'buildkit') await this.loadMetadata(run, order);
      if (kind === 'classic') for (const a of parsed.metaArgs) this.classicHeader(run, a.original);
      if (kind === 'buildkit') {
        // BuildKit always asks for .dockerignore; an absent one transfers as 2 bytes.
        const v = progress.start('[internal] load .dockerignore');
        progress.status(v.id, `transferring context: ${context.readDirect('.dockerignore')?.length ?? 2}B done`);
        progress.done(v.id);
      }
      for (const i of order) await this.buildStage(run, i);
    } catch (e) {
      const err = e instanceof EngineError ? e : new EngineError('System', (e as Error).message, {});
      const data = err.data as Partial<BuildFailureData>;
      const last = [...run.stages.values()].pop();
      let lastImageId: string | undefined;
      if (!dryRun && last && data.lastImageId === undefined) lastImageId = await this.keepLastGood(run, last).catch(() => undefined);
      this.ports.publish?.('/build/failed', { buildId: id, error: err.message });
      throw new EngineError(err.code, err.message, { ...data, steps: run.steps, ...(lastImageId ? { lastImageId } : {}) } satisfies BuildFailureData);
    }
    const final = run.stages.get(targetIndex)!;
    if (dryRun) return { imageId: '', tags: [], steps: run.steps, warnings: [] };
    return this.export(run, final, text);
  }

  private targetIndex(parsed: ParsedDockerfile, target: string | undefined): number {
    if (target === undefined || target === '') return parsed.stages.length - 1;
    const i = parsed.stages.findIndex((s) => s.from.stageName === target.toLowerCase());
    if (i < 0) throw new EngineError('InvalidParameter', `target stage "${target}" could not be found`, { steps: [] });
    return i;
  }

  /** Index of the stage a FROM or `--from` names, if it names one defined before `before`. */
  private stageRef(parsed: ParsedDockerfile, name: string, before: number): number | undefined {
    const lower = name.toLowerCase();
    for (let i = 0; i < before; i++) if (parsed.stages[i]!.from.stageName === lower) return i;
    if (/^\d+$/.test(name) && Number(name) < before) return Number(name);
    return undefined;
  }

  /** The stages the target depends on (FROM and COPY --from), dependencies first. */
  private stagesNeeded(parsed: ParsedDockerfile, target: number, global: GlobalScope): number[] {
    const out: number[] = [];
    const visit = (i: number) => {
      if (out.includes(i)) return;
      const s = parsed.stages[i]!;
      const base = this.stageRef(parsed, expandWord(s.from.baseName, global.env), i);
      if (base !== undefined) visit(base);
      for (const c of s.commands) {
        if (c.kind === 'COPY' && c.from) {
          const ref = this.stageRef(parsed, c.from, i);
          if (ref !== undefined) visit(ref);
        }
      }
      out.push(i);
    };
    visit(target);
    return out;
  }

  /** BuildKit's `[internal] load metadata for …` vertices: every image base, resolved (and pulled) up front. */
  private async loadMetadata(run: BuildRun, order: readonly number[]): Promise<void> {
    for (const i of order) {
      const s = run.parsed.stages[i]!;
      const name = expandWord(s.from.baseName, run.global.env);
      if (name.toLowerCase() === 'scratch' || this.stageRef(run.parsed, name, i) !== undefined || run.bases.has(name)) continue;
      await this.resolveBase(run, name, s);
    }
  }

  private async resolveBase(run: BuildRun, name: string, stage: Stage | undefined): Promise<ResolvedBase> {
    const known = run.bases.get(name);
    if (known) return known;
    const v = run.kind === 'buildkit' ? run.progress.start(`[internal] load metadata for ${qualified(name)}`) : undefined;
    try {
      const base = await this.ports.resolveImage(name, { pull: run.opts.pull === true && !run.dryRun });
      run.bases.set(name, base);
      if (v) run.progress.done(v.id);
      return base;
    } catch (e) {
      const message = `${name}: failed to resolve source metadata for ${qualified(name)}: ${(e as Error).message}`;
      if (v) run.progress.failed(v.id, message);
      throw new EngineError((e as EngineError).code ?? 'NotFound', message, { steps: run.steps, ...(stage ? { line: stage.from.range.start.line } : {}) });
    }
  }

  private async buildStage(run: BuildRun, index: number): Promise<StageState> {
    const done = run.stages.get(index);
    if (done) return done;
    const stage = run.parsed.stages[index]!;
    const kind = run.kind;
    const baseName = expandWord(stage.from.baseName, run.global.env);
    const parentStage = this.stageRef(run.parsed, baseName, index);
    const label = stage.from.stageName || (run.parsed.stages.length > 1 ? `stage-${index}` : '');
    const argsOpts = { buildArgs: run.opts.buildArgs ?? {}, builder: kind };
    let state: StageState;
    let onbuild: string[] = [];
    if (kind === 'classic') this.classicHeader(run, stage.from.original);
    const vertexCount = (extra: number) => extra + stage.commands.filter((c) => c.kind === 'RUN' || c.kind === 'COPY' || c.kind === 'ADD' || c.kind === 'WORKDIR').length;
    if (parentStage !== undefined) {
      const p = await this.buildStage(run, parentStage);
      state = { ...p, index, name: stage.from.stageName, label, vertexTotal: vertexCount(0), vertexIndex: 0, steps: [], pendingHistory: [...p.pendingHistory], cmd: beginStage(p.image.config.config), rebuilt: p.rebuilt };
      onbuild = [...(p.image.config.config.OnBuild ?? [])];
    } else if (baseName.toLowerCase() === 'scratch') {
      const image = emptyImage();
      state = this.newStage(run, index, label, image, undefined, baseKey(`${run.kind}:scratch`), StageScope.fromImage([], run.global, argsOpts), vertexCount(0), '');
      if (kind === 'classic') this.classicImageLine(run, 'scratch');
    } else {
      const base = await this.resolveBase(run, baseName, stage);
      const image = await this.imageValue(base.id);
      const record = this.ports.store.get(base.id);
      const chain = record.layers.length > 0 ? chainIds(record.layers.map((l) => l.diffId)).pop() : undefined;
      onbuild = [...(image.config.config.OnBuild ?? [])];
      const triggers = onbuild.map((t) => toInstruction(parseDockerfile(t).children[0]!)).filter((t) => t.kind === 'RUN' || t.kind === 'COPY' || t.kind === 'ADD' || t.kind === 'WORKDIR').length;
      state = this.newStage(run, index, label, image, chain, baseKey(`${run.kind}:${base.id}`), StageScope.fromImage(image.config.config.Env ?? [], run.global, argsOpts), vertexCount(1 + triggers), base.id);
      state.created = Date.parse(image.config.created ?? '') || 0;
      if (kind === 'buildkit') {
        state.vertexIndex++;
        const shown = base.digest ? `${base.name}@${base.digest}` : base.name;
        const v = run.progress.start(`[${this.prefix(state)}] FROM ${shown}`, this.stepRef(run, state, `FROM ${shown}`, stage.from.range));
        run.progress.status(v.id, `resolve ${shown} done`);
        const decision: CacheDecision = base.pulled
          ? { cached: false, code: 'first-build', message: `the base image ${baseName} was pulled for this build` }
          : { cached: true, code: 'cached', message: `the base image ${baseName} is already here` };
        const ref = this.stepRef(run, state, `FROM ${shown}`, stage.from.range);
        const report = this.report(v.id, ref, decision, state.key, base.id, undefined, 0);
        run.steps.push(report);
        state.steps.push(report);
        this.ports.publish?.(base.pulled ? '/build/step/executed' : '/build/step/cached', { buildId: run.id, step: ref, cache: decision, cacheKey: state.key, imageId: base.id } satisfies BuildStepEventData);
        if (base.pulled) {
          for (const l of record.layers) run.progress.status(v.id, `${l.digest} ${humanSizeWithPrecision(l.compressedSize, 3)} / ${humanSizeWithPrecision(l.compressedSize, 3)} 0.0s done`);
          for (const l of record.layers) run.progress.status(v.id, `extracting ${l.digest} 0.0s done`);
          run.progress.done(v.id);
        } else run.progress.cached(v.id);
      } else this.classicImageLine(run, base.id);
    }
    run.stages.set(index, state);
    if (onbuild.length > 0) {
      // ONBUILD triggers of the base run first, then are cleared from the new image (they fire once).
      state.image = withConfig(state.image, { OnBuild: undefined });
      for (const t of onbuild) await this.step(run, state, toInstruction(parseDockerfile(t).children[0]!) as StageInstruction, stage.from.range, `ONBUILD `);
    }
    for (const ins of stage.commands) await this.step(run, state, ins, ins.range, '');
    return state;
  }

  private newStage(run: BuildRun, index: number, label: string, image: Image, chain: string | undefined, key: string, scope: StageScope, vertexTotal: number, imageId: string): StageState {
    const cfg = image.config.config;
    return {
      index,
      name: run.parsed.stages[index]!.from.stageName,
      label,
      image,
      chain,
      scope,
      cmd: beginStage(cfg),
      key,
      created: 0,
      pendingHistory: [],
      vertexTotal,
      vertexIndex: 0,
      imageId,
      builder: run.kind,
      steps: [],
      workdir: cfg.WorkingDir || '/',
    };
  }

  /** An image in the store as a value (config + layers), its snapshots unpacked. */
  private async imageValue(id: string): Promise<Image> {
    const store = this.ports.store;
    await store.unpack(id);
    const record = store.get(id);
    const chains = chainIds(record.layers.map((l) => l.diffId));
    return {
      config: store.config(id),
      layers: chains.map((c, i) => ({ layer: this.ports.snapshotter.layer(c), reportedSize: record.layers[i]!.size })),
    };
  }

  private prefix(state: StageState): string {
    const width = String(state.vertexTotal).length;
    return `${state.label ? `${state.label} ` : ''}${String(state.vertexIndex).padStart(width)}/${state.vertexTotal}`;
  }

  private stepRef(run: BuildRun, state: StageState, instruction: string, range: { start: { line: number }; end: { line: number } }): BuildStepRef {
    const classic = run.kind === 'classic';
    return {
      stage: state.index,
      stageName: state.name || String(state.index),
      index: classic ? run.classicStep : state.vertexIndex,
      total: classic ? run.classicTotal : state.vertexTotal,
      instruction,
      line: { start: range.start.line, end: range.end.line },
    };
  }

  /** One instruction of a stage. */
  private async step(run: BuildRun, state: StageState, ins: StageInstruction, range: StageInstruction['range'], prefixText: string): Promise<void> {
    try {
      await this.stepUnchecked(run, state, ins, range, prefixText);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      const data = e.data as Partial<BuildFailureData>;
      if (data.line !== undefined) throw e;
      throw new EngineError(e.code, e.message, { ...data, steps: run.steps, line: range.start.line });
    }
  }

  private async stepUnchecked(run: BuildRun, state: StageState, ins: StageInstruction, range: StageInstruction['range'], prefixText: string): Promise<void> {
    if (run.control.canceled) throw new EngineError('Cancelled', CANCELED, {});
    if (isConfigInstruction(ins)) return this.configStep(run, state, ins, range);
    state.vertexIndex++;
    if (run.kind === 'classic') this.classicHeader(run, ins.original);
    const position = `${run.kind}:${state.name || state.index}#${run.kind === 'classic' ? run.classicStep : state.vertexIndex}`;
    let display: string;
    let inputs: Record<string, string>;
    let createdBy: string;
    let apply: (mount: import('../fs/vfs.ts').Vfs, vertexId: number) => Promise<void>;
    let release: (() => void) | undefined;
    if (ins.kind === 'RUN') {
      const plan = planRun(state, ins);
      ({ display, inputs, createdBy } = plan);
      apply = async (mount, vertexId) => {
        const containerId = randomHex(this.ports.rng, 32);
        if (run.kind === 'classic') run.progress.other({ kind: 'step-container', vertexId, containerId });
        const deps = { clock: this.ports.clock, rng: this.ports.rng, timers: this.ports.timers, onKernel: (k: Kernel) => run.control.kernels.add(k), ...(this.ports.publish ? { publish: this.ports.publish } : {}) };
        const status = await executeRun(plan, mount, deps, (fd, text) => {
          for (const line of splitLines(text)) run.progress.log(vertexId, fd, line);
        });
        if (run.control.canceled) throw new EngineError('Cancelled', CANCELED, {});
        if (status !== 0) {
          const cmd = plan.argv.join(' ');
          const message = run.kind === 'buildkit' ? `process "${cmd}" did not complete successfully: exit code: ${status}` : `The command '${cmd}' returned a non-zero code: ${status}`;
          throw new EngineError('System', message, { exitCode: status, line: range.start.line } satisfies Partial<BuildFailureData>);
        }
      };
    } else if (ins.kind === 'WORKDIR') {
      const path = joinWorkdir(state.workdir, state.scope.expand((ins as WorkdirInstruction).path));
      display = `WORKDIR ${path === state.scope.expand(ins.path) ? path : state.scope.expand(ins.path)}`;
      const user = state.image.config.config.User ?? '';
      inputs = { path, user };
      createdBy = run.kind === 'buildkit' ? `WORKDIR ${path}` : `${[...(state.cmd.Shell ?? ['/bin/sh', '-c'])].join(' ')} #(nop) WORKDIR ${path}`;
      state.workdir = path;
      state.image = withConfig(state.image, { WorkingDir: path });
      apply = async (mount, vertexId) => {
        if (run.kind === 'classic') run.progress.other({ kind: 'step-container', vertexId, containerId: randomHex(this.ports.rng, 32) });
        mkdirp(mount, path);
      };
    } else {
      const copy = ins as CopyInstruction | AddInstruction;
      const { tree, label, done: releaseTree } = await this.copySource(run, state, copy);
      release = releaseTree;
      const plan = planCopy(state, copy, tree, {
        ...(label ? { fromLabel: label } : {}),
        excludedHint: (src) => (!label && run.context.excluded(src) ? `${src} is in the context but excluded by .dockerignore` : undefined),
      });
      ({ display, inputs, createdBy } = plan);
      apply = (mount) => applyCopy(plan, mount);
    }
    const ref = this.stepRef(run, state, display, range);
    const vertex = run.kind === 'buildkit' ? run.progress.start(`[${this.prefix(state)}] ${prefixText}${display}`, ref) : { id: run.classicStep, name: display };
    const probe = { parentKey: state.key, position, instruction: display, inputs };
    const noCache = run.opts.noCache === true || (run.opts.noCacheFilter ?? []).includes(state.name);
    const { key, record, decision } = this.cache.lookup(probe, {
      noCache,
      ...(state.rebuilt ? { parentRebuilt: state.rebuilt } : {}),
      usable: (r) => this.usable(r),
    });
    const started = this.ports.clock.now();
    let layer: Layer | undefined;
    let created: number;
    try {
      if (record) {
        layer = record.result.layer ? await this.materialize(record.result.layer, state.chain) : undefined;
        created = record.created;
        if (run.kind === 'buildkit') run.progress.cached(vertex.id);
        else run.progress.other({ kind: 'vertex-cached', vertexId: vertex.id, time: this.ports.clock.now() });
      } else if (run.dryRun) {
        created = started;
        state.rebuilt = { instruction: display };
      } else {
        const tmpKey = `build-${run.id}-${run.tmp++}`;
        const mount = this.ports.snapshotter.prepare(tmpKey, state.chain);
        try {
          await apply(mount, vertex.id);
          const entries = mount.changes();
          layer = entries.length > 0 ? await createLayer(entries, this.ports.content) : undefined;
        } finally {
          this.ports.snapshotter.remove(tmpKey);
        }
        created = this.ports.clock.now();
        state.rebuilt = { instruction: display };
      }
    } catch (e) {
      const message = (e as Error).message;
      if (run.control.canceled) run.progress.other({ kind: 'vertex-canceled', vertexId: vertex.id, time: this.ports.clock.now() });
      else if (run.kind === 'buildkit') run.progress.failed(vertex.id, message);
      const report = this.report(vertex.id, ref, { cached: false, code: decision.code, message: decision.message, ...(decision.detail ? { detail: decision.detail } : {}) }, key, state.imageId, undefined, this.ports.clock.now() - started);
      this.ports.publish?.('/build/step/failed', { buildId: run.id, step: ref, cache: decision, cacheKey: key, error: message } satisfies BuildStepEventData & { error: string });
      run.steps.push(report);
      const data = (e as EngineError).data as Partial<BuildFailureData> | undefined;
      throw new EngineError((e as EngineError).code ?? 'System', message, { ...(data ?? {}), steps: run.steps, vertex: vertex.id, line: range.start.line } satisfies BuildFailureData);
    } finally {
      release?.();
    }
    if (layer) state.chain = this.ports.snapshotter.applyLayer(layer, state.chain);
    const history = this.historyEntry(run, created, createdBy);
    this.settleHistory(state, created);
    state.image = layer ? appendLayer(state.image, layer, history) : appendHistory(state.image, history);
    state.key = key;
    state.created = created;
    if (!record && !run.dryRun) {
      this.cache.remember({
        key,
        parentKey: probe.parentKey,
        position,
        instruction: display,
        inputs,
        result: layer ? { layer: { diffId: layer.diffId, digest: layer.digest, size: diffSize(layer) } } : {},
        created,
      });
    }
    const imageId = run.kind === 'classic' && !run.dryRun ? await this.classicImage(state, record) : state.imageId;
    const report = this.report(vertex.id, ref, decision, key, imageId, layer, record ? 0 : this.ports.clock.now() - started);
    run.steps.push(report);
    state.steps.push(report);
    this.ports.publish?.(record ? '/build/step/cached' : '/build/step/executed', { buildId: run.id, step: ref, cache: decision, cacheKey: key, imageId } satisfies BuildStepEventData);
    if (run.kind === 'buildkit') {
      if (!record) run.progress.done(vertex.id);
    } else run.progress.other({ kind: 'step-image', vertexId: vertex.id, imageId });
  }

  /** ENV, LABEL, CMD, …: a config change; a `#(nop)` step with an intermediate image under the classic builder. */
  private async configStep(run: BuildRun, state: StageState, ins: Exclude<StageInstruction, { kind: 'RUN' | 'COPY' | 'ADD' | 'WORKDIR' }>, range: StageInstruction['range']): Promise<void> {
    const change = dispatchConfig(state, ins);
    if (change.scope) state.scope = change.scope;
    if (change.cmd) state.cmd = change.cmd;
    state.image = withConfig(state.image, change.patch);
    if (change.author) state.image = withMeta(state.image, { author: change.author });
    if (run.kind === 'buildkit') {
      state.pendingHistory.push(state.image.config.history?.length ?? 0);
      state.image = appendHistory(state.image, this.historyEntry(run, state.created, change.createdBy));
      return;
    }
    // Classic: every instruction is a step, cached by comparing the resulting config under the same parent.
    this.classicHeader(run, ins.original);
    const ref = this.stepRef(run, state, ins.original.trim(), range);
    const position = `classic:${state.name || state.index}#${run.classicStep}`;
    const inputs = { config: JSON.stringify(state.image.config.config) };
    const probe = { parentKey: state.key, position, instruction: change.comment, inputs };
    const { key, record, decision } = this.cache.lookup(probe, {
      noCache: run.opts.noCache === true,
      ...(state.rebuilt ? { parentRebuilt: state.rebuilt } : {}),
      usable: (r) => this.usable(r),
    });
    const created = record ? record.created : this.ports.clock.now();
    if (record) run.progress.other({ kind: 'vertex-cached', vertexId: run.classicStep, time: created });
    else {
      state.rebuilt = { instruction: change.comment };
      run.progress.other({ kind: 'step-container', vertexId: run.classicStep, containerId: randomHex(this.ports.rng, 32) });
    }
    state.image = appendHistory(state.image, this.historyEntry(run, created, change.createdBy));
    state.key = key;
    state.created = created;
    if (!record && !run.dryRun) this.cache.remember({ key, parentKey: probe.parentKey, position, instruction: change.comment, inputs, result: {}, created });
    const imageId = run.dryRun ? state.imageId : await this.classicImage(state, record);
    run.steps.push(this.report(run.classicStep, ref, decision, key, imageId, undefined, 0));
    this.ports.publish?.(record ? '/build/step/cached' : '/build/step/executed', { buildId: run.id, step: ref, cache: decision, cacheKey: key, imageId } satisfies BuildStepEventData);
    run.progress.other({ kind: 'step-image', vertexId: run.classicStep, imageId });
  }

  /** Classic builder: the step's image (reused on a hit), stored with its parent so `docker images -a` and history show it. */
  private async classicImage(state: StageState, record: CacheRecord | undefined): Promise<string> {
    if (record?.result.imageId && this.ports.store.has(record.result.imageId)) {
      state.imageId = record.result.imageId;
      state.image = await this.imageValue(state.imageId);
      return state.imageId;
    }
    const image = withMeta(state.image, { created: rfc3339Nano(state.created) });
    const stored = await this.ports.store.put(image, state.imageId ? { parent: state.imageId } : {});
    state.imageId = stored.id;
    // Remember which image this key made, so the next build reuses it.
    const made = this.cache.get(state.key);
    if (made) this.cache.remember({ ...made, result: { ...made.result, imageId: stored.id } });
    return stored.id;
  }

  /** Gives waiting config-only history entries the time of the step that follows them. */
  private settleHistory(state: StageState, created: number): void {
    if (state.pendingHistory.length === 0) return;
    const history = [...(state.image.config.history ?? [])];
    for (const i of state.pendingHistory) if (history[i]) history[i] = { ...history[i]!, created: rfc3339Nano(created) };
    state.pendingHistory = [];
    state.image = { ...state.image, config: { ...state.image.config, history } };
  }

  private historyEntry(run: BuildRun, created: number, createdBy: string): Omit<HistoryEntry, 'empty_layer'> {
    return { created: rfc3339Nano(created), created_by: createdBy, ...(run.kind === 'buildkit' ? { comment: BUILDKIT_COMMENT } : {}) };
  }

  private report(vertex: number, step: BuildStepRef, cache: CacheDecision, cacheKeyValue: string, imageId: string, layer: Layer | undefined, durationMs: number): BuildStepReport {
    return { vertex, step, cache, cacheKey: cacheKeyValue, imageId, ...(layer ? { layer: { diffId: layer.diffId, size: diffSize(layer) } } : {}), durationMs };
  }

  private usable(r: CacheRecord): boolean {
    if (r.result.imageId !== undefined) return this.ports.store.has(r.result.imageId);
    if (r.result.layer) return this.ports.content.has(r.result.layer.digest) || this.ports.content.has(r.result.layer.diffId);
    return true;
  }

  /** A cached layer as a Layer value, its snapshot applied on `parent`. */
  private async materialize(ref: { diffId: string; digest: string }, parent: string | undefined): Promise<Layer> {
    const chain = chainIdOf(parent ?? null, ref.diffId);
    try {
      return this.ports.snapshotter.layer(chain);
    } catch {
      const bytes = this.ports.content.has(ref.diffId) ? this.ports.content.get(ref.diffId) : this.ports.content.get(ref.digest);
      return layerFromTar(bytes, this.ports.content);
    }
  }

  /** Where COPY/ADD read: the context, a stage (`--from=build`) or an image (`--from=nginx`). */
  private async copySource(run: BuildRun, state: StageState, ins: CopyInstruction | AddInstruction): Promise<{ tree: SourceTree; label?: string; done?: () => void }> {
    const from = ins.kind === 'COPY' && ins.from ? state.scope.expand(ins.from) : '';
    if (!from) {
      if (run.kind === 'buildkit' && !run.contextVertexShown) {
        run.contextVertexShown = true;
        const v = run.progress.start('[internal] load build context');
        run.progress.status(v.id, `transferring context: ${humanSizeWithPrecision(run.context.transferSize, 3)} done`);
        run.progress.done(v.id);
      }
      return { tree: contextSource(run.context, this.ports.clock.now()) };
    }
    const stageIndex = this.stageRef(run.parsed, from, state.index);
    let chain: string | undefined;
    let label: string;
    if (stageIndex !== undefined) {
      const s = await this.buildStage(run, stageIndex);
      chain = s.chain;
      label = `stage:${s.key}`;
    } else {
      const base = await this.resolveBase(run, from, undefined);
      const record = this.ports.store.get(base.id);
      await this.ports.store.unpack(base.id);
      chain = record.layers.length > 0 ? chainIds(record.layers.map((l) => l.diffId)).pop() : undefined;
      label = `image:${base.id}`;
    }
    const key = `build-${run.id}-view-${run.tmp++}`;
    const view = this.ports.snapshotter.view(key, chain);
    return { tree: mountSource(view), label, done: () => this.ports.snapshotter.remove(key) };
  }

  /** On failure, the last good state of the stage as an untagged image, so it can be run to debug. */
  private async keepLastGood(run: BuildRun, state: StageState): Promise<string | undefined> {
    if (run.kind === 'classic') return state.imageId || undefined;
    if (state.image.layers.length === 0) return undefined;
    const stored = await this.ports.store.put(withMeta(state.image, { created: rfc3339Nano(state.created) }));
    return stored.id;
  }

  private async export(run: BuildRun, final: StageState, text: string): Promise<ImageBuildResult> {
    // Config-only instructions after the last step: the build's own last time (the base's when nothing ran).
    this.settleHistory(final, final.created);
    let image = final.image;
    if (run.opts.labels && Object.keys(run.opts.labels).length > 0) image = withConfig(image, { Labels: { ...(image.config.config.Labels ?? {}), ...run.opts.labels } });
    image = withMeta(image, { created: rfc3339Nano(final.created) });
    let imageId: string;
    const v = run.kind === 'buildkit' ? run.progress.start('exporting to image') : undefined;
    if (run.kind === 'classic' && !run.opts.labels) imageId = final.imageId;
    else {
      const stored = await this.ports.store.put(image, run.kind === 'classic' && final.imageId ? { parent: final.imageId } : {});
      imageId = stored.id;
    }
    if (v) {
      run.progress.status(v.id, 'exporting layers 0.0s done');
      run.progress.status(v.id, `writing image ${imageId} done`);
    }
    const tags: string[] = [];
    for (const t of run.opts.tags ?? []) {
      const name = this.ports.tag(imageId, t);
      tags.push(name);
      if (v) run.progress.status(v.id, `naming to ${name} done`);
    }
    if (v) run.progress.done(v.id);
    if (run.kind === 'classic') {
      const declared = [...run.global.declared, ...[...run.stages.values()].flatMap((s) => s.scope.declaredNames)];
      const line = unusedBuildArgsWarning(unusedBuildArgs(run.opts.buildArgs ?? {}, declared));
      if (line) run.progress.other({ kind: 'warning', text: line });
    }
    const warnings = run.kind === 'buildkit' ? buildWarnings(text) : [];
    for (const w of warnings) run.progress.other({ kind: 'warning', text: `${w.rule}: ${w.message}`, line: w.line });
    this.ports.publish?.('/build/completed', { buildId: run.id, imageId, tags, steps: run.steps.length });
    return { imageId, tags, steps: run.steps, warnings };
  }

  /** Classic builder's `Step i/N : …` header. */
  private classicHeader(run: BuildRun, original: string): void {
    if (run.kind !== 'classic') return;
    run.classicStep++;
    run.progress.other({ kind: 'vertex-started', vertex: { id: run.classicStep, name: `Step ${run.classicStep}/${run.classicTotal} : ${original.trim()}` }, time: this.ports.clock.now() });
  }

  private classicImageLine(run: BuildRun, id: string): void {
    if (id === 'scratch') return;
    run.progress.other({ kind: 'step-image', vertexId: run.classicStep, imageId: id });
  }
}

type Warning = { rule: string; message: string; line: number };
/** The last few Dockerfiles' parses and warnings (immutable values): a rebuild of the same text does not parse or lint it again. */
const warningMemo = new Map<string, Warning[]>();
const parseMemo = new Map<string, ParsedDockerfile>();

function remember<T>(memo: Map<string, T>, key: string, value: T): void {
  memo.delete(key);
  if (memo.size >= 8) memo.delete(memo.keys().next().value!);
  memo.set(key, value);
}

/** BuildKit's build-check warnings for this Dockerfile (the rules with upstream docs). */
function buildWarnings(text: string): Warning[] {
  const hit = warningMemo.get(text);
  if (hit) return hit;
  const warnings = lintDockerfile(text, { teaching: false })
    .filter((d) => d.severity === 'warning' && (d.url ?? '').includes('docs.docker.com'))
    .map((d) => ({ rule: d.rule, message: d.message, line: d.range.start.line }));
  remember(warningMemo, text, warnings);
  return warnings;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}




/**
 * `busybox` → `docker.io/library/busybox:latest`, what BuildKit prints; a name
 * that is not a valid reference is shown as written (resolving it fails next).
 */
export function qualified(name: string): string {
  try {
    return referenceString(parseDockerRef(name));
  } catch {
    return name;
  }
}

export { cacheKey };
