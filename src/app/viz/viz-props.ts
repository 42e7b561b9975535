import type { EngineEvent } from '../../api/index.ts';
import type { EngineClient } from '../../client/engine-client.ts';
import type { CommandRecord } from '../state/engine.svelte.ts';
import type { Locale } from '../state/preferences.svelte.ts';

/** What every visualisation gets from the panel. */
export interface VizProps {
  readonly events: readonly EngineEvent[];
  readonly locale: Locale;
  readonly client: EngineClient;
  readonly commands: readonly CommandRecord[];
  /** The build context as a tar and the Dockerfile path, for the build preview (saved editor text included). */
  readonly buildContext?: () => Promise<{ contextTar: Uint8Array; dockerfile: string }>;
}

/** Keys pressed in a form control stay with it; elsewhere they step the visual. */
export function stepKey(e: KeyboardEvent, handle: (e: KeyboardEvent) => boolean): void {
  const el = e.target as HTMLElement | null;
  if (el && /^(SELECT|INPUT|TEXTAREA)$/.test(el.tagName)) return;
  if (el?.getAttribute('role') === 'radio' || el?.closest('[role="radiogroup"]')) return;
  handle(e);
}
