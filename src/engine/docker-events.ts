/**
 * `GET /events` (docker events): the engine's facts (`/container/started`,
 * `/image/tagged`, …) as dockerd's event messages (moby daemon/events.go
 * LogContainerEvent and friends): Type, Action, the actor's id and
 * attributes (a container's labels, image and name; `exitCode` on die,
 * `signal` on kill), `time` and `timeNano`. Retained events replay from
 * `since`; live ones follow; `until` ends the stream in engine time.
 */
import type { EngineApi, EngineEvent, EventMessage, EventMessageListener, EventsOptions, Subscription } from '../api/index.ts';
import { EngineError } from '../api/index.ts';
import type { Clock, Timers } from './deps.ts';
import type { EventBus } from './events/bus.ts';
import type { ContainerRuntime } from './runtime/runtime.ts';

/** What a container's events carry besides their own data (labels, image, name). */
export interface ActorFacts {
  readonly image: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

const CONTAINER_ACTIONS: Readonly<Record<string, string>> = {
  '/container/created': 'create',
  '/container/started': 'start',
  '/container/died': 'die',
  '/container/stopped': 'stop',
  '/container/killed': 'kill',
  '/container/destroyed': 'destroy',
  '/container/renamed': 'rename',
  '/container/paused': 'pause',
  '/container/unpaused': 'unpause',
  '/container/restarted': 'restart',
  '/container/exported': 'export',
  '/container/archive/read': 'archive-path',
  '/container/archive/extracted': 'extract-to-dir',
  '/container/exec/started': 'exec_start',
  '/container/exec/died': 'exec_die',
};

const IMAGE_ACTIONS: Readonly<Record<string, string>> = {
  '/image/pulled': 'pull',
  '/image/pushed': 'push',
  '/image/tagged': 'tag',
  '/image/untagged': 'untag',
  '/image/deleted': 'delete',
  '/image/imported': 'import',
};

const FILTER_KEYS = new Set(['container', 'image', 'event', 'type', 'label', 'volume', 'network', 'daemon', 'scope']);

/** `docker.io/library/busybox:latest` → `busybox:latest`, as docker names images in events. */
function familiar(ref: string): string {
  return ref.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '');
}

/** Converts engine events into Docker event messages; remembers containers' facts for events after removal. */
export class EventTranslator {
  private readonly actors = new Map<string, ActorFacts>();

  constructor(private readonly lookup: (id: string) => ActorFacts | undefined) {}

  translate(e: EngineEvent): EventMessage | undefined {
    const d = e.data as Record<string, unknown>;
    const time = Math.floor(e.time / 1000);
    const timeNano = e.time * 1e6;
    const containerAction = CONTAINER_ACTIONS[e.topic];
    if (containerAction) {
      const id = String(d.id ?? '');
      const known = this.lookup(id) ?? this.actors.get(id);
      const facts: ActorFacts = known ?? { image: String(d.image ?? ''), name: String(d.name ?? ''), labels: {} };
      this.actors.set(id, { ...facts, name: String(d.name ?? facts.name) });
      const attrs: Record<string, string> = { ...facts.labels, image: facts.image, name: String(d.name ?? facts.name) };
      let action = containerAction;
      if (e.topic === '/container/died') attrs.exitCode = String(d.exitCode ?? 0);
      if (e.topic === '/container/killed') attrs.signal = String(d.signal ?? '');
      if (e.topic === '/container/renamed') attrs.oldName = `/${String(d.oldName ?? '')}`;
      if (e.topic === '/container/exec/started') {
        action = `exec_start: ${((d.argv as string[] | undefined) ?? []).join(' ')}`;
        attrs.execID = String(d.execId ?? '');
      }
      if (e.topic === '/container/exec/died') {
        attrs.execID = String(d.execId ?? '');
        attrs.exitCode = String(d.exitCode ?? 0);
      }
      return message('container', action, id, attrs, time, timeNano, facts.image);
    }
    const imageAction = IMAGE_ACTIONS[e.topic];
    if (imageAction) {
      const ref = typeof d.ref === 'string' ? familiar(d.ref) : '';
      const id = imageAction === 'pull' || imageAction === 'push' ? ref : String(d.id ?? '');
      const attrs: Record<string, string> = ref ? { name: ref } : {};
      return message('image', imageAction, id, attrs, time, timeNano);
    }
    const generic = /^\/(volume|network)\/([a-z]+)$/.exec(e.topic);
    if (generic) {
      const verbs: Record<string, string> = { created: 'create', removed: 'destroy', destroyed: 'destroy', connected: 'connect', disconnected: 'disconnect', mounted: 'mount', unmounted: 'unmount', pruned: 'prune' };
      const action = verbs[generic[2]!];
      if (!action) return undefined;
      const attrs: Record<string, string> = {};
      for (const [k, v] of Object.entries(d)) if (typeof v === 'string' && k !== 'id') attrs[k] = v;
      return message(generic[1] as 'volume' | 'network', action, String(d.id ?? d.name ?? ''), attrs, time, timeNano);
    }
    return undefined;
  }
}

