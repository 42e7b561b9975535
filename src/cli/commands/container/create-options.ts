/**
 * From `docker run`/`docker create` flags to the create request, as docker/cli's
 * opts.go parse does: arguments after the image are Cmd, `--entrypoint ""`
 * is sent as given, `-e KEY` takes KEY from the client's environment (and is
 * dropped when unset there), `--env-file` lines are read on the client.
 */
import type { ContainerCreateOptions, HostConfigInput, RestartPolicy } from '../../../api/containers.ts';
import type { ParsedFlags } from '../../flags.ts';
import { flagBool, flagList, flagString } from '../../flags.ts';
import type { CliContext } from '../../io.ts';
import { getenv } from '../../io.ts';
import { SIMULATED_RUN_FLAGS } from './run-flags.ts';
import { exposedPorts, healthcheck, NetOptionError, parseMount, portBindings } from './net-options.ts';
import { labelMap } from '../network/shared.ts';

// The CLI's tsconfig has no DOM or Node types; every host provides TextDecoder.
declare class TextDecoder {
  decode(input?: Uint8Array): string;
}

/** A usage problem the CLI reports itself (docker/cli errors before any request). */
export class RunOptionsError extends Error {
  override readonly name = 'RunOptionsError';
}

export interface RunRequest {
  readonly create: ContainerCreateOptions;
  readonly detach: boolean;
  readonly interactive: boolean;
  readonly tty: boolean;
  readonly autoRemove: boolean;
}

function parseRestart(value: string): RestartPolicy {
  const [name = '', count] = value.split(':', 2);
  const known = ['', 'no', 'always', 'unless-stopped', 'on-failure'];
  if (!known.includes(name)) throw new RunOptionsError(`invalid restart policy format: unknown policy '${name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`);
  if (count !== undefined) {
    if (name !== 'on-failure') throw new RunOptionsError(`invalid restart policy format: maximum retry count can only be used with 'on-failure'`);
    if (!/^\d+$/.test(count)) throw new RunOptionsError(`invalid restart policy format: maximum retry count must be an integer`);
  }
  return { Name: name as RestartPolicy['Name'], MaximumRetryCount: count === undefined ? 0 : Number(count) };
}

/** `KEY=value` stays; bare `KEY` takes the client's value or is dropped (docker/cli opts.ValidateEnv). */
function envEntry(ctx: CliContext, raw: string): string | undefined {
  if (raw.includes('=')) {
    if (raw.startsWith('=')) throw new RunOptionsError(`invalid environment variable: ${raw}`);
    return raw;
  }
  const v = getenv(ctx, raw);
  return v === undefined ? undefined : `${raw}=${v}`;
}

function readEnvFile(ctx: CliContext, path: string): string[] {
  const files = (ctx as { files?: { readFile(p: string): Uint8Array } }).files;
  if (!files) throw new RunOptionsError(`open ${path}: reading host files is not available in this terminal`);
  let text: string;
  try {
    text = new TextDecoder().decode(files.readFile(path));
  } catch (e) {
    throw new RunOptionsError((e as Error).message);
  }
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const l = line.replace(/^\s+/, '');
    if (l === '' || l.startsWith('#')) continue;
    const e = envEntry(ctx, l);
    if (e !== undefined) out.push(e);
  }
  return out;
}

/** Builds the create request; throws RunOptionsError with docker's text for bad values. */
export function runRequest(ctx: CliContext, parsed: ParsedFlags, image: string, cmd: readonly string[]): RunRequest {
  for (const name of parsed.values.keys()) {
    if (!SIMULATED_RUN_FLAGS.has(name)) throw new RunOptionsError(`Layerlab: --${name} is not simulated yet`);
  }
  const detach = flagBool(parsed, 'detach');
  const interactive = flagBool(parsed, 'interactive');
  const tty = flagBool(parsed, 'tty');
  const autoRemove = flagBool(parsed, 'rm');
  const restart = parseRestart(flagString(parsed, 'restart') ?? 'no');
  if (autoRemove && restart.Name !== 'no' && restart.Name !== '') throw new RunOptionsError('conflicting options: cannot specify both --restart and --rm');
  const env: string[] = [];
  for (const f of flagList(parsed, 'env-file')) env.push(...readEnvFile(ctx, f));
  for (const e of flagList(parsed, 'env')) {
    const entry = envEntry(ctx, e);
    if (entry !== undefined) env.push(entry);
  }
  const labels = labelMap(flagList(parsed, 'label'));
  const stopTimeout = flagString(parsed, 'stop-timeout');
  const net = networkOptions(parsed);
  const entrypoint = flagString(parsed, 'entrypoint');
  const create: ContainerCreateOptions = {
    Image: image,
    ...(cmd.length > 0 ? { Cmd: cmd } : {}),
    ...(entrypoint !== undefined ? { Entrypoint: entrypoint } : {}),
    ...(flagString(parsed, 'name') !== undefined ? { name: flagString(parsed, 'name')! } : {}),
    ...(env.length > 0 ? { Env: env } : {}),
    ...(flagString(parsed, 'workdir') !== undefined ? { WorkingDir: flagString(parsed, 'workdir')! } : {}),
    ...(flagString(parsed, 'user') !== undefined ? { User: flagString(parsed, 'user')! } : {}),
    ...(flagString(parsed, 'hostname') !== undefined ? { Hostname: flagString(parsed, 'hostname')! } : {}),
    ...(Object.keys(labels).length > 0 ? { Labels: labels } : {}),
    ...(flagString(parsed, 'stop-signal') !== undefined ? { StopSignal: flagString(parsed, 'stop-signal')! } : {}),
    ...(stopTimeout !== undefined ? { StopTimeout: Number(stopTimeout) } : {}),
    Tty: tty,
    OpenStdin: interactive,
    AttachStdin: interactive && !detach,
    AttachStdout: !detach,
    AttachStderr: !detach,
    ...net.config,
    HostConfig: { AutoRemove: autoRemove, RestartPolicy: restart, ...net.hostConfig, ...privilegeOptions(parsed) },
  };
  return { create, detach, interactive, tty, autoRemove };
}

