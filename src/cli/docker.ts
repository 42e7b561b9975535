import type { CliRunOptions, EngineApi } from '../api/index.ts';
import { isEngineError } from '../api/index.ts';
import { ALL_COMMANDS, COMMON_COMMANDS, MANAGEMENT_COMMANDS, OTHER_COMMANDS, SWARM_COMMANDS, type CatalogueEntry } from './catalogue.ts';
import { CLIENT } from './client-info.ts';
import { argsUsageHint, checkArgs, commandHelp, usageHint, type CommandSpec } from './command.ts';
import { historyTopCommand, imageHistoryCommand } from './commands/history.ts';
import { imageInspectCommand } from './commands/image-inspect.ts';
import { IMAGE_GROUP, runManagementGroup } from './commands/image/management.ts';
import { imagePruneCommand } from './commands/image-prune.ts';
import { imageLsCommand, imagesTopCommand } from './commands/images.ts';
import { infoCommand } from './commands/info.ts';
import { inspectCommand } from './commands/inspect.ts';
import { imageLoadCommand, loadTopCommand } from './commands/load.ts';
import { imageRmCommand, rmiTopCommand } from './commands/rmi.ts';
import { imageSaveCommand, saveTopCommand } from './commands/save.ts';
import { imageTagCommand, tagTopCommand } from './commands/tag.ts';
import { imagePullCommand, pullTopCommand } from './commands/pull.ts';
import { buildTopCommand, builderBuildCommand, imageBuildCommand } from './commands/build/build.ts';
import { builderPruneCommand } from './commands/build/builder-prune.ts';
import { BUILDER_GROUP } from './commands/build/builder-group.ts';
import { imagePushCommand, pushTopCommand } from './commands/push.ts';
import { searchCommand } from './commands/search.ts';
import { loginCommand } from './commands/login.ts';
import { logoutCommand } from './commands/logout.ts';
import { attachCommand } from './commands/attach.ts';
import { commitCommand } from './commands/commit.ts';
import { containerInspectCommand } from './commands/container-inspect.ts';
import { containerPruneCommand } from './commands/container-prune.ts';
import { createCommand } from './commands/create.ts';
import { diffCommand } from './commands/diff.ts';
import { execCommand } from './commands/exec.ts';
import { killCommand } from './commands/kill.ts';
import { logsCommand } from './commands/logs.ts';
import { containerLsCommand, psTopCommand } from './commands/ps.ts';
import { pauseCommand, unpauseCommand } from './commands/pause.ts';
import { portCommand } from './commands/port.ts';
import { renameCommand } from './commands/rename.ts';
import { restartCommand } from './commands/restart.ts';
import { rmCommand } from './commands/rm.ts';
import { runCommand as runContainerCommand } from './commands/run.ts';
import { startCommand } from './commands/start.ts';
import { stopCommand } from './commands/stop.ts';
import { topCommand } from './commands/top.ts';
import { waitCommand } from './commands/wait.ts';
import { versionCommand } from './commands/version.ts';
import { containerCpCommand, cpTopCommand } from './commands/cp.ts';
import { eventsTopCommand, systemEventsCommand } from './commands/events.ts';
import { containerExportCommand, exportTopCommand } from './commands/export.ts';
import { imageImportCommand, importTopCommand } from './commands/import.ts';
import { containerStatsCommand, statsTopCommand } from './commands/stats.ts';
import { systemDfCommand } from './commands/system-df.ts';
import { systemPruneCommand } from './commands/system-prune.ts';
import { SYSTEM_GROUP } from './commands/system-group.ts';
import {
  NETWORK_GROUP,
  networkConnectCommand,
  networkCreateCommand,
  networkDisconnectCommand,
  networkInspectCommand,
  networkLsCommand,
  networkPruneCommand,
  networkRmCommand,
} from './commands/network/network.ts';
import { VOLUME_GROUP, volumeCreateCommand, volumeInspectCommand, volumeLsCommand, volumePruneCommand, volumeRmCommand } from './commands/network/volume.ts';
import { FlagError, flagUsages, parseFlags, type FlagSpec } from './flags.ts';
import type { CliContext, CliFiles, CliInput, CliInterrupts, CliOutput } from './io.ts';