function message(type: EventMessage['Type'], action: string, id: string, attrs: Record<string, string>, time: number, timeNano: number, from?: string): EventMessage {
  const sorted = Object.fromEntries(Object.entries(attrs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    ...(type === 'container' || type === 'image' ? { status: action, id } : {}),
    ...(type === 'container' && from !== undefined ? { from } : {}),
    Type: type,
    Action: action,
    Actor: { ID: id, Attributes: sorted },
    scope: 'local',
    time,
    timeNano,
  };
}

/** docker's event filters (moby daemon/events/filter.go). */
export function eventMatches(m: EventMessage, filters: Readonly<Record<string, readonly string[]>>): boolean {
  const any = (key: string, test: (v: string) => boolean) => !filters[key] || filters[key]!.length === 0 || filters[key]!.some(test);
  const actionBase = m.Action.includes(':') ? m.Action.slice(0, m.Action.indexOf(':')) : m.Action;
  const attrs = m.Actor.Attributes;
  return (
    any('type', (v) => v === m.Type) &&
    any('event', (v) => v === m.Action || v === actionBase) &&
    any('scope', (v) => v === 'local') &&
    any('container', (v) => m.Type === 'container' && (m.Actor.ID.startsWith(v) || attrs.name === v)) &&
    any('image', (v) => (m.Type === 'image' && (m.Actor.ID === v || attrs.name === v || familiar(v) === attrs.name)) || (m.Type === 'container' && (attrs.image === v || attrs.image === familiar(v)))) &&
    any('volume', (v) => m.Type === 'volume' && (m.Actor.ID === v || attrs.name === v)) &&
    any('network', (v) => m.Type === 'network' && (m.Actor.ID.startsWith(v) || attrs.name === v)) &&
    any('daemon', (v) => m.Type === 'daemon' && m.Actor.ID === v) &&
    any('label', (v) => {
      const eq = v.indexOf('=');
      return eq < 0 ? v in attrs : attrs[v.slice(0, eq)] === v.slice(eq + 1);
    })
  );
}

/**
 * `systemEvents`: replay retained events at or after `since` (all retained
 * ones when only `until` is given), then live ones; with `until`, the last
 * call has `end` true once the engine clock reaches it.
 */
export function systemEvents(
  deps: { bus: EventBus; clock: Clock; timers: Timers; translator: EventTranslator },
  options: EventsOptions,
  listener: EventMessageListener,
): Subscription {
  const filters = options.filters ?? {};
  for (const key of Object.keys(filters)) {
    if (!FILTER_KEYS.has(key)) throw new EngineError('InvalidParameter', `invalid filter '${key}'`, { key });
  }
  const sinceMs = options.since !== undefined ? options.since * 1000 : undefined;
  const untilMs = options.until !== undefined && options.until > 0 ? options.until * 1000 : undefined;
  const pick = (events: readonly EngineEvent[]) =>
    events
      .filter((e) => (sinceMs === undefined || e.time >= sinceMs) && (untilMs === undefined || e.time <= untilMs))
      .map((e) => deps.translator.translate(e))
      .filter((m): m is EventMessage => m !== undefined && eventMatches(m, filters));
  let ended = false;
  let live: Subscription | undefined;
  let timer: { cancel(): void } | undefined;
  const end = () => {
    if (ended) return;
    ended = true;
    live?.unsubscribe();
    timer?.cancel();
    listener([], true);
  };
  const past = sinceMs !== undefined || untilMs !== undefined ? pick(deps.bus.replay({})) : [];
  const now = deps.clock.now();
  if (untilMs !== undefined && untilMs <= now) {
    if (past.length > 0) listener(past, false);
    end();
    return { unsubscribe: () => {} };
  }
  if (past.length > 0) listener(past, false);
  live = deps.bus.subscribe({}, (batch) => {
    if (ended) return;
    const fresh = pick(batch);
    if (fresh.length > 0) listener(fresh, false);
  });
  if (untilMs !== undefined) timer = deps.timers.after(untilMs - now, end);
  return {
    unsubscribe: () => {
      ended = true;
      live?.unsubscribe();
      timer?.cancel();
    },
  };
}

/** `systemEvents` for the composition root: container facts come from the runtime while the container exists. */
export function eventsApi(deps: { bus: EventBus; clock: Clock; timers: Timers; runtime: () => Promise<ContainerRuntime> }): Pick<EngineApi, 'systemEvents'> {
  let runtime: ContainerRuntime | undefined;
  const translator = new EventTranslator((id) => {
    try {
      const c = runtime?.get(id);
      return c ? { image: c.config.Image, name: c.name, labels: c.config.Labels } : undefined;
    } catch {
      return undefined;
    }
  });
  return {
    async systemEvents(options, listener) {
      runtime = await deps.runtime();
      return systemEvents({ ...deps, translator }, options, listener);
    },
  };
}
