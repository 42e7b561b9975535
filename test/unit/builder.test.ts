/**
 * docker build in the engine: instructions, the cache and its reasons,
 * multi-stage builds, failures. Each test builds on a fresh deterministic
 * engine with busybox preloaded.
 */
import { describe, expect, it } from 'vitest';
import type { BuildContextEntry, BuildFailureData, EngineApi, ImageBuildOptions } from '../../src/api/index.ts';
import { isEngineError } from '../../src/api/index.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { docker } from '../helpers/run-docker.ts';

function engine(): EngineApi {
  return createEngine({ ...testDeps(), preloadImages: ['busybox'] });
}

function ctx(files: Record<string, string>): BuildContextEntry[] {
  return Object.entries(files).map(([path, data]) => ({ path, type: 'file' as const, data }));
}

async function build(api: EngineApi, files: Record<string, string>, opts: Partial<ImageBuildOptions> = {}) {
  return api.imageBuild({ context: ctx(files), tags: ['t'], ...opts });
}

async function run(api: EngineApi, image: string, ...cmd: string[]): Promise<string> {
  const r = await docker(['run', '--rm', image, ...cmd], api);
  return r.stdout + r.stderr;
}

async function failure(p: Promise<unknown>): Promise<{ message: string; data: BuildFailureData }> {
  try {
    await p;
  } catch (e) {
    if (isEngineError(e)) return { message: e.message, data: e.data as unknown as BuildFailureData };
    throw e;
  }
  throw new Error('the build did not fail');
}

