/**
 * Where `docker save` and `docker export` write their tar: a host file
 * (`-o`). Without `-o` docker streams to stdout, refusing a terminal
 * ("cowardly refusing…"). Simplification: command output here is text, so a
 * tar always needs a file; a host without files cannot take one.
 */
import type { CliContext } from '../io.ts';

/**
 * Writes the tar `produce` makes to `output`; prints docker's (or
 * Layerlab's) reason and returns 1 when it cannot. `failure` prefixes a
 * write error, as docker/cli wraps it (`failed to save image`).
 */
export async function writeArchive(ctx: CliContext, command: string, output: string, failure: string, produce: () => Promise<Uint8Array>): Promise<number> {
  if (output === '') {
    ctx.stderr.write(ctx.isTTY ? 'cowardly refusing to save to a terminal. Use the -o flag or redirect\n' : `Layerlab: docker ${command} can only write to a file here; use -o FILE\n`);
    return 1;
  }
  if (!ctx.files) {
    ctx.stderr.write(`Layerlab: this terminal has no host files yet; docker ${command} -o works in \`layerlab docker\`\n`);
    return 1;
  }
  const tar = await produce();
  try {
    ctx.files.writeFile(output, tar);
  } catch (e) {
    ctx.stderr.write(`${failure}: ${(e as Error).message}\n`);
    return 1;
  }
  return 0;
}
