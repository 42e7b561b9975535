/**
 * `docker commit` (moby daemon/commit.go CreateImageFromContainer): the
 * container's writable layer becomes one new layer on top of its image, the
 * container's config (plus `--change` Dockerfile instructions) becomes the
 * image config, and history gets one entry whose CREATED BY is the
 * container's Cmd. A container with no changes commits an empty layer
 * (`empty_layer: true`, no new diff_id). Composition-level: it joins the
 * runtime, the image store and the Dockerfile instruction parser.
 */
import type { ImageContainerConfig } from '../api/index.ts';
import { EngineError } from '../api/index.ts';
import { parseDockerfile, toInstruction } from './dockerfile/index.ts';
import type { Instruction } from './dockerfile/index.ts';
import { expandWord } from './dockerfile/shell-words.ts';
import type { Image } from './images/image.ts';
import { appendHistory, appendLayer, withMeta } from './images/mutate.ts';
import type { ImageService } from './images/service.ts';
import { chainIds } from './oci/chain-id.ts';
import { applyCommandInstruction, beginStage } from './runtime/command-config.ts';
import { CONTAINER_MANAGED_FILES } from './runtime/etc-files.ts';
import type { ContainerRuntime } from './runtime/runtime.ts';
import { rfc3339Nano } from './runtime/status.ts';
import { createLayer } from './snapshots/layer.ts';

export interface CommitOptions {
  /** `REPOSITORY[:TAG]` to tag the new image with. */
  readonly reference?: string;
  readonly author?: string;
  readonly comment?: string;
  /** `--change` Dockerfile instructions (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR). */
  readonly changes?: readonly string[];
  /** Pause a running container while its layer is read (default true). */
  readonly pause?: boolean;
}

