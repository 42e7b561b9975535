import type { AppletIO } from './applet-io.ts';

/** All lines of the given files (stdin for none or '-'), and whether any file failed to open. */
export async function readAllLines(io: AppletIO, files: readonly string[]): Promise<{ lines: string[]; failed: boolean }> {
  const lines: string[] = [];
  let failed = false;
  for (const f of files.length ? files : ['-']) {
    try {
      for await (const l of io.lines(f)) lines.push(l);
    } catch (e) {
      await io.fsErr(f, e);
      failed = true;
    }
  }
  return { lines, failed };
}
