import type { EngineEvent } from '../../api/index.ts';
import { startEngineWorker, type EngineClient } from '../../client/engine-client.ts';

/** A command line the terminal ran, and where it starts in the event log (for the architecture view). */
export interface CommandRecord {
  readonly line: string;
  /** Events with seq > fromSeq (up to the next command's fromSeq) belong to this command. */
  readonly fromSeq: number;
}

/**
 * The app's single connection to the engine worker, and the event log the
 * visualisations read. Components never talk to the worker directly.
 */
export class EngineSession {
  readonly client: EngineClient;
  /** Replaced, never mutated: raw state, so the views read plain objects (no deep proxies over thousands of events). */
  events = $state.raw<EngineEvent[]>([]);
  ready = $state(false);
  /** Command lines run through `client.runCommandLine`, oldest first (the last 200). */
  commands = $state<CommandRecord[]>([]);
  private lastSeq = 0;

  /** `keep`: events retained for the visualisations (a container writing 1,000 files publishes ~2,000). */
  constructor(private readonly keep = 10_000) {
    this.client = this.recordingCommands(startEngineWorker());
    void this.client.subscribe({ since: 0 }, (batch) => {
      const next = this.events.concat(batch);
      this.events = next.length > this.keep ? next.slice(next.length - this.keep) : next;
      this.lastSeq = batch[batch.length - 1]?.seq ?? this.lastSeq;
    });
    void this.client.ping().then(() => (this.ready = true));
  }

  /**
   * The client, with every terminal command line noted with the last event
   * seq seen when it started. Simplification: events of a command that arrive
   * after the next command started (lines pasted together) count for the next.
   */
  private recordingCommands(client: EngineClient): EngineClient {
    const runCommandLine: EngineClient['runCommandLine'] = (line, options, onOutput) => {
      // Only the terminal's lines (it runs them with a TTY); lesson checks and setup run quietly without one.
      if (line.trim() !== '' && options.isTTY) this.commands = [...this.commands.slice(-199), { line: line.trim(), fromSeq: this.lastSeq }];
      return client.runCommandLine(line, options, onOutput);
    };
    return new Proxy(client, {
      get: (target, prop, receiver) => (prop === 'runCommandLine' ? runCommandLine : Reflect.get(target, prop, receiver)),
    });
  }
}
