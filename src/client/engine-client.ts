import * as Comlink from 'comlink';
import type { CliRunOptions, EngineApi, EventBatchListener, EventFilter, OutputListener, Subscription, WorkerApi } from '../api/index.ts';
import { installEngineErrorTransfer } from '../api/index.ts';

/**
 * The main-thread side of the worker boundary: a WorkerApi whose calls go to
 * the engine worker. Callbacks are proxied for the caller, errors arrive as
 * EngineError with code and data intact.
 */
export interface EngineClient extends WorkerApi {
  /** Ends the worker. */
  terminate(): void;
}

export function connectEngine(worker: Worker): EngineClient {
  installEngineErrorTransfer(Comlink.transferHandlers as never);
  const remote = Comlink.wrap<EngineApi & WorkerApi>(worker);
  return {
    ping: () => remote.ping(),
    version: () => remote.version(),
    info: () => remote.info(),
    events: (filter?: EventFilter) => remote.events(filter),
    exportState: () => remote.exportState(),
    importState: (doc: unknown) => remote.importState(doc),
    async subscribe(filter: EventFilter, listener: EventBatchListener): Promise<Subscription> {
      const sub = (await remote.subscribe(filter, Comlink.proxy(listener))) as unknown as Comlink.Remote<Subscription>;
      return { unsubscribe: () => void sub.unsubscribe() };
    },
    runCommandLine(line: string, options: CliRunOptions, onOutput: OutputListener) {
      return remote.runCommandLine(line, options, Comlink.proxy(onOutput));
    },
    terminate: () => worker.terminate(),
  };
}

/** Starts the engine worker bundled by Vite. */
export function startEngineWorker(): EngineClient {
  const worker = new Worker(new URL('../worker/index.ts', import.meta.url), { type: 'module', name: 'layerlab-engine' });
  return connectEngine(worker);
}
