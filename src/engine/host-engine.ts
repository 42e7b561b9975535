import type { EngineApi } from '../api/index.ts';
import { createEngine } from './engine.ts';
import type { CreateEngineOptions } from './engine.ts';
import type { EngineInternals } from './internals.ts';
import { DockerHost } from './host/docker-host.ts';
import type { Program } from './userspace/process/process.ts';

/**
 * An engine with its simulated Docker host: the API, and the host whose
 * terminal session, /var/lib/docker and /proc read the same engine's live
 * state. `programs` gives the host the programs only the composer can make
 * (`docker`: the CLI over `api`).
 */
export function createEngineWithHost(
  options: CreateEngineOptions,
  programs: (api: EngineApi) => ReadonlyMap<string, Program>,
): { api: EngineApi; host: DockerHost } {
  let internals: EngineInternals | undefined;
  const api = createEngine({ ...options, attach: (i) => (internals = i) });
  if (!internals) throw new Error('createEngine did not attach its internals');
  const host = new DockerHost({ ...internals, programs: programs(api) });
  return { api, host };
}
