import { cat } from './cat.ts';
import { defineApplet } from './registry.ts';

/**
 * less / more: pagers. Simplification: no paging, in a terminal too: the
 * text is copied out as cat does (the tab's terminal scrolls back instead).
 */
for (const name of ['less', 'more']) {
  defineApplet(name, (io, argv) => cat(io, [argv[0]!, ...argv.slice(1).filter((a) => !/^-[A-Za-z~]+$/.test(a) && !a.startsWith('+'))]));
}

/** vi is out of scope: say so, and how to edit files instead. */
export const vi = defineApplet('vi', async (io) => {
  await io.err("not available in Layerlab's BusyBox: edit files with the editor pane, or write them with sed -i, echo or cat <<EOF");
  return 1;
});