/** The commands Layerlab implements, by name (and alias path); completion reads their flags. */
export const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map([
  ['version', versionCommand],
  ['info', infoCommand],
  ['system info', infoCommand],
  ['images', imagesTopCommand],
  ['image ls', imageLsCommand],
  ['image list', imageLsCommand],
  ['history', historyTopCommand],
  ['image history', imageHistoryCommand],
  ['inspect', inspectCommand],
  ['image inspect', imageInspectCommand],
  ['tag', tagTopCommand],
  ['image tag', imageTagCommand],
  ['rmi', rmiTopCommand],
  ['image rm', imageRmCommand],
  ['image remove', imageRmCommand],
  ['image prune', imagePruneCommand],
  ['save', saveTopCommand],
  ['image save', imageSaveCommand],
  ['load', loadTopCommand],
  ['image load', imageLoadCommand],
  ['build', buildTopCommand],
  ['image build', imageBuildCommand],
  ['builder build', builderBuildCommand],
  ['builder prune', builderPruneCommand],
  ['pull', pullTopCommand],
  ['image pull', imagePullCommand],
  ['push', pushTopCommand],
  ['image push', imagePushCommand],
  ['search', searchCommand],
  ['login', loginCommand],
  ['logout', logoutCommand],
  ['run', runContainerCommand],
  ['container run', runContainerCommand],
  ['create', createCommand],
  ['container create', createCommand],
  ['start', startCommand],
  ['container start', startCommand],
  ['ps', psTopCommand],
  ['container ls', containerLsCommand],
  ['container list', containerLsCommand],
  ['container ps', containerLsCommand],
  ['logs', logsCommand],
  ['container logs', logsCommand],
  ['stop', stopCommand],
  ['container stop', stopCommand],
  ['restart', restartCommand],
  ['container restart', restartCommand],
  ['kill', killCommand],
  ['container kill', killCommand],
  ['rm', rmCommand],
  ['container rm', rmCommand],
  ['container remove', rmCommand],
  ['exec', execCommand],
  ['container exec', execCommand],
  ['wait', waitCommand],
  ['container wait', waitCommand],
  ['diff', diffCommand],
  ['container diff', diffCommand],
  ['rename', renameCommand],
  ['container rename', renameCommand],
  ['top', topCommand],
  ['container top', topCommand],
  ['attach', attachCommand],
  ['container attach', attachCommand],
  ['container inspect', containerInspectCommand],
  ['pause', pauseCommand],
  ['container pause', pauseCommand],
  ['unpause', unpauseCommand],
  ['container unpause', unpauseCommand],
  ['port', portCommand],
  ['commit', commitCommand],
  ['container commit', commitCommand],
  ['container prune', containerPruneCommand],
  ['container port', portCommand],
  ['network create', networkCreateCommand],
  ['network ls', networkLsCommand],
  ['network list', networkLsCommand],
  ['network inspect', networkInspectCommand],
  ['network rm', networkRmCommand],
  ['network remove', networkRmCommand],
  ['network connect', networkConnectCommand],
  ['network disconnect', networkDisconnectCommand],
  ['network prune', networkPruneCommand],
  ['volume create', volumeCreateCommand],
  ['volume ls', volumeLsCommand],
  ['volume list', volumeLsCommand],
  ['volume inspect', volumeInspectCommand],
  ['volume rm', volumeRmCommand],
  ['volume remove', volumeRmCommand],
  ['volume prune', volumePruneCommand],
  ['export', exportTopCommand],
  ['container export', containerExportCommand],
  ['import', importTopCommand],
  ['image import', imageImportCommand],
  ['cp', cpTopCommand],
  ['container cp', containerCpCommand],
  ['stats', statsTopCommand],
  ['container stats', containerStatsCommand],
  ['events', eventsTopCommand],
  ['system events', systemEventsCommand],
  ['system df', systemDfCommand],
  ['system prune', systemPruneCommand],
]);

/** docker's global options (cli/flags/options.go), for help and parsing before the command. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'config', kind: 'string', usage: 'Location of client config files', defaultValue: '/home/learner/.docker' },
  { name: 'context', shorthand: 'c', kind: 'string', usage: 'Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with "docker context use")' },
  { name: 'debug', shorthand: 'D', kind: 'bool', usage: 'Enable debug mode' },
  { name: 'host', shorthand: 'H', kind: 'list', usage: 'Daemon socket to connect to' },
  { name: 'log-level', shorthand: 'l', kind: 'string', usage: 'Set the logging level ("debug", "info", "warn", "error", "fatal")', defaultValue: 'info' },
  { name: 'tls', kind: 'bool', usage: 'Use TLS; implied by --tlsverify' },
  { name: 'tlscacert', kind: 'string', usage: 'Trust certs signed only by this CA', defaultValue: '/home/learner/.docker/ca.pem' },
  { name: 'tlscert', kind: 'string', usage: 'Path to TLS certificate file', defaultValue: '/home/learner/.docker/cert.pem' },
  { name: 'tlskey', kind: 'string', usage: 'Path to TLS key file', defaultValue: '/home/learner/.docker/key.pem' },
  { name: 'tlsverify', kind: 'bool', usage: 'Use TLS and verify the remote' },
  { name: 'version', shorthand: 'v', kind: 'bool', usage: 'Print version information and quit' },
];

function group(title: string, entries: readonly CatalogueEntry[]): string {
  return `${title}:\n${entries.map((e) => `  ${e.name.padEnd(11)} ${e.short}\n`).join('')}`;
}

/** `docker --help`. */
export function rootHelp(columns = 80): string {
  return [
    'Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n',
    group('Common Commands', COMMON_COMMANDS),
    group('Management Commands', MANAGEMENT_COMMANDS),
    group('Swarm Commands', SWARM_COMMANDS),
    group('Commands', OTHER_COMMANDS),
    `Global Options:\n${flagUsages(GLOBAL_FLAGS, columns - 1)}`,
    "Run 'docker COMMAND --help' for more information on a command.\n\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/\n",
  ].join('\n');
}

