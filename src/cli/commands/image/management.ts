/**
 * `docker image` itself: a management command that only groups subcommands.
 * Without one it prints its help (to stderr, as cobra does for a bare group;
 * `--help` to stdout); an unknown subcommand is docker's usage error. The list
 * is docker 28's, including subcommands Layerlab does not simulate yet.
 */
import type { CliContext } from '../../io.ts';

export interface ManagementGroup {
  readonly name: string;
  readonly short: string;
  readonly commands: readonly { readonly name: string; readonly short: string }[];
}

export const IMAGE_GROUP: ManagementGroup = {
  name: 'image',
  short: 'Manage images',
  commands: [
    { name: 'build', short: 'Build an image from a Dockerfile' },
    { name: 'history', short: 'Show the history of an image' },
    { name: 'import', short: 'Import the contents from a tarball to create a filesystem image' },
    { name: 'inspect', short: 'Display detailed information on one or more images' },
    { name: 'load', short: 'Load an image from a tar archive or STDIN' },
    { name: 'ls', short: 'List images' },
    { name: 'prune', short: 'Remove unused images' },
    { name: 'pull', short: 'Download an image from a registry' },
    { name: 'push', short: 'Upload an image to a registry' },
    { name: 'rm', short: 'Remove one or more images' },
    { name: 'save', short: 'Save one or more images to a tar archive (streamed to STDOUT by default)' },
    { name: 'tag', short: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE' },
  ],
};

export function managementHelp(g: ManagementGroup): string {
  const rows = g.commands.map((c) => `  ${c.name.padEnd(11)} ${c.short}\n`).join('');
  return `Usage:  docker ${g.name} COMMAND\n\n${g.short}\n\nCommands:\n${rows}\nRun 'docker ${g.name} COMMAND --help' for more information on a command.\n`;
}

const usage = (g: ManagementGroup) => `\nUsage:  docker ${g.name}\n\nRun 'docker ${g.name} --help' for more information\n`;

/**
 * `docker <group> [args]` when no implemented subcommand matched. Returns
 * the exit status: 0 for help, 1 for an unknown or not yet simulated
 * subcommand, 125 for a flag error.
 */
export function runManagementGroup(g: ManagementGroup, args: readonly string[], ctx: CliContext): number {
  // pflag: `--` ends the flags, and a lone `-` is an argument.
  const [first] = args[0] === '--' ? args.slice(1) : args;
  if (first === undefined) {
    ctx.stderr.write(managementHelp(g));
    return 0;
  }
  if (first === '--help' || first === '-h') {
    ctx.stdout.write(managementHelp(g));
    return 0;
  }
  if (first.startsWith('-') && first !== '-' && args[0] !== '--') {
    const flag = first.startsWith('--') ? `unknown flag: ${first.split('=')[0]}` : `unknown shorthand flag: '${first[1]}' in ${first}`;
    ctx.stderr.write(`${flag}\n${usage(g)}`);
    return 125;
  }
  if (g.commands.some((c) => c.name === first)) {
    ctx.stderr.write(`docker ${g.name} ${first}: not simulated in Layerlab yet.\n`);
    return 1;
  }
  ctx.stderr.write(`docker: unknown command: docker ${g.name} ${first}\n${usage(g)}`);
  return 1;
}
