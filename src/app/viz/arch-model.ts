import type { EngineEvent } from '../../api/index.ts';
import type { CommandRecord } from '../state/engine.svelte.ts';

/** One REST call, as the engine published it: client → daemon (Engine API) or daemon → registry. */
export interface ArchCall {
  readonly seq: number;
  readonly from: 'client' | 'daemon';
  readonly to: 'daemon' | 'registry';
  readonly method: string;
  /** `/images/{name}/json`, or `docker.io/v2/library/busybox/manifests/latest`. */
  readonly path: string;
  /** HTTP status, or the error code of a failed call. */
  readonly status: string;
  readonly ok: boolean;
  /** A registry call made while dockerd served the client call listed before it. */
  readonly nested?: boolean;
}

export interface ArchCommand {
  /** The command line, or '' for calls made before any terminal command. */
  readonly line: string;
  readonly calls: readonly ArchCall[];
}

function callOf(e: EngineEvent): ArchCall | undefined {
  const d = e.data as { endpoint?: string; status?: number; code?: string; method?: string; host?: string; path?: string };
  if (e.topic === '/api/request/handled' || e.topic === '/api/request/failed') {
    const [method = '', path = ''] = (d.endpoint ?? '').split(' ');
    // Layerlab's own endpoints (the tab checkpointing the engine's state) are not the docker client's traffic.
    if (path.startsWith('/layerlab/')) return undefined;
    const ok = e.topic === '/api/request/handled';
    return { seq: e.seq, from: 'client', to: 'daemon', method, path, status: ok ? String(d.status ?? 200) : (d.code ?? ''), ok };
  }
  if (e.topic === '/registry/request/handled') {
    const status = d.status ?? 0;
    return { seq: e.seq, from: 'daemon', to: 'registry', method: d.method ?? '', path: `${d.host ?? ''}${d.path ?? ''}`, status: String(status), ok: status < 400 };
  }
  return undefined;
}

/** The calls each command made, oldest command first; commands without calls are kept (they show "no calls"). */
export function archCommands(events: readonly EngineEvent[], commands: readonly CommandRecord[]): ArchCommand[] {
  const groups: { line: string; calls: ArchCall[] }[] = [{ line: '', calls: [] }, ...commands.map((c) => ({ line: c.line, calls: [] as ArchCall[] }))];
  for (const e of events) {
    const call = callOf(e);
    if (!call) continue;
    // The last command that started before this event.
    let g = 0;
    for (let i = commands.length - 1; i >= 0; i--) {
      if (commands[i]!.fromSeq < e.seq) {
        g = i + 1;
        break;
      }
    }
    groups[g]!.calls.push(call);
  }
  return groups.filter((g, i) => i > 0 || g.calls.length > 0).map((g) => ({ line: g.line, calls: nestRegistryCalls(g.calls) }));
}

/**
 * dockerd calls registries only while it serves a client request, and a
 * request's event is published when it completes: so the registry calls
 * published since the previous client call belong inside the next one. They
 * are listed after it, as a sequence diagram would draw them.
 */
export function nestRegistryCalls(calls: readonly ArchCall[]): ArchCall[] {
  const out: ArchCall[] = [];
  let pending: ArchCall[] = [];
  for (const c of calls) {
    if (c.to === 'registry') {
      pending.push(c);
      continue;
    }
    out.push(c, ...pending.map((p) => ({ ...p, nested: true })));
    pending = [];
  }
  return [...out, ...pending];
}
