/**
 * `docker build` (`docker image build`, `docker builder build`): reads the
 * build context from the host's files, sends it to `POST /build`, and shows
 * the progress as Docker 28 does: BuildKit's tty or plain progress on
 * stderr (`--progress`), or with `DOCKER_BUILDKIT=0` the classic builder's
 * `Step 1/3 : …` stream on stdout.
 */
import type { BuildContextEntry, BuildFailureData, BuildProgress, ImageBuildOptions } from '../../../api/build.ts';
import { isEngineError } from '../../../api/errors.ts';
import type { CommandSpec } from '../../command.ts';
import { flagBool, flagList, flagString, type ParsedFlags } from '../../flags.ts';
import { getenv, readAll, type CliContext } from '../../io.ts';
import { ClassicStream } from './classic-stream.ts';
import { failureSummary } from './failure.ts';
import { PlainPrinter, warningSummary, type VertexTracker } from './plain-printer.ts';
import { TtyPrinter } from './tty-printer.ts';
import { humanSize } from '../../format/units.ts';
import { decodeUtf8, encodeUtf8 } from '../../../lib/text.ts';

const LEGACY_DEPRECATION =
  'DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n' +
  '            Install the buildx component to build images with BuildKit:\n' +
  '            https://docs.docker.com/go/buildx/\n\n';