describe('instructions', () => {
  it('COPY, WORKDIR, RUN, ENV and CMD make the image a container runs', async () => {
    const api = engine();
    await build(api, {
      Dockerfile: 'FROM busybox\nENV GREETING=hello\nWORKDIR /app\nCOPY msg.txt .\nRUN echo "$GREETING from $(pwd)" > out.txt\nCMD ["cat", "out.txt", "msg.txt"]\n',
      'msg.txt': 'copied\n',
    });
    expect(await run(api, 't')).toBe('hello from /app\ncopied\n');
    const cfg = (await api.imageInspect('t')).Config;
    expect(cfg.WorkingDir).toBe('/app');
    expect(cfg.Cmd).toEqual(['cat', 'out.txt', 'msg.txt']);
    expect(cfg.Env).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'GREETING=hello']);
  });

  it('history records each instruction as BuildKit does, layers only for file changes', async () => {
    const api = engine();
    await build(api, { Dockerfile: 'FROM busybox\nARG V=1\nLABEL a=b\nRUN echo $V > /v\nEXPOSE 80 53/udp\nUSER nobody\n' });
    const h = (await api.imageHistory('t')).map((r) => [r.CreatedBy, r.Size]);
    expect(h.slice(0, 5)).toEqual([
      ['USER nobody', 0],
      ['EXPOSE [53/udp 80/tcp]', 0],
      ['RUN |1 V=1 /bin/sh -c echo $V > /v # buildkit', 2],
      ['LABEL a=b', 0],
      ['ARG V=1', 0],
    ]);
    expect((await api.imageInspect('t')).RootFS.Layers).toHaveLength(2);
  });

  it('COPY copies a directory’s contents, honours --chown and --chmod, and a trailing / makes a directory', async () => {
    const api = engine();
    await build(api, {
      Dockerfile: 'FROM busybox\nCOPY src /dst\nCOPY --chown=1000:1000 --chmod=700 a.sh b.txt /bin2/\n',
      'src/x/y.txt': 'y',
      'src/z.txt': 'z',
      'a.sh': 'echo a',
      'b.txt': 'b',
    });
    expect(await run(api, 't', 'sh', '-c', 'ls -R /dst; stat -c "%a %u:%g %n" /bin2/a.sh /bin2/b.txt')).toBe(
      '/dst:\nx\nz.txt\n\n/dst/x:\ny.txt\n700 1000:1000 /bin2/a.sh\n700 1000:1000 /bin2/b.txt\n',
    );
  });

  it('wildcards match per path element; several sources need a directory destination', async () => {
    const api = engine();
    await build(api, { Dockerfile: 'FROM busybox\nCOPY *.js /app/\n', 'a.js': '1', 'b.js': '2', 'c.txt': '3' });
    expect(await run(api, 't', 'ls', '/app')).toBe('a.js\nb.js\n');
    const f = await failure(build(api, { Dockerfile: 'FROM busybox\nCOPY a.js b.js /app\n', 'a.js': '1', 'b.js': '2' }));
    expect(f.message).toBe('When using COPY with more than one source file, the destination must be a directory and end with a /');
    expect(f.data.line).toBe(2);
  });

  it('a COPY source missing from the context, or excluded by .dockerignore, fails as BuildKit says (with a hint)', async () => {
    const api = engine();
    const missing = await failure(build(api, { Dockerfile: 'FROM busybox\nCOPY nope.txt /\n' }));
    expect(missing.message).toBe('failed to compute cache key: failed to calculate checksum of ref: "/nope.txt": not found');
    const ignored = await failure(build(api, { Dockerfile: 'FROM busybox\nCOPY secret.txt /\n', 'secret.txt': 's', '.dockerignore': '*.txt\n' }));
    expect(ignored.message).toContain('"/secret.txt": not found');
    expect((ignored.data as unknown as { hint: string }).hint).toBe('secret.txt is in the context but excluded by .dockerignore');
  });

  it('ADD extracts a local tar.gz; COPY does not', async () => {
    const api = engine();
    // A tar made by the engine itself: save busybox? Simpler: build one with tar in a RUN is not available, so use a docker save archive.
    const tar = await api.imageSave(['busybox']);
    const entries: BuildContextEntry[] = [
      { path: 'Dockerfile', type: 'file', data: 'FROM busybox\nADD img.tar /x/\nCOPY img.tar /y/\n' },
      { path: 'img.tar', type: 'file', data: tar },
    ];
    await api.imageBuild({ context: entries, tags: ['t'] });
    expect(await run(api, 't', 'sh', '-c', 'ls /x | head -n 3; ls /y')).toBe('blobs\nindex.json\nmanifest.json\nimg.tar\n');
  });

  it('heredocs: RUN <<EOF runs the script, COPY <<EOF writes the file', async () => {
    const api = engine();
    await build(api, { Dockerfile: 'FROM busybox\nRUN <<EOF\necho one > /one\necho two >> /one\nEOF\nCOPY <<EOT /greeting\nhi there\nEOT\n' });
    expect(await run(api, 't', 'cat', '/one', '/greeting')).toBe('one\ntwo\nhi there\n');
  });

  it('SHELL changes the shell of later shell-form RUNs; USER runs them as that user', async () => {
    const api = engine();
    await build(api, { Dockerfile: 'FROM busybox\nSHELL ["/bin/sh", "-ec"]\nUSER nobody\nRUN id -un > /tmp/who\n' });
    expect(await run(api, 't', 'cat', '/tmp/who')).toBe('nobody\n');
    expect((await api.imageInspect('t')).Config.Shell).toEqual(['/bin/sh', '-ec']);
  });

  it('ENTRYPOINT resets an inherited CMD; ONBUILD triggers fire in the child build', async () => {
    const api = engine();
    await build(api, { Dockerfile: 'FROM busybox\nONBUILD RUN echo triggered > /onbuild\n' }, { tags: ['parent'] });
    await build(api, { Dockerfile: 'FROM parent\nENTRYPOINT ["cat"]\n' }, { tags: ['child'] });
    const cfg = (await api.imageInspect('child')).Config;
    expect(cfg.Cmd).toBeUndefined();
    expect(cfg.OnBuild).toBeUndefined();
    expect(await run(api, 'child', '/onbuild')).toBe('triggered\n');
  });
});

describe('FROM', () => {
  it('expands global ARGs (with --build-arg) and accepts --platform', async () => {
    const api = engine();
    const r = await build(api, { Dockerfile: 'ARG TAG=latest\nFROM --platform=linux/amd64 busybox:$TAG\nARG TAG\nRUN echo $TAG > /tag\n' }, { buildArgs: { TAG: '1.37' } });
    expect(r.steps[0]!.step.instruction).toMatch(/^FROM docker\.io\/library\/busybox:1\.37@sha256:/);
    expect(await run(api, 't', 'cat', '/tag')).toBe('1.37\n');
  });

  it('FROM scratch starts empty; FROM an earlier stage continues from it', async () => {
    const api = engine();
    await build(api, { Dockerfile: 'FROM busybox AS base\nRUN echo base > /base\nFROM base\nRUN cat /base > /copy\nFROM scratch\nCOPY --from=1 /copy /copy\n' });
    expect((await api.imageInspect('t')).RootFS.Layers).toHaveLength(1);
  });
});

