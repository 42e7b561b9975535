/**
 * The ContainerApi methods over one ContainerRuntime: what the composition
 * root spreads into EngineApi. Thin on purpose; the rules live in runtime.ts.
 */
import type { ContainerApi } from '../../api/containers.ts';
import type { ContainerRuntime } from './runtime.ts';

/** The Engine API endpoint of each method, for the architecture view. */
export const CONTAINER_ENDPOINTS: Readonly<Record<keyof ContainerApi, string>> = {
  containerCreate: 'POST /containers/create',
  containerStart: 'POST /containers/{id}/start',
  containerStop: 'POST /containers/{id}/stop',
  containerRestart: 'POST /containers/{id}/restart',
  containerKill: 'POST /containers/{id}/kill',
  containerRemove: 'DELETE /containers/{id}',
  containerPause: 'POST /containers/{id}/pause',
  containerUnpause: 'POST /containers/{id}/unpause',
  containerPrune: 'POST /containers/prune',
  containerRename: 'POST /containers/{id}/rename',
  containerWait: 'POST /containers/{id}/wait',
  containerList: 'GET /containers/json',
  containerInspect: 'GET /containers/{id}/json',
  containerChanges: 'GET /containers/{id}/changes',
  containerTop: 'GET /containers/{id}/top',
  containerLogs: 'GET /containers/{id}/logs',
  containerAttach: 'POST /containers/{id}/attach',
  streamInput: 'POST /containers/{id}/attach (stdin)',
  streamClose: 'POST /containers/{id}/attach (detach)',
  containerCommit: 'POST /commit',
  execCreate: 'POST /containers/{id}/exec',
  execStart: 'POST /exec/{id}/start',
  execInspect: 'GET /exec/{id}/json',
};

/** `docker commit` needs the image store as well, so the composition root supplies it. */
export type CommitFn = ContainerApi['containerCommit'];

export function containerApi(runtime: () => Promise<ContainerRuntime>, commit: CommitFn): ContainerApi {
  return {
    containerCommit: commit,
    async containerCreate(options) {
      return (await runtime()).create(options);
    },
    async containerStart(id) {
      return (await runtime()).start(id);
    },
    async containerStop(id, options) {
      return (await runtime()).stop(id, options);
    },
    async containerRestart(id, options) {
      return (await runtime()).restart(id, options);
    },
    async containerKill(id, signal) {
      return (await runtime()).kill(id, signal);
    },
    async containerRemove(id, options) {
      return (await runtime()).remove(id, options);
    },
    async containerPause(id) {
      return (await runtime()).pause(id);
    },
    async containerUnpause(id) {
      return (await runtime()).unpause(id);
    },
    async containerPrune(options) {
      return (await runtime()).prune(options?.filters ?? {});
    },
    async containerRename(id, name) {
      return (await runtime()).rename(id, name);
    },
    async containerWait(id, condition) {
      return (await runtime()).wait(id, condition);
    },
    async containerList(options) {
      const r = await runtime();
      await r.resolveAncestors(options?.filters);
      return r.list(options);
    },
    async containerInspect(id, options) {
      return (await runtime()).inspect(id, options?.size ?? false);
    },
    async containerChanges(id) {
      return (await runtime()).changes(id);
    },
    async containerTop(id) {
      return (await runtime()).top(id);
    },
    async containerLogs(id, options, onOutput) {
      return (await runtime()).logs(id, options, onOutput);
    },
    async containerAttach(id, options, onOutput) {
      return (await runtime()).attach(id, options, onOutput);
    },
    async streamInput(streamId, data) {
      return (await runtime()).streamInput(streamId, data);
    },
    async streamClose(streamId) {
      (await runtime()).streamClose(streamId);
    },
    async execCreate(id, options) {
      return (await runtime()).execCreate(id, options);
    },
    async execStart(execId, options, onOutput) {
      return (await runtime()).execStart(execId, options, onOutput);
    },
    async execInspect(execId) {
      return (await runtime()).execInspect(execId);
    },
  };
}