function buildCommand(name: string): CommandSpec {
  return {
    name,
    use: '[OPTIONS] PATH | URL | -',
    short: 'Build an image from a Dockerfile',
    aliases: ['docker image build', 'docker build', 'docker builder build'],
    args: { kind: 'exact', n: 1 },
    flags: [
      { name: 'build-arg', kind: 'list', usage: 'Set build-time variables' },
      { name: 'cache-from', kind: 'list', usage: 'Images to consider as cache sources', valueName: 'strings' },
      { name: 'disable-content-trust', kind: 'bool', usage: 'Skip image verification', defaultValue: 'true' },
      { name: 'file', shorthand: 'f', kind: 'string', usage: 'Name of the Dockerfile (Default is "PATH/Dockerfile")' },
      { name: 'iidfile', kind: 'string', usage: 'Write the image ID to the file' },
      { name: 'label', kind: 'list', usage: 'Set metadata for an image' },
      { name: 'network', kind: 'string', usage: 'Set the networking mode for the RUN instructions during build', defaultValue: 'default' },
      { name: 'no-cache', kind: 'bool', usage: 'Do not use cache when building the image' },
      { name: 'no-cache-filter', kind: 'stringArray', usage: 'Do not cache specified stages' },
      { name: 'platform', kind: 'string', usage: 'Set platform if server is multi-platform capable' },
      { name: 'progress', kind: 'string', usage: 'Set type of progress output ("auto", "quiet", "plain", "tty", "rawjson"). Use plain to show container output', defaultValue: 'auto' },
      { name: 'pull', kind: 'bool', usage: 'Always attempt to pull a newer version of the image' },
      { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Suppress the build output and print image ID on success' },
      { name: 'rm', kind: 'bool', usage: 'Remove intermediate containers after a successful build', defaultValue: 'true' },
      { name: 'tag', shorthand: 't', kind: 'list', usage: 'Name and optionally a tag in the "name:tag" format' },
      { name: 'target', kind: 'string', usage: 'Set the target build stage to build.' },
    ],
    run: runBuild,
  };
}

/** Builds this client started, to name each one (docker's `buildid`) for `POST /build/cancel`. */
let buildCount = 0;

export const buildTopCommand = buildCommand('build');
export const imageBuildCommand = buildCommand('image build');
export const builderBuildCommand = buildCommand('builder build');

async function runBuild(ctx: CliContext, parsed: ParsedFlags): Promise<number> {
  const classic = getenv(ctx, 'DOCKER_BUILDKIT') === '0';
  const quiet = flagBool(parsed, 'quiet');
  const progressMode = flagString(parsed, 'progress') ?? 'auto';
  const fail = (message: string): number => {
    ctx.stderr.write(classic ? `${message}\n` : `ERROR: failed to build: ${message}\n`);
    return 1;
  };
  if (classic) ctx.stderr.write(LEGACY_DEPRECATION);
  const contextPath = parsed.args[0]!;
  const fileFlag = flagString(parsed, 'file');
  // The context and the Dockerfile.
  let context: BuildContextEntry[] = [];
  let dockerfileText: string | undefined;
  let dockerfile = 'Dockerfile';
  if (contextPath === '-' || fileFlag === '-') {
    // `docker build - < Dockerfile`: the Dockerfile is all of stdin.
    dockerfileText = ctx.stdin ? await readAll(ctx.stdin) : '';
  }
  if (contextPath !== '-') {
    if (/^(https?|git):\/\//.test(contextPath) || contextPath.startsWith('git@')) {
      return fail(`unable to prepare context: Layerlab has no Internet: a build context from ${contextPath} cannot be downloaded`);
    }
    if (!ctx.files?.walk) return fail('Layerlab: this terminal cannot read the workspace files yet; use the editor workspace or `layerlab docker build`');
    try {
      context = ctx.files.walk(contextPath);
    } catch (e) {
      const m = (e as Error).message;
      return fail(m.includes('no such file') ? `unable to prepare context: path "${contextPath}" not found` : `unable to prepare context: ${m}`);
    }
    if (fileFlag && fileFlag !== '-') {
      const rel = relativeTo(contextPath, fileFlag);
      if (rel !== undefined && context.some((e) => e.path === rel)) dockerfile = rel;
      else {
        try {
          dockerfileText = decodeUtf8(ctx.files.readFile(fileFlag));
          dockerfile = fileFlag.split('/').pop()!;
        } catch {
          return fail(classic ? `unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${fileFlag}: no such file or directory` : `failed to solve: failed to read dockerfile: open ${fileFlag}: no such file or directory`);
        }
      }
    }
  }
  const buildArgs: Record<string, string> = {};
  for (const kv of flagList(parsed, 'build-arg')) {
    const eq = kv.indexOf('=');
    if (eq >= 0) buildArgs[kv.slice(0, eq)] = kv.slice(eq + 1);
    else {
      // `--build-arg NAME` takes the client's environment value, and is dropped when unset.
      const v = getenv(ctx, kv);
      if (v !== undefined) buildArgs[kv] = v;
    }
  }
  const labels: Record<string, string> = {};
  for (const kv of flagList(parsed, 'label')) {
    const eq = kv.indexOf('=');
    labels[eq < 0 ? kv : kv.slice(0, eq)] = eq < 0 ? '' : kv.slice(eq + 1);
  }
  const target = flagString(parsed, 'target');
  const platform = flagString(parsed, 'platform');
  const buildId = `cli-${++buildCount}`;
  const options: ImageBuildOptions = {
    buildId,
    context,
    dockerfile,
    ...(dockerfileText !== undefined ? { dockerfileText } : {}),
    tags: flagList(parsed, 'tag'),
    buildArgs,
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(target ? { target } : {}),
    ...(platform ? { platform } : {}),
    noCache: flagBool(parsed, 'no-cache'),
    noCacheFilter: flagList(parsed, 'no-cache-filter'),
    pull: flagBool(parsed, 'pull'),
    builder: classic ? 'classic' : 'buildkit',
  };
  const text = dockerfileText ?? (context.find((e) => e.path === dockerfile)?.data as string | Uint8Array | undefined);
  const dockerfileSource = text === undefined ? undefined : typeof text === 'string' ? text : decodeUtf8(text);

  // Progress.
  let tracker: VertexTracker | undefined;
  let onProgress: ((batch: readonly BuildProgress[]) => void) | undefined;
  let tty: TtyPrinter | undefined;
  const stream = new ClassicStream();
  if (classic) {
    if (!quiet) {
      // The size of the tar the client sends: a 512-byte header per entry, data in 512-byte blocks, two zero blocks.
      const size = context.reduce((n, e) => n + 512 + Math.ceil((typeof e.data === 'string' ? encodeUtf8(e.data).length : (e.data?.length ?? 0)) / 512) * 512, 1024);
      ctx.stdout.write(`Sending build context to Docker daemon  ${humanSize(size).padStart(8)}\r\r\n`);
      onProgress = (batch) => {
        for (const t of stream.feed(batch)) ctx.stdout.write(t);
      };
    }
  } else if (!quiet && progressMode !== 'quiet') {
    const useTty = progressMode === 'tty' || (progressMode === 'auto' && ctx.isTTY === true);
    if (useTty) {
      tty = new TtyPrinter((s) => ctx.stderr.write(s), ctx.columns ?? 80);
      tracker = tty.tracker;
      onProgress = (batch) => tty!.feed(batch);
    } else {
      const plain = new PlainPrinter((s) => ctx.stderr.write(s));
      tracker = plain.tracker;
      onProgress = (batch) => plain.feed(batch);
    }
  }
  // Ctrl-C cancels the build, as the docker CLI does by closing its session.
  const stopListening = ctx.interrupts?.subscribe(() => void ctx.api.imageBuildCancel(buildId).catch(() => {}));
  try {
    const result = await ctx.api.imageBuild(options, onProgress);
    tty?.finish();
    if (classic) {
      if (!quiet) for (const t of ClassicStream.success(result.imageId, result.tags)) ctx.stdout.write(t);
    } else if (tracker && tracker.warnings.length > 0) ctx.stderr.write(`\n${warningSummary(tracker.warnings)}`);
    if (quiet) ctx.stdout.write(`${result.imageId}\n`);
    const iid = flagString(parsed, 'iidfile');
    if (iid && ctx.files) ctx.files.writeFile(iid, encodeUtf8(result.imageId));
    return 0;
  } catch (e) {
    tty?.finish();
    if (!isEngineError(e)) throw e;
    const data = (e.data ?? {}) as Partial<BuildFailureData> & { hint?: string; simplification?: string };
    if (classic) {
      ctx.stderr.write(`${e.message}\n`);
      return data.exitCode ?? 1;
    }
    const vertex = data.vertex !== undefined ? tracker?.vertices.get(data.vertex) : undefined;
    ctx.stderr.write(failureSummary({ ...(vertex ? { vertex } : {}), dockerfileName: dockerfile, ...(dockerfileSource !== undefined ? { dockerfileText: dockerfileSource } : {}), ...(data.line !== undefined ? { line: data.line } : {}), message: e.message }));
    if (data.hint) ctx.stderr.write(`Layerlab: ${data.hint}\n`);
    if (data.simplification) ctx.stderr.write(`Layerlab: ${data.simplification}\n`);
    if (data.lastImageId) ctx.stderr.write(`Layerlab: the last step that worked is kept as image ${data.lastImageId.slice(7, 19)}; look inside with: docker run -it --rm ${data.lastImageId.slice(7, 19)} sh\n`);
    return 1;
  } finally {
    stopListening?.();
  }
}



/** `file` relative to the context dir `dir`, if it lies inside it. */
function relativeTo(dir: string, file: string): string | undefined {
  const norm = (p: string) => {
    const out: string[] = [];
    for (const seg of p.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        if (out.length === 0 || out[out.length - 1] === '..') out.push('..');
        else out.pop();
      } else out.push(seg);
    }
    return { abs: p.startsWith('/'), parts: out };
  };
  const d = norm(dir);
  const f = norm(file);
  if (d.abs !== f.abs) return undefined;
  if (f.parts.length <= d.parts.length || d.parts.some((s, i) => f.parts[i] !== s)) return undefined;
  return f.parts.slice(d.parts.length).join('/');
}
