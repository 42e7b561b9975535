/**
 * Language services the editor asks the engine for. They are not Engine API
 * endpoints (the docker client never calls them), so the composition root
 * leaves them out of the `/api/request/*` traffic the architecture view shows:
 * a lint on every pause in typing would drown the learner's real commands.
 */
import type { Diagnostic } from '../api/index.ts';
import { EngineError } from '../api/index.ts';
import { lintDockerfile } from './dockerfile/index.ts';

/** Method names served here; engine.ts skips request events for them. */
export const EDITOR_SERVICE_METHODS: ReadonlySet<string> = new Set(['lintDockerfile']);

export interface EditorServices {
  lintDockerfile(text: string): Promise<Diagnostic[]>;
}

export function editorServices(): EditorServices {
  return {
    async lintDockerfile(text: string) {
      if (typeof text !== 'string') throw new EngineError('InvalidParameter', 'lintDockerfile: text must be a string', { got: typeof text });
      return lintDockerfile(text);
    },
  };
}
