/**
 * `layerlab dockerfile dump FILE` and `layerlab dockerfile lint FILE [--format json]`:
 * the Dockerfile frontend on the command line. I/O is injected so the command
 * runs the same under tests as under bin/layerlab.
 */
import type { Diagnostic } from '../../api/diagnostics.ts';
import { dockerignoreMatcher, parseDockerignore } from '../../engine/dockerfile/dockerignore.ts';
import { DockerfileParseError, dumpDockerfile, lintDockerfile, parseDockerfile } from '../../engine/dockerfile/index.ts';

export interface DockerfileCommandIo {
  stdout(s: string): void;
  stderr(s: string): void;
  readFile(path: string): string;
}

const usage = `Usage:  layerlab dockerfile dump FILE
        layerlab dockerfile lint FILE [--format json]

  dump   print BuildKit's parse tree of FILE, one s-expression per instruction
  lint   run BuildKit's build checks and Layerlab's teaching rules on FILE
         (a .dockerignore next to FILE is used for CopyIgnoredFile);
         exit status 1 when there are errors
`;

/** `FILE:LINE:COL: severity: message (Rule)`. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.range.start.line}:${d.range.start.column}: ${d.severity}: ${d.message} (${d.rule})`;
}

function read(io: DockerfileCommandIo, file: string): string | null {
  try {
    return io.readFile(file);
  } catch (e) {
    io.stderr(`layerlab dockerfile: ${(e as Error).message}\n`);
    return null;
  }
}

/** The `.dockerignore` beside the Dockerfile, if there is one and it reads. */
function ignoreMatcher(io: DockerfileCommandIo, file: string): ((path: string) => boolean) | undefined {
  const slash = file.lastIndexOf('/');
  const path = (slash < 0 ? '' : file.slice(0, slash + 1)) + '.dockerignore';
  let text: string;
  try {
    text = io.readFile(path);
  } catch {
    return undefined;
  }
  const match = dockerignoreMatcher(parseDockerignore(text));
  return (p) => {
    try {
      return match(p);
    } catch {
      return false;
    }
  };
}

function dump(io: DockerfileCommandIo, file: string): number {
  const text = read(io, file);
  if (text === null) return 1;
  try {
    const ast = parseDockerfile(text);
    for (const w of ast.warnings) io.stderr(`${file}:${w.range.start.line}:${w.range.start.column}: warning: ${w.short} (${w.rule})\n`);
    io.stdout(dumpDockerfile(ast) + '\n');
    return 0;
  } catch (e) {
    if (!(e instanceof DockerfileParseError)) throw e;
    io.stderr(`${file}:${e.line}:${e.column}: error: ${e.message}\n`);
    return 1;
  }
}

function lint(io: DockerfileCommandIo, file: string, json: boolean): number {
  const text = read(io, file);
  if (text === null) return 1;
  const matcher = ignoreMatcher(io, file);
  const diags = lintDockerfile(text, matcher ? { isIgnored: matcher } : {});
  if (json) io.stdout(JSON.stringify(diags, null, 2) + '\n');
  else for (const d of diags) io.stdout(formatDiagnostic(file, d) + '\n');
  return diags.some((d) => d.severity === 'error') ? 1 : 0;
}

/** Runs `layerlab dockerfile <args>`; returns the exit status (2 for usage errors). */
export async function runDockerfileCommand(args: string[], io: DockerfileCommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    (sub === undefined ? io.stderr : io.stdout)(usage);
    return sub === undefined ? 2 : 0;
  }
  let format = 'text';
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--format' && i + 1 < rest.length) format = rest[++i]!;
    else if (a.startsWith('--format=')) format = a.slice('--format='.length);
    else files.push(a);
  }
  if (files.length !== 1 || (sub !== 'dump' && sub !== 'lint') || (format !== 'text' && format !== 'json') || (sub === 'dump' && format !== 'text')) {
    io.stderr(`layerlab dockerfile: invalid arguments: ${args.join(' ')}\n\n${usage}`);
    return 2;
  }
  return sub === 'dump' ? dump(io, files[0]!) : lint(io, files[0]!, format === 'json');
}
