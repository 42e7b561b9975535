/**
 * Pane sizes, in percent of the area each splitter divides, persisted in
 * localStorage. Every size is clamped, so no pane can be dragged to nothing.
 */
export type PaneKey = 'main' | 'files' | 'editor' | 'lesson';

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly initial: number;
}

/** main: left column width; files: tree width within the editor row; editor: editor height in the left column; lesson: lesson height on the right. */
export const PANE_BOUNDS: Readonly<Record<PaneKey, Bounds>> = {
  main: { min: 30, max: 80, initial: 58 },
  files: { min: 12, max: 45, initial: 24 },
  editor: { min: 20, max: 80, initial: 40 },
  lesson: { min: 15, max: 75, initial: 35 },
};

const KEY = 'layerlab:layout';

export class Layout {
  sizes = $state<Record<PaneKey, number>>({ main: 0, files: 0, editor: 0, lesson: 0 });
  lessonOpen = $state(true);

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null = typeof localStorage === 'undefined' ? null : localStorage) {
    let saved: { sizes?: Partial<Record<PaneKey, unknown>>; lessonOpen?: unknown } = {};
    try {
      saved = JSON.parse(storage?.getItem(KEY) ?? '{}') as typeof saved;
    } catch {
      saved = {};
    }
    for (const key of Object.keys(PANE_BOUNDS) as PaneKey[]) {
      const v = saved.sizes?.[key];
      this.sizes[key] = clamp(key, typeof v === 'number' && Number.isFinite(v) ? v : PANE_BOUNDS[key].initial);
    }
    if (typeof saved.lessonOpen === 'boolean') this.lessonOpen = saved.lessonOpen;
  }

  set(key: PaneKey, percent: number): void {
    this.sizes[key] = clamp(key, percent);
    this.save();
  }

  /** A keyboard step: ±2 %, or to a bound with Home/End. */
  step(key: PaneKey, delta: number): void {
    this.set(key, this.sizes[key] + delta);
  }

  toggleLesson(): void {
    this.lessonOpen = !this.lessonOpen;
    this.save();
  }

  /** Back to the starting size (double-click on a splitter, or Enter on a focused one). */
  reset(key: PaneKey): void {
    this.set(key, PANE_BOUNDS[key].initial);
  }

  private save(): void {
    try {
      this.storage?.setItem(KEY, JSON.stringify({ sizes: this.sizes, lessonOpen: this.lessonOpen }));
    } catch {
      // Sizes are a comfort, not data: a full storage just forgets them.
    }
  }
}

function clamp(key: PaneKey, v: number): number {
  const b = PANE_BOUNDS[key];
  return Math.round(Math.min(b.max, Math.max(b.min, v)) * 10) / 10;
}