/** `--privileged`, `--cap-add`, `--cap-drop` (capability names as docker/cli normalises them: `CAP_SYS_ADMIN`, `ALL`). */
function privilegeOptions(parsed: ParsedFlags): HostConfigInput {
  const caps = (name: string) => flagList(parsed, name).map((c) => (c.toUpperCase() === 'ALL' ? 'ALL' : `CAP_${c.toUpperCase().replace(/^CAP_/, '')}`));
  const add = caps('cap-add');
  const drop = caps('cap-drop');
  return { ...(flagBool(parsed, 'privileged') ? { Privileged: true } : {}), ...(add.length ? { CapAdd: add } : {}), ...(drop.length ? { CapDrop: drop } : {}) };
}

/** The networking, volume and health parts of the create request (net-options.ts reads the values). */
function networkOptions(parsed: ParsedFlags): { config: Partial<ContainerCreateOptions>; hostConfig: HostConfigInput } {
  try {
    const network = flagString(parsed, 'network') ?? 'default';
    const aliases = flagList(parsed, 'network-alias');
    if (aliases.length > 0 && ['default', 'bridge', 'host', 'none'].includes(network)) {
      throw new NetOptionError('network-scoped aliases are only supported for user-defined networks');
    }
    const ip = flagString(parsed, 'ip');
    const ports = portBindings(flagList(parsed, 'publish'));
    const expose = exposedPorts(flagList(parsed, 'expose'));
    const mounts = flagList(parsed, 'mount').map(parseMount);
    for (const t of flagList(parsed, 'tmpfs')) mounts.push({ Type: 'tmpfs', Target: t.split(':')[0]! });
    const binds = flagList(parsed, 'volume');
    const volumesFrom = flagList(parsed, 'volumes-from');
    const health = healthcheck({
      cmd: flagString(parsed, 'health-cmd'),
      interval: flagString(parsed, 'health-interval'),
      timeout: flagString(parsed, 'health-timeout'),
      startPeriod: flagString(parsed, 'health-start-period'),
      startInterval: flagString(parsed, 'health-start-interval'),
      retries: flagString(parsed, 'health-retries'),
      none: flagBool(parsed, 'no-healthcheck'),
    });
    const endpoint = aliases.length > 0 || ip ? { [network]: { ...(aliases.length > 0 ? { Aliases: aliases } : {}), ...(ip ? { IPAMConfig: { IPv4Address: ip } } : {}) } } : undefined;
    return {
      config: {
        ...(Object.keys(expose).length > 0 ? { ExposedPorts: expose } : {}),
        ...(health ? { Healthcheck: health } : {}),
        ...(endpoint ? { NetworkingConfig: { EndpointsConfig: endpoint } } : {}),
      },
      hostConfig: {
        NetworkMode: network,
        ...(Object.keys(ports).length > 0 ? { PortBindings: ports } : {}),
        ...(flagBool(parsed, 'publish-all') ? { PublishAllPorts: true } : {}),
        ...(binds.length > 0 ? { Binds: binds } : {}),
        ...(mounts.length > 0 ? { Mounts: mounts } : {}),
        ...(volumesFrom.length > 0 ? { VolumesFrom: volumesFrom } : {}),
      },
    };
  } catch (e) {
    if (e instanceof NetOptionError) throw new RunOptionsError(e.message);
    throw e;
  }
}
