import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EngineStateBody, EngineStateDocument } from '../api/index.ts';
import { isEngineError } from '../api/index.ts';
import { openState } from '../engine/index.ts';

/** $LAYERLAB_HOME, default ~/.layerlab. */
export function layerlabHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.LAYERLAB_HOME || join(homedir(), '.layerlab');
}

export interface LoadedState {
  readonly body?: EngineStateBody;
  /** Set when the newest file was unreadable and an older one (or a fresh start) was used. */
  readonly warning?: string;
}

/**
 * Engine state on disk: `state.json` (the sealed EngineStateDocument) plus
 * `state.json.bak`, the previous good document. Writes go to a temporary file
 * renamed into place, so a crash mid-write never leaves a half-written state.
 * Simplification: no lock; two `layerlab` processes writing at once keep the
 * last writer's state.
 */
export class FileStateStore {
  readonly file: string;
  readonly backup: string;

  constructor(readonly home: string) {
    this.file = join(home, 'state.json');
    this.backup = `${this.file}.bak`;
  }

  async load(): Promise<LoadedState> {
    if (!existsSync(this.file)) return {};
    try {
      return { body: await openState(JSON.parse(readFileSync(this.file, 'utf8'))) };
    } catch (err) {
      const why = isEngineError(err) ? err.message : `state.json is not valid JSON (${(err as Error).message})`;
      const kept = `${this.file}.corrupt`;
      renameSync(this.file, kept);
      if (existsSync(this.backup)) {
        try {
          const body = await openState(JSON.parse(readFileSync(this.backup, 'utf8')));
          return { body, warning: `layerlab: ${why}; restored the previous good state (the damaged file is kept as ${kept})` };
        } catch {
          // fall through to a fresh start
        }
      }
      return { warning: `layerlab: ${why}; starting with a fresh engine (the damaged file is kept as ${kept})` };
    }
  }

  save(doc: EngineStateDocument): void {
    mkdirSync(this.home, { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(doc));
    if (existsSync(this.file)) renameSync(this.file, this.backup);
    renameSync(tmp, this.file);
  }
}
