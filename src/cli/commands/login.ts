/**
 * `docker login [SERVER]`: the daemon checks the credentials (`POST /auth`),
 * the client stores them in its config.json as base64 `user:password` and
 * prints docker's warning that they are stored unencrypted (loginMessages).
 * Without `-u`, docker prompts on a terminal; Layerlab has no prompt yet.
 */
import { login, loginMessages } from '../../engine/registry/cli-text.ts';
import { configFilePath, loadConfig, saveConfig } from '../client-config.ts';
import type { CommandSpec } from '../command.ts';
import { flagBool, flagString } from '../flags.ts';
import { readAll } from '../io.ts';


export const loginCommand: CommandSpec = {
  name: 'login',
  use: '[OPTIONS] [SERVER]',
  short: 'Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.',
  args: { kind: 'max', n: 1 },
  flags: [
    { name: 'password', shorthand: 'p', kind: 'string', usage: 'Password or Personal Access Token (PAT)' },
    { name: 'password-stdin', kind: 'bool', usage: 'Take the Password or Personal Access Token (PAT) from stdin' },
    { name: 'username', shorthand: 'u', kind: 'string', usage: 'Username' },
  ],
  async run(ctx, parsed) {
    const server = parsed.args[0] ?? '';
    const username = flagString(parsed, 'username')?.trim() ?? '';
    let password = flagString(parsed, 'password');
    const fromStdin = flagBool(parsed, 'password-stdin');
    if (password !== undefined) {
      ctx.stderr.write('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
      if (fromStdin) {
        ctx.stderr.write('--password and --password-stdin are mutually exclusive\n');
        return 1;
      }
    }
    if (fromStdin) {
      if (username === '') {
        ctx.stderr.write('Must provide --username with --password-stdin\n');
        return 1;
      }
      // docker trims the trailing newline(s) of the piped password.
      password = ctx.stdin ? (await readAll(ctx.stdin)).replace(/[\r\n]+$/, '') : '';
    }
    if (username === '' || password === undefined) {
      // docker would prompt for what is missing on a terminal.
      ctx.stderr.write('Layerlab: interactive login is not simulated yet; use docker login -u USER -p PASSWORD (or --password-stdin)\n');
      return 1;
    }
    await ctx.api.systemAuth({ username, password, serveraddress: server });
    saveConfig(ctx, login(loadConfig(ctx), server, username, password));
    const messages = loginMessages(configFilePath(ctx));
    ctx.stderr.write(`${messages.stderr.join('\n')}\n`);
    ctx.stdout.write(`${messages.stdout.join('\n')}\n`);
    return 0;
  },
};
