/**
 * Tab completion on the host prompt, as ash's: the first word of a command
 * completes to builtins and the programs on PATH, any other word to file
 * names (a directory gets a trailing `/`). `docker …` lines are completed by
 * the docker CLI's own specs (the composer asks it first).
 */
import type { CompletionCandidate, CompletionResult } from '../../api/engine-api.ts';
import { normalizePath } from '../fs/path.ts';
import type { Vfs } from '../fs/vfs.ts';

export interface CompletionContext {
  readonly vfs: Vfs;
  readonly cwd: string;
  readonly path: string;
  readonly home: string;
  readonly builtins: readonly string[];
}

/** Where the word under the cursor starts, and whether it is in command position. */
function wordAt(line: string, cursor: number): { from: number; command: boolean } {
  let from = cursor;
  while (from > 0 && !/[\s;&|()<>]/.test(line[from - 1]!)) from--;
  const before = line.slice(0, from).replace(/\s+$/, '');
  const command = before === '' || /[;&|(]$/.test(before) || /(^|[;&|(]\s*)(sudo|exec|time|nohup)$/.test(before);
  return { from, command };
}

function list(vfs: Vfs, dir: string): { name: string; dir: boolean }[] {
  try {
    return vfs.readdir(dir).map((e) => {
      let isDir = e.type === 'dir';
      if (e.type === 'symlink') {
        try {
          isDir = vfs.stat(`${dir === '/' ? '' : dir}/${e.name}`).type === 'dir';
        } catch {
          isDir = false;
        }
      }
      return { name: e.name, dir: isDir };
    });
  } catch {
    return [];
  }
}

export function completeHostLine(line: string, cursor: number, ctx: CompletionContext): CompletionResult {
  const { from, command } = wordAt(line, cursor);
  const word = line.slice(from, cursor);
  const candidates: CompletionCandidate[] = [];
  if (command && !word.includes('/')) {
    const names = new Set<string>(ctx.builtins.filter((b) => b.startsWith(word)));
    for (const dir of ctx.path.split(':')) for (const e of list(ctx.vfs, dir)) if (!e.dir && e.name.startsWith(word)) names.add(e.name);
    for (const n of [...names].sort()) candidates.push({ value: n });
    return { from, to: cursor, candidates };
  }
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const base = slash >= 0 ? word.slice(slash + 1) : word;
  const expanded = dirPart.startsWith('~/') ? `${ctx.home}${dirPart.slice(1)}` : dirPart;
  const dir = expanded.startsWith('/') ? expanded : `${ctx.cwd}/${expanded}`;
  for (const e of list(ctx.vfs, normalizePath(dir))) {
    if (!e.name.startsWith(base) || (base === '' && e.name.startsWith('.'))) continue;
    candidates.push({ value: `${dirPart}${e.name}${e.dir ? '/' : ''}` });
  }
  return { from, to: cursor, candidates };
}
