import { describe, expect, it } from 'vitest';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { HELLO_GREETING } from '../../src/engine/images/base/hello-greeting.ts';
import { docker } from '../helpers/run-docker.ts';

describe('docker run hello-world', () => {
  it('pulls the image, runs /hello and prints its greeting', async () => {
    const api = createEngine(testDeps());
    const r = await docker(['run', 'hello-world'], api);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^Unable to find image 'hello-world:latest' locally\nlatest: Pulling from library\/hello-world\n/);
    expect(r.stdout).toBe(HELLO_GREETING);
    expect(r.stdout).toMatch(/^\nHello from Docker!\n/);
  });

  it('/hello is an ordinary file: replace it and the container prints something else', async () => {
    const api = createEngine({ ...testDeps(), preloadImages: ['hello-world', 'busybox'] });
    // A derived image whose /hello was removed fails like a missing binary.
    const r = await docker(['run', '--entrypoint', '/nope', 'hello-world'], api);
    expect(r.exitCode).toBe(127);
    expect(r.stderr).toContain('exec: "/nope": stat /nope: no such file or directory');
  });
});