describe('multi-stage builds', () => {
  it('COPY --from a stage, --target, and only the needed stages are built', async () => {
    const api = engine();
    const dockerfile = 'FROM busybox AS build\nRUN echo artefact > /out\nFROM busybox AS unused\nRUN exit 1\nFROM busybox\nCOPY --from=build /out /final\nCMD ["cat", "/final"]\n';
    const r = await build(api, { Dockerfile: dockerfile });
    expect(await run(api, 't')).toBe('artefact\n');
    expect(r.steps.map((s) => s.step.instruction)).toEqual(['FROM docker.io/library/busybox:latest@' + r.steps[0]!.step.instruction.split('@')[1], 'RUN echo artefact > /out', expect.stringContaining('FROM'), 'COPY --from=build /out /final']);
    await build(api, { Dockerfile: dockerfile }, { target: 'build', tags: ['b'] });
    expect(await run(api, 'b', 'cat', '/out')).toBe('artefact\n');
    const f = await failure(build(api, { Dockerfile: dockerfile }, { target: 'nope' }));
    expect(f.message).toBe('target stage "nope" could not be found');
  });
});

describe('the build cache', () => {
  const dockerfile = 'FROM busybox\nARG VERSION=1\nCOPY app.txt /app/\nRUN echo v$VERSION > /version\nRUN cat /app/app.txt\n';

  it('a second build is all cached and gives the same image id', async () => {
    const api = engine();
    const a = await build(api, { Dockerfile: dockerfile, 'app.txt': 'x' });
    const b = await build(api, { Dockerfile: dockerfile, 'app.txt': 'x' });
    expect(b.imageId).toBe(a.imageId);
    expect(b.steps.slice(1).map((s) => s.cache.code)).toEqual(['cached', 'cached', 'cached']);
    expect(a.steps.slice(1).map((s) => s.cache.code)).toEqual(['first-build', 'first-build', 'first-build']);
  });

  it('a changed file misses at its COPY and every later step, with the reason and the digests', async () => {
    const api = engine();
    await build(api, { Dockerfile: dockerfile, 'app.txt': 'x' });
    const b = await build(api, { Dockerfile: dockerfile, 'app.txt': 'y' });
    const [copy, run1, run2] = b.steps.slice(1);
    expect(copy!.cache.code).toBe('content-changed');
    expect(copy!.cache.message).toMatch(/^COPY app\.txt: content changed sha256:[0-9a-f]{4}…→sha256:[0-9a-f]{4}…$/);
    expect(run1!.cache).toMatchObject({ code: 'parent-changed', message: 'previous step was rebuilt (COPY app.txt /app/), so this step runs again' });
    expect(run2!.cache.code).toBe('parent-changed');
  });

  it('touching a file (same content, new mtime) keeps the cache; chmod does not', async () => {
    const api = engine();
    const entries = (mode: number, mtimeMs: number): BuildContextEntry[] => [
      { path: 'Dockerfile', type: 'file', data: dockerfile },
      { path: 'app.txt', type: 'file', data: 'x', mode, mtimeMs },
    ];
    await api.imageBuild({ context: entries(0o644, 1000) });
    expect((await api.imageBuild({ context: entries(0o644, 99_000) })).steps[1]!.cache.code).toBe('cached');
    expect((await api.imageBuild({ context: entries(0o755, 99_000) })).steps[1]!.cache.code).toBe('content-changed');
  });

  it('a changed --build-arg misses at the first RUN that sees it, not at the ARG line', async () => {
    const api = engine();
    await build(api, { Dockerfile: dockerfile, 'app.txt': 'x' });
    const b = await build(api, { Dockerfile: dockerfile, 'app.txt': 'x' }, { buildArgs: { VERSION: '2' } });
    expect(b.steps.slice(1).map((s) => s.cache.code)).toEqual(['cached', 'build-arg-changed', 'parent-changed']);
    expect(b.steps[2]!.cache.message).toBe('build-arg VERSION changed: "1" → "2"');
  });

  it('an edited instruction says what changed; --no-cache runs everything', async () => {
    const api = engine();
    await build(api, { Dockerfile: dockerfile, 'app.txt': 'x' });
    const edited = await build(api, { Dockerfile: dockerfile.replace('RUN cat', 'RUN head'), 'app.txt': 'x' });
    expect(edited.steps[3]!.cache).toMatchObject({ code: 'instruction-changed', message: 'instruction changed: "RUN cat /app/app.txt" → "RUN head /app/app.txt"' });
    const nocache = await build(api, { Dockerfile: dockerfile, 'app.txt': 'x' }, { noCache: true });
    expect(new Set(nocache.steps.slice(1).map((s) => s.cache.code))).toEqual(new Set(['no-cache']));
  });

  it('a LABEL change keeps later BuildKit steps cached (config-only instructions make no vertex)', async () => {
    const api = engine();
    await build(api, { Dockerfile: 'FROM busybox\nLABEL v=1\nRUN echo hi\n' });
    const b = await build(api, { Dockerfile: 'FROM busybox\nLABEL v=2\nRUN echo hi\n' });
    expect(b.steps.map((s) => s.cache.code)).toEqual(['cached', 'cached']);
  });

  it('preview says which steps would rebuild without running them, and publishes nothing executed', async () => {
    const api = engine();
    await build(api, { Dockerfile: dockerfile, 'app.txt': 'x' });
    const preview = await api.imageBuildPreview({ context: ctx({ Dockerfile: dockerfile, 'app.txt': 'changed' }) });
    expect(preview.slice(1).map((s) => s.cache.code)).toEqual(['content-changed', 'parent-changed', 'parent-changed']);
    // Nothing was built: the real rebuild still finds the same misses.
    const real = await build(api, { Dockerfile: dockerfile, 'app.txt': 'changed' });
    expect(real.steps[1]!.cache.code).toBe('content-changed');
  });

  it('the cache survives exportState/importState (a reload)', async () => {
    const api = engine();
    await build(api, { Dockerfile: dockerfile, 'app.txt': 'x' });
    const state = await api.exportState();
    const fresh = createEngine(testDeps());
    await fresh.importState(state);
    const b = await build(fresh, { Dockerfile: dockerfile, 'app.txt': 'x' });
    expect(b.steps.slice(1).map((s) => s.cache.code)).toEqual(['cached', 'cached', 'cached']);
  });
});