/** Options for one invocation of the `docker` command. */
export interface RunDockerOptions extends CliRunOptions {
  readonly api: EngineApi;
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /** Host files for `save -o` / `load -i` (Node); absent in the tab. */
  readonly files?: CliFiles;
  /** The keyboard for `run -i`, `exec -i`, `attach`; absent = stdin closed at once. */
  readonly stdin?: CliInput;
  /** Ctrl-C while the command runs (`docker build` cancels the build). */
  readonly interrupts?: CliInterrupts;
  /** The host path of config.json, with `files` (see CliContext.configFile). */
  readonly configFile?: string;
}

/**
 * Run `docker <argv…>` and return its exit status. Writes go to stdout/stderr;
 * engine errors print as docker prints daemon errors (`Error response from
 * daemon: …`), usage errors as cobra does, with docker's exit codes.
 */
export async function runDocker(argv: readonly string[], options: RunDockerOptions): Promise<number> {
  const ctx: CliContext = options;
  const columns = options.columns ?? 80;
  // Global flags come before the command name (pflag with interspersed=false at the root).
  let globals;
  try {
    globals = parseFlags(argv, [...GLOBAL_FLAGS, { name: 'help', kind: 'bool', usage: '' }], false);
  } catch (err) {
    if (err instanceof FlagError) {
      ctx.stderr.write(`${err.message}\nSee 'docker --help'.\n`);
      return 125;
    }
    throw err;
  }
  if (globals.values.get('version')?.at(-1) === 'true') {
    ctx.stdout.write(`Docker version ${CLIENT.version}, build ${CLIENT.gitCommit}\n`);
    return 0;
  }
  const [name, ...rest] = globals.args;
  if (name === undefined || name === 'help') {
    (globals.values.has('help') || name === 'help' ? ctx.stdout : ctx.stderr).write(rootHelp(columns));
    return 0;
  }
  let cmd = COMMANDS.get(name);
  let args = rest;
  if (!cmd && rest.length > 0 && COMMANDS.has(`${name} ${rest[0]}`)) {
    cmd = COMMANDS.get(`${name} ${rest[0]}`);
    args = rest.slice(1);
  }
  if (!cmd && name === IMAGE_GROUP.name) return runManagementGroup(IMAGE_GROUP, rest, ctx);
  if (!cmd && name === SYSTEM_GROUP.name) return runManagementGroup(SYSTEM_GROUP, rest, ctx);
  if (!cmd && name === NETWORK_GROUP.name) return runManagementGroup(NETWORK_GROUP, rest, ctx);
  if (!cmd && name === VOLUME_GROUP.name) return runManagementGroup(VOLUME_GROUP, rest, ctx);
  if (!cmd && name === BUILDER_GROUP.name) return runManagementGroup(BUILDER_GROUP, rest, ctx);
  if (!cmd) {
    if (ALL_COMMANDS.some((c) => c.name === name)) {
      ctx.stderr.write(`docker ${name}: not simulated in Layerlab yet.\n`);
      return 1;
    }
    ctx.stderr.write(`docker: unknown command: docker ${argv.join(' ')}\n\nRun 'docker --help' for more information\n`);
    return 1;
  }
  return runCommand(cmd, args, ctx, columns);
}

async function runCommand(cmd: CommandSpec, argv: readonly string[], ctx: CliContext, columns: number): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(argv, [...cmd.flags, { name: 'help', kind: 'bool', usage: 'Print usage' }], cmd.interspersed ?? true);
  } catch (err) {
    if (err instanceof FlagError) {
      ctx.stderr.write(`${err.message}\n${usageHint(cmd)}`);
      return 125;
    }
    throw err;
  }
  if (parsed.values.get('help')?.at(-1) === 'true') {
    ctx.stdout.write(commandHelp(cmd, columns));
    return 0;
  }
  const argError = checkArgs(cmd, parsed.args);
  if (argError) {
    ctx.stderr.write(`${argError}\n${argsUsageHint(cmd)}`);
    return 1;
  }
  try {
    return await cmd.run(ctx, parsed);
  } catch (err) {
    if (isEngineError(err)) {
      ctx.stderr.write(`Error response from daemon: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
