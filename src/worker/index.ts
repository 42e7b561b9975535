// The engine worker: one engine per tab, with its simulated Docker host, exposed through Comlink.
import * as Comlink from 'comlink';
import { installEngineErrorTransfer } from '../api/index.ts';
import { createHostEngine } from '../host-shell/host-engine.ts';
import { workerApi } from './host.ts';

installEngineErrorTransfer(Comlink.transferHandlers as never);
// Events are flushed to the UI at most every 8 ms: bursts of calls (a build, a
// replayed session) cross the boundary as a few batches, not one message each.
// The tab's fetch lets pull/push reach real registries that send CORS headers.
const api = workerApi(createHostEngine({ schedule: (fn) => void setTimeout(fn, 8), fetch: self.fetch.bind(self) }));
Comlink.expose({
  ...api,
  // Subscriptions hold a function: hand back a proxy instead of a clone.
  async subscribe(...args: Parameters<typeof api.subscribe>) {
    return Comlink.proxy(await api.subscribe(...args));
  },
});