describe('failures', () => {
  it('a failing RUN reports its exit code and keeps the last good state as an image to debug', async () => {
    const api = engine();
    const f = await failure(build(api, { Dockerfile: 'FROM busybox\nRUN echo ok > /ok\nRUN exit 3\n' }));
    expect(f.message).toBe('process "/bin/sh -c exit 3" did not complete successfully: exit code: 3');
    expect(f.data).toMatchObject({ exitCode: 3, line: 3 });
    expect(await run(api, f.data.lastImageId!, 'cat', '/ok')).toBe('ok\n');
  });

  it('a parse error names the line; a missing base image fails as a pull does', async () => {
    const api = engine();
    const parse = await failure(build(api, { Dockerfile: 'FROM busybox\nCOPY x\n' }));
    expect(parse.message).toBe('dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined');
    const pull = await failure(build(api, { Dockerfile: 'FROM nosuchimage\n' }));
    expect(pull.message).toMatch(/^nosuchimage: failed to resolve source metadata for docker\.io\/library\/nosuchimage:latest: /);
  });
});

describe('the classic builder', () => {
  it('every instruction is a step with an intermediate image; the second build uses the cache', async () => {
    const api = engine();
    const files = { Dockerfile: 'FROM busybox\nENV A=1\nRUN echo hi\n' };
    const a = await build(api, files, { builder: 'classic' });
    expect(a.steps.map((s) => s.step.instruction)).toEqual(['ENV A=1', 'RUN echo hi']);
    const b = await build(api, files, { builder: 'classic' });
    expect(b.steps.map((s) => s.cache.code)).toEqual(['cached', 'cached']);
    expect(b.imageId).toBe(a.imageId);
    // Intermediate images show in `docker images -a` and as history ids.
    const history = await api.imageHistory('t');
    expect(history[1]!.Id).toBe(a.steps[0]!.imageId);
  });
});

describe('cancelling', () => {
  it('imageBuildCancel kills the running RUN and the build fails with Canceled', async () => {
    const api = engine();
    const seen: string[] = [];
    const building = api.imageBuild({ context: ctx({ Dockerfile: 'FROM busybox\nRUN while true; do :; done\n' }), buildId: 'b1' }, (batch) => {
      for (const m of batch) if (m.kind === 'vertex-started' && m.vertex.name.includes('RUN')) void api.imageBuildCancel('b1');
      for (const m of batch) seen.push(m.kind);
    });
    const f = await failure(building);
    expect(f.message).toBe('Canceled: context canceled');
    expect(seen).toContain('vertex-canceled');
    // The engine is usable afterwards.
    expect(await run(api, 'busybox', 'echo', 'still here')).toBe('still here\n');
  });
});
