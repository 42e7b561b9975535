import type { EngineEvent } from '../../api/index.ts';
import { startEngineWorker, type EngineClient } from '../../client/engine-client.ts';

/**
 * The app's single connection to the engine worker, and the event log the
 * visualisations read. Components never talk to the worker directly.
 */
export class EngineSession {
  readonly client: EngineClient;
  events = $state<EngineEvent[]>([]);
  ready = $state(false);

  constructor(private readonly keep = 2000) {
    this.client = startEngineWorker();
    void this.client.subscribe({ since: 0 }, (batch) => {
      const next = this.events.concat(batch);
      this.events = next.length > this.keep ? next.slice(next.length - this.keep) : next;
    });
    void this.client.ping().then(() => (this.ready = true));
  }
}
