import type { EngineEvent, VizLayerStack, VizObjects } from '../../api/index.ts';
import type { EngineClient } from '../../client/engine-client.ts';

/** Topics after which the images, containers or their layers may have changed. */
const CHANGES = ['/image/', '/container/created', '/container/destroyed', '/container/died', '/container/renamed', '/sim/fs/', '/snapshot/committed'];

/** The seq of the newest event that may have changed what `vizObjects`/`vizLayers` return (0 if none). */
export function lastChange(events: readonly EngineEvent[]): number {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (CHANGES.some((p) => e.topic.startsWith(p))) return e.seq;
  }
  return 0;
}

/** A picker value: `c:<id>` for a container, `i:<id>` for an image. */
export type VizTarget = `c:${string}` | `i:${string}`;

/**
 * The image or container a layer view shows, and its stack from the engine
 * (`vizLayers`). `refresh()` reloads both; the newest container (else image)
 * is chosen until the learner picks one.
 */
export class LayerSource {
  objects = $state.raw<VizObjects>({ images: [], containers: [] });
  target = $state<VizTarget | ''>('');
  /** Raw: a layer can hold thousands of entries, read on every step. */
  stack = $state.raw<VizLayerStack | null>(null);
  error = $state('');
  private picked = false;

  constructor(
    private readonly client: Pick<EngineClient, 'vizObjects' | 'vizLayers'>,
    private readonly withContainers = true,
  ) {}

  /** Refreshes whenever the log shows a change (call during component initialisation: it makes an effect). */
  follow(events: () => readonly EngineEvent[]): void {
    const changed = $derived(lastChange(events()));
    $effect(() => {
      void changed;
      void this.refresh();
    });
  }

  pick(target: VizTarget): void {
    this.picked = true;
    this.target = target;
    void this.load();
  }

  async refresh(): Promise<void> {
    const objects = await this.client.vizObjects();
    this.objects = objects;
    const exists = (t: string) =>
      t.startsWith('c:') ? objects.containers.some((c) => `c:${c.id}` === t) : objects.images.some((i) => `i:${i.id}` === t);
    if (!this.picked || !exists(this.target)) {
      this.picked = this.picked && exists(this.target);
      const c = this.withContainers ? objects.containers[0] : undefined;
      const i = objects.images[0];
      this.target = c ? `c:${c.id}` : i ? `i:${i.id}` : '';
    }
    await this.load();
  }

  private async load(): Promise<void> {
    const t = this.target;
    if (!t) {
      this.stack = null;
      return;
    }
    try {
      this.stack = await this.client.vizLayers(t.startsWith('c:') ? { container: t.slice(2) } : { image: t.slice(2) });
      this.error = '';
    } catch (err) {
      this.error = (err as Error).message;
      this.stack = null;
    }
  }
}
