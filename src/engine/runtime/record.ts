/** A container as engine state: plain data, persisted under `records.containers`. */
import type { ContainerConfig, ContainerStatus } from '../../api/containers.ts';
import type { ContainerHostConfig } from './container.ts';
import type { LogEntry } from './log-buffer.ts';

/** One container in engine state (`records.containers`); its upper dir is a blob. */
export interface ContainerRecord {
  readonly id: string;
  readonly name: string;
  readonly created: number;
  readonly imageId: string;
  readonly config: ContainerConfig;
  readonly hostConfig: ContainerHostConfig;
  readonly path: string;
  readonly args: readonly string[];
  readonly chainIds: readonly string[];
  readonly imageSize: number;
  readonly status: ContainerStatus;
  readonly exitCode: number;
  readonly error: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly everStarted: boolean;
  readonly restartCount: number;
  readonly manuallyStopped: boolean;
  readonly logs: readonly LogEntry[];
  /** Key of the upper dir's tar in `blobs`, or null when it is empty. */
  readonly upper: string | null;
}
