import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BuildContextEntry, EngineApi } from '../../src/api/index.ts';
import { runDocker, splitCommandLine } from '../../src/cli/index.ts';
import type { CheckEnv } from '../../src/app/lessons/checks.ts';
import { parseLesson, type LessonFiles } from '../../src/app/lessons/lesson-parse.ts';
import type { Lesson } from '../../src/app/lessons/lesson-model.ts';

export const lessonsDir = join(import.meta.dirname, '../../lessons');

/** The lesson folders, in course order (`01-hello-docker`, …). */
export function lessonIds(): string[] {
  return readdirSync(lessonsDir)
    .filter((name) => /^\d\d-/.test(name) && statSync(join(lessonsDir, name)).isDirectory())
    .sort();
}

/** Every file of a lesson folder, by path relative to it. */
export function readLessonFiles(id: string): LessonFiles {
  const root = join(lessonsDir, id);
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(root, path).split('\\').join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  return out;
}

export function loadLesson(id: string): Lesson {
  return parseLesson(id, readLessonFiles(id));
}

const encoder = new TextEncoder();

/**
 * A learner's session in Node: an engine, the workspace (build context) as a
 * map, and a terminal that runs `docker …` lines through the real CLI with
 * the workspace as the host's files. `log` keeps every command and its output.
 */
export class LessonSession {
  /** The build context: text files, and the binary files commands write (`docker save -o`). */
  readonly workspace = new Map<string, string | Uint8Array>();
  readonly log: string[] = [];

  constructor(readonly api: EngineApi) {}

  writeFiles(files: Readonly<Record<string, string>>): void {
    for (const [path, text] of Object.entries(files)) this.workspace.set(path, text);
  }

  async run(line: string): Promise<{ output: string; exitCode: number }> {
    const argv = splitCommandLine(line);
    if (argv[0] !== 'docker') throw new Error(`lesson commands must be docker lines: ${line}`);
    let output = '';
    const write = { write: (s: string) => void (output += s) };
    const exitCode = await runDocker(argv.slice(1), { api: this.api, stdout: write, stderr: write, files: this.files() });
    this.log.push(`$ ${line}  [exit ${exitCode}]\n${output}`);
    return { output, exitCode };
  }

  env(): CheckEnv {
    return {
      api: this.api,
      run: (line) => this.run(line),
      readFile: async (path) => {
        const data = this.workspace.get(path);
        return data === undefined ? null : typeof data === 'string' ? data : new TextDecoder().decode(data);
      },
    };
  }

  private files() {
    const ws = this.workspace;
    return {
      readFile: (path: string) => {
        const data = ws.get(path.replace(/^\.\//, ''));
        if (data === undefined) throw new Error(`open ${path}: no such file or directory`);
        return typeof data === 'string' ? encoder.encode(data) : data;
      },
      writeFile: (path: string, data: Uint8Array) => void ws.set(path.replace(/^\.\//, ''), data),
      walk: (dir: string): BuildContextEntry[] => {
        const prefix = dir === '.' || dir === '' || dir === './' ? '' : `${dir.replace(/^\.\//, '').replace(/\/$/, '')}/`;
        const dirs = new Set<string>();
        const files: BuildContextEntry[] = [];
        for (const [path, data] of ws) {
          if (!path.startsWith(prefix)) continue;
          const rel = path.slice(prefix.length);
          const parts = rel.split('/');
          for (let k = 1; k < parts.length; k++) dirs.add(parts.slice(0, k).join('/'));
          files.push({ path: rel, type: 'file', data, mode: rel.endsWith('.sh') ? 0o755 : 0o644 });
        }
        const entries: BuildContextEntry[] = [...[...dirs].map((path) => ({ path, type: 'dir' as const })), ...files];
        return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    };
  }
}
