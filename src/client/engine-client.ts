import * as Comlink from 'comlink';
import type {
  CliRunOptions,
  EventBatchListener,
  EventFilter,
  ImagePullOptions,
  ImagePushOptions,
  OutputListener,
  ProgressListener,
  Subscription,
  WorkerApi,
} from '../api/index.ts';
import { installEngineErrorTransfer } from '../api/index.ts';
import { superviseEngine, type SupervisedEngine } from './engine-supervisor.ts';
import { IndexedDbEngineStateStore } from './engine-state-store.ts';

/**
 * The main-thread side of the worker boundary: a WorkerApi whose calls go to
 * the engine worker. Every EngineApi method is forwarded as it is (so new
 * engine methods need no change here); the ones that take callbacks get them
 * proxied. Errors arrive as EngineError with code and data intact.
 */
export interface EngineClient extends WorkerApi {
  /** Ends the worker. */
  terminate(): void;
}

export function connectEngine(worker: Worker): EngineClient {
  installEngineErrorTransfer(Comlink.transferHandlers as never);
  const remote = Comlink.wrap<WorkerApi>(worker) as unknown as Record<string | symbol, (...args: unknown[]) => Promise<unknown>>;
  const local = {
    async subscribe(filter: EventFilter, listener: EventBatchListener): Promise<Subscription> {
      const sub = (await remote.subscribe!(filter, Comlink.proxy(listener))) as Comlink.Remote<Subscription>;
      return { unsubscribe: () => void sub.unsubscribe() };
    },
    runCommandLine(line: string, options: CliRunOptions, onOutput: OutputListener): Promise<number> {
      return remote.runCommandLine!(line, options, Comlink.proxy(onOutput)) as Promise<number>;
    },
    imagePull(ref: string, onProgress?: ProgressListener, options?: ImagePullOptions): Promise<void> {
      return remote.imagePull!(ref, onProgress ? Comlink.proxy(onProgress) : undefined, options) as Promise<void>;
    },
    imagePush(ref: string, onProgress?: ProgressListener, options?: ImagePushOptions): Promise<void> {
      return remote.imagePush!(ref, onProgress ? Comlink.proxy(onProgress) : undefined, options) as Promise<void>;
    },
    terminate: () => worker.terminate(),
  };
  return new Proxy(local, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      // `then` must stay undefined, or awaiting the client would call the worker.
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      // Callbacks (containerLogs' and execStart's output listeners, …) cannot be cloned: they cross as proxies.
      return (...args: unknown[]) => remote[prop]!(...args.map((a) => (typeof a === 'function' ? Comlink.proxy(a) : a)));
    },
  }) as unknown as EngineClient;
}

/**
 * Starts the engine worker bundled by Vite, supervised: state restored from
 * IndexedDB and saved after each command, a crashed or hung worker restarted.
 */
export function startEngineWorker(): SupervisedEngine {
  return superviseEngine({
    spawn: () => connectEngine(new Worker(new URL('../worker/index.ts', import.meta.url), { type: 'module', name: 'layerlab-engine' })),
    store: IndexedDbEngineStateStore.open().catch(() => null),
  });
}
