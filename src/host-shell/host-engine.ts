/**
 * The composition of "engine + simulated Docker host + `docker` on it",
 * shared by the browser worker and the Node host (`layerlab host`): the
 * engine cannot import the CLI, so the CLI is handed to the host here as its
 * `docker` program, and docker lines are completed by the CLI's own specs.
 */
import type { CompletionResult, EngineApi } from '../api/index.ts';
import { completeDockerLine } from '../cli/index.ts';
import type { CreateEngineOptions } from '../engine/engine.ts';
import { createEngineWithHost } from '../engine/host-engine.ts';
import type { DockerHost } from '../engine/host/docker-host.ts';
import type { Process } from '../engine/userspace/process/process.ts';
import { daemonView } from './daemon-view.ts';
import { dockerProgram } from './docker-program.ts';
import type { TerminalSize } from './docker-program.ts';

export interface HostEngine {
  readonly api: EngineApi;
  readonly host: DockerHost;
  /** The terminal's width, set by the prompt before each line. */
  readonly terminal: TerminalSize;
}

export function createHostEngine(options: CreateEngineOptions, docker: { configFile?: (proc: Process) => string | undefined } = {}): HostEngine {
  const terminal: TerminalSize = { columns: 80 };
  let hostRef: DockerHost | undefined;
  const { api, host } = createEngineWithHost(options, (engine) => new Map([['docker', dockerProgram(daemonView(engine, () => hostRef!), terminal, docker)]]));
  hostRef = host;
  return { api, host, terminal };
}

/**
 * Completion for a line at the host prompt: inside a `docker …` command
 * (also after `sudo`), the CLI's commands, flags, images and containers;
 * elsewhere the host's commands and files.
 */
export async function completeTerminalLine(e: HostEngine, line: string, cursor: number): Promise<CompletionResult> {
  if (typeof line !== 'string' || !Number.isInteger(cursor) || cursor < 0 || cursor > line.length) return { from: 0, to: 0, candidates: [] };
  // The simple command the cursor is in: after the last `;`, `|`, `&` or `(` before it.
  let start = cursor;
  while (start > 0 && !/[;&|(]/.test(line[start - 1]!)) start--;
  const head = /^\s*(sudo\s+)?/.exec(line.slice(start))![0].length;
  const segment = line.slice(start + head);
  if (/^docker(\s|$)/.test(segment) && cursor >= start + head + 'docker'.length) {
    const offset = start + head;
    const r = await completeDockerLine(segment, cursor - offset, async (kind) => {
      try {
        if (kind === 'image') return (await e.api.imageList()).flatMap((i) => i.RepoTags).filter((t) => t !== '<none>:<none>');
        return (await e.api.containerList({ all: true })).flatMap((c) => c.Names.map((n) => n.replace(/^\//, '')));
      } catch {
        return [];
      }
    });
    // The CLI completes commands and flags; an argument it has nothing for may be a file (`docker build ./ctx`, `load -i x.tar`).
    if (r.candidates.length > 0) return { from: r.from + offset, to: r.to + offset, candidates: r.candidates };
  }
  return e.host.session.complete(line, cursor);
}
