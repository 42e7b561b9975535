/**
 * hello-world:latest — one layer holding /hello, `CMD ["/hello"]`.
 *
 * /hello is a userspace "binary" in the binfmt format the userspace execs
 * (ELF magic, then the marker line `layerlab-applet hello`), followed by the
 * greeting as its payload. Running it is the runtime's job (containers
 * issue): a `hello` applet writes the bytes after the two header lines to
 * stdout and exits 0, so the text lives in the image, as in the real binary.
 */
import { appendHistory, appendLayer, emptyImage, withConfig, withMeta } from '../mutate.ts';
import { HELLO_GREETING } from './hello-greeting.ts';
import { DEFAULT_PATH, at } from './recipe.ts';
import type { BaseImageRecipe } from './recipe.ts';
import { EMPTY_TREE, buildLayer } from './tree.ts';
import { utf8Encode } from '../../fs/utf8.ts';

const CREATED = '2025-08-13T22:18:57Z';
const utf8 = { encode: utf8Encode };

/** /hello: the applet header the userspace recognises, then the greeting. */
export function helloBinary(appletHeader: Uint8Array): Uint8Array {
  const text = utf8.encode(HELLO_GREETING);
  const out = new Uint8Array(appletHeader.length + text.length);
  out.set(appletHeader);
  out.set(text, appletHeader.length);
  return out;
}

export const helloWorld: BaseImageRecipe = {
  repository: 'hello-world',
  tags: ['latest', 'linux'],
  description: 'Hello World! (an example of minimal Dockerization)',
  async build({ tools, content }) {
    const { layer } = await buildLayer(EMPTY_TREE, at(CREATED), content, (t) => {
      t.file('/hello', helloBinary(tools.appletBinary('hello')), 0o775);
    });
    let image = withMeta(emptyImage(), { created: CREATED });
    // Simplification: the real static binary is 10.1 kB; ours is the greeting plus a header.
    image = appendLayer(image, layer, { created: CREATED, created_by: 'COPY hello / # buildkit', comment: 'buildkit.dockerfile.v0' }, { reportedSize: 10_072 });
    image = withConfig(image, { Env: [DEFAULT_PATH], Cmd: ['/hello'] });
    return appendHistory(image, { created: CREATED, created_by: 'CMD ["/hello"]', comment: 'buildkit.dockerfile.v0' });
  },
};
