/** `docker logout [SERVER]`: removes the server's credentials from the client's config.json (the daemon is not asked). */
import { logout, logoutMessage } from '../../engine/registry/cli-text.ts';
import { loadConfig, saveConfig } from '../client-config.ts';
import type { CommandSpec } from '../command.ts';

export const logoutCommand: CommandSpec = {
  name: 'logout',
  use: '[SERVER]',
  short: 'Log out from a registry.\nIf no server is specified, the default is defined by the daemon.',
  args: { kind: 'max', n: 1 },
  flags: [],
  async run(ctx, parsed) {
    const out = logout(loadConfig(ctx), parsed.args[0] ?? '');
    if (out.removed) saveConfig(ctx, out.config);
    ctx.stdout.write(`${logoutMessage(out.key)}\n`);
    return 0;
  },
};
