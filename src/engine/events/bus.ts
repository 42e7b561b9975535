import type { EngineEvent, EventBatchListener, EventFilter, Subscription } from '../../api/index.ts';
import { topicMatches } from '../../api/index.ts';
import type { Clock, Schedule } from '../deps.ts';

/**
 * The engine's event bus: publish facts, keep the newest in a replay ring, and
 * deliver them to subscribers in batches (one batch per synchronous turn), so a
 * build that publishes 10,000 events crosses the worker boundary a few times,
 * not 10,000 times.
 */
export class EventBus {
  private seq: number;
  private readonly ring: EngineEvent[] = [];
  private readonly subs = new Set<Sub>();
  private flushScheduled = false;

  constructor(
    private readonly clock: Clock,
    private readonly schedule: Schedule,
    /** How many events are retained for replay. */
    readonly capacity = 20_000,
    firstSeq = 1,
  ) {
    this.seq = firstSeq;
  }

  /** The seq the next event will get (persisted so seq survives restarts). */
  get nextSeq(): number {
    return this.seq;
  }

  publish<D>(topic: string, data: D, cause = 0): EngineEvent<D> {
    const event: EngineEvent<D> = { seq: this.seq++, topic, cause, time: this.clock.now(), data };
    this.ring.push(event);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
    for (const sub of this.subs) if (topicMatches(topic, sub.filter.topics)) sub.pending.push(event);
    this.scheduleFlush();
    return event;
  }

  /** Retained events matching the filter, oldest first. */
  replay(filter: EventFilter = {}): EngineEvent[] {
    const since = filter.since ?? 0;
    return this.ring.filter((e) => e.seq > since && topicMatches(e.topic, filter.topics));
  }

  subscribe(filter: EventFilter, listener: EventBatchListener): Subscription {
    const sub: Sub = { filter, listener, pending: filter.since !== undefined ? this.replay(filter) : [] };
    this.subs.add(sub);
    if (sub.pending.length > 0) this.scheduleFlush();
    return { unsubscribe: () => void this.subs.delete(sub) };
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.subs.size === 0) return;
    this.flushScheduled = true;
    this.schedule(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    for (const sub of this.subs) {
      if (sub.pending.length === 0) continue;
      const batch = sub.pending;
      sub.pending = [];
      // A throwing listener must not starve the others; it is a host bug, surfaced as an event.
      try {
        sub.listener(batch);
      } catch (err) {
        this.publish('/engine/listener/failed', { message: err instanceof Error ? err.message : String(err) });
      }
    }
  }
}

interface Sub {
  readonly filter: EventFilter;
  readonly listener: EventBatchListener;
  pending: EngineEvent[];
}