const CHANGE_COMMANDS = new Set(['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'LABEL', 'ONBUILD', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);
const MANAGED = new Set(CONTAINER_MANAGED_FILES.map((p) => p.slice(1)));

/** The container's runtime config as an image config (omitempty). */
function imageConfigOf(c: ReturnType<ContainerRuntime['get']>): ImageContainerConfig {
  const cfg = c.config;
  return {
    ...(cfg.User ? { User: cfg.User } : {}),
    ...(cfg.ExposedPorts ? { ExposedPorts: cfg.ExposedPorts } : {}),
    ...(cfg.Env.length > 0 ? { Env: cfg.Env } : {}),
    ...(cfg.Entrypoint ? { Entrypoint: cfg.Entrypoint } : {}),
    ...(cfg.Cmd ? { Cmd: cfg.Cmd } : {}),
    ...(cfg.Volumes ? { Volumes: cfg.Volumes } : {}),
    ...(cfg.WorkingDir ? { WorkingDir: cfg.WorkingDir } : {}),
    ...(Object.keys(cfg.Labels).length > 0 ? { Labels: cfg.Labels } : {}),
    ...(cfg.StopSignal ? { StopSignal: cfg.StopSignal } : {}),
    ...(cfg.OnBuild && cfg.OnBuild.length > 0 ? { OnBuild: cfg.OnBuild } : {}),
  };
}

function parseChange(text: string): Instruction {
  const ast = parseDockerfile(text);
  const node = ast.children[0];
  if (!node) throw new EngineError('InvalidParameter', 'file with no instructions', {});
  const keyword = node.value.toUpperCase();
  if (!CHANGE_COMMANDS.has(keyword)) throw new EngineError('InvalidParameter', `${keyword} is not a valid change command`, { change: text });
  return toInstruction(node);
}

/** Applies `--change` instructions as the classic builder dispatches them (env-expanded where Dockerfile expands). */
export function applyChanges(config: ImageContainerConfig, changes: readonly string[]): ImageContainerConfig {
  let cfg: Record<string, unknown> = { ...config };
  const env = () => (cfg.Env as string[] | undefined) ?? [];
  const expand = (w: string) => expandWord(w, env());
  for (const text of changes) {
    const ins = parseChange(text);
    switch (ins.kind) {
      case 'CMD':
      case 'ENTRYPOINT': {
        const state = beginStage({ Entrypoint: (cfg.Entrypoint as string[]) ?? null, Cmd: (cfg.Cmd as string[]) ?? null });
        const args = ins.cmdLine ?? [];
        const next = applyCommandInstruction(state, { keyword: ins.kind, args, prependShell: ins.prependShell }, 'classic').state;
        cfg = { ...cfg, Entrypoint: next.Entrypoint ?? undefined, Cmd: next.Cmd ?? undefined };
        break;
      }
      case 'ENV': {
        const list = [...env()];
        for (const kv of ins.env) {
          const key = expand(kv.key);
          const entry = `${key}=${expand(kv.value)}`;
          const i = list.findIndex((e) => e.split('=', 1)[0] === key);
          if (i >= 0) list[i] = entry;
          else list.push(entry);
        }
        cfg = { ...cfg, Env: list };
        break;
      }
      case 'LABEL': {
        const labels = { ...((cfg.Labels as Record<string, string>) ?? {}) };
        for (const kv of ins.labels) labels[expand(kv.key)] = expand(kv.value);
        cfg = { ...cfg, Labels: labels };
        break;
      }
      case 'EXPOSE': {
        const ports = { ...((cfg.ExposedPorts as Record<string, Record<string, never>>) ?? {}) };
        for (const p of ins.ports) ports[expand(p).includes('/') ? expand(p) : `${expand(p)}/tcp`] = {};
        cfg = { ...cfg, ExposedPorts: ports };
        break;
      }
      case 'VOLUME': {
        const vols = { ...((cfg.Volumes as Record<string, Record<string, never>>) ?? {}) };
        for (const v of ins.volumes) vols[expand(v)] = {};
        cfg = { ...cfg, Volumes: vols };
        break;
      }
      case 'WORKDIR': {
        const p = expand(ins.path);
        const cur = (cfg.WorkingDir as string | undefined) ?? '/';
        cfg = { ...cfg, WorkingDir: p.startsWith('/') ? p : `${cur.replace(/\/$/, '')}/${p}` };
        break;
      }
      case 'USER':
        cfg = { ...cfg, User: expand(ins.user) };
        break;
      case 'STOPSIGNAL':
        cfg = { ...cfg, StopSignal: expand(ins.signal) };
        break;
      case 'ONBUILD':
        cfg = { ...cfg, OnBuild: [...((cfg.OnBuild as string[]) ?? []), ins.expression] };
        break;
      default:
        throw new EngineError('InvalidParameter', `${ins.kind} is not a valid change command`, { change: text });
    }
  }
  for (const k of Object.keys(cfg)) if (cfg[k] === undefined) delete cfg[k];
  return cfg as ImageContainerConfig;
}

export async function commitContainer(runtime: ContainerRuntime, service: ImageService, ref: string, opts: CommitOptions): Promise<{ Id: string }> {
  const c = runtime.get(ref);
  const pause = (opts.pause ?? true) && c.status === 'running';
  if (pause) await runtime.pause(c.id);
  try {
    const store = service.store;
    const changes = c.mount.changes().filter((e) => !MANAGED.has(e.path.replace(/^\//, '')));
    // /etc itself changed only because dockerd's files were written: not part of the commit.
    const entries = changes.filter((e) => !(e.kind === 'dir' && e.path.replace(/^\//, '') === 'etc' && !changes.some((o) => o.path.replace(/^\//, '').startsWith('etc/'))));
    const config = applyChanges(imageConfigOf(c), opts.changes ?? []);
    const record = store.get(c.imageId);
    const chains = chainIds(record.layers.map((l) => l.diffId));
    let image: Image = {
      config: store.config(c.imageId),
      layers: chains.map((chain, i) => ({ layer: store.snapshotter.layer(chain), reportedSize: record.layers[i]!.size })),
    };
    const now = rfc3339Nano(runtime.now());
    const history = {
      created: now,
      created_by: (c.config.Cmd ?? []).join(' '),
      ...(opts.author ? { author: opts.author } : {}),
      ...(opts.comment ? { comment: opts.comment } : {}),
    };
    image = withMeta(image, { created: now, ...(opts.author ? { author: opts.author } : {}) });
    if (entries.length === 0) image = appendHistory(image, history);
    else image = appendLayer(image, await createLayer(entries, store.content), history);
    // The container's config replaces the image's (a cleared Entrypoint stays cleared).
    image = { ...image, config: { ...image.config, config } };
    const committed = await store.put(image, { parent: c.imageId });
    if (opts.reference) service.tag(committed.id, opts.reference);
    return { Id: committed.id };
  } finally {
    if (pause && c.status === 'paused') await runtime.unpause(c.id);
  }
}
