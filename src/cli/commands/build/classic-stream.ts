/**
 * The classic builder's output (`DOCKER_BUILDKIT=0`): the text dockerd sends
 * in `{"stream": …}` messages of `POST /build`, made from the engine's step
 * messages. Used by `docker build` (printed to stdout) and by the Engine
 * API server (sent as the stream), so there is one renderer.
 *
 *     Step 2/3 : RUN echo hi
 *      ---> Running in 0b0e6f2a1c3d
 *     hi
 *      ---> Removed intermediate container 0b0e6f2a1c3d
 *      ---> 9a8b7c6d5e4f
 */
import type { BuildProgress } from '../../../api/build.ts';

const short = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

export class ClassicStream {
  private container: string | undefined;

  /** The stream texts for a batch, in order. */
  feed(batch: readonly BuildProgress[]): string[] {
    const out: string[] = [];
    for (const m of batch) {
      switch (m.kind) {
        case 'vertex-started':
          out.push(`${m.vertex.name}\n`);
          break;
        case 'step-container':
          this.container = short(m.containerId);
          out.push(` ---> Running in ${this.container}\n`);
          break;
        case 'vertex-log':
          out.push(m.text.endsWith('\n') ? m.text : `${m.text}\n`);
          break;
        case 'vertex-cached':
          out.push(' ---> Using cache\n');
          break;
        case 'step-image':
          if (this.container) out.push(` ---> Removed intermediate container ${this.container}\n`);
          this.container = undefined;
          out.push(` ---> ${short(m.imageId)}\n`);
          break;
        case 'warning':
          out.push(`${m.text}\n`);
          break;
      }
    }
    return out;
  }

  /** The lines after a successful build. */
  static success(imageId: string, tags: readonly string[]): string[] {
    return [`Successfully built ${short(imageId)}\n`, ...tags.map((t) => `Successfully tagged ${familiar(t)}\n`)];
  }
}

/** `docker.io/library/t:latest` → `t:latest` (what the classic builder prints). */
export function familiar(name: string): string {
  return name.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '');
}
