/**
 * Tab completion for a `docker …` line, from the same data the CLI parses
 * with: the command catalogue, each CommandSpec's flags and the global flags.
 * A command or flag added to the CLI completes with no other change.
 */
import type { CompletionCandidate, CompletionResult } from '../api/index.ts';
import { ALL_COMMANDS, MANAGEMENT_COMMANDS } from './catalogue.ts';
import type { CommandSpec } from './command.ts';
import { COMMANDS, GLOBAL_FLAGS } from './docker.ts';
import type { FlagSpec } from './flags.ts';

interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Whitespace-separated words with their offsets; quotes keep spaces inside a word. */
function words(line: string): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i]!)) i++;
    if (i >= line.length) break;
    const start = i;
    let quote: string | null = null;
    while (i < line.length && (quote !== null || !/\s/.test(line[i]!))) {
      const c = line[i]!;
      if (quote === null && (c === '"' || c === "'")) quote = c;
      else if (c === quote) quote = null;
      else if (c === '\\' && quote !== "'") i++;
      i++;
    }
    out.push({ text: line.slice(start, Math.min(i, line.length)), start, end: Math.min(i, line.length) });
  }
  return out;
}

const firstLine = (s: string) => s.split('\n')[0]!.replace(/`/g, '');

function flagCandidates(flags: readonly FlagSpec[], prefix: string): CompletionCandidate[] {
  const all = [...flags, { name: 'help', kind: 'bool', usage: 'Print usage' } as FlagSpec]
    .filter((f) => !f.hidden)
    .map((f) => ({ value: `--${f.name}`, description: firstLine(f.usage) }));
  return all.filter((c) => c.value.startsWith(prefix)).sort((a, b) => (a.value < b.value ? -1 : 1));
}

/** Does this flag word consume the next word as its value? (`--name x`, `-f x`; not `--name=x`, `-fx` or a boolean) */
function takesValue(word: string, flags: readonly FlagSpec[]): boolean {
  if (!word.startsWith('-') || word.includes('=') || word === '--') return false;
  if (word.startsWith('--')) {
    const spec = flags.find((f) => f.name === word.slice(2));
    return spec !== undefined && spec.kind !== 'bool';
  }
  // A shorthand cluster such as `-it` or `-dp`: the first value-taking flag eats the rest, or the next word.
  for (let j = 1; j < word.length; j++) {
    const spec = flags.find((f) => f.shorthand === word[j]);
    if (!spec) return false;
    if (spec.kind !== 'bool') return j === word.length - 1;
  }
  return false;
}

/** What a positional argument names, read from the command's usage (`IMAGE`, `CONTAINER [CONTAINER...]`). */
export type NameKind = 'image' | 'container';

/** The object the `index`-th positional argument names, per the spec's `use` line; a trailing `...` repeats. */
function positionalKind(spec: CommandSpec, index: number): NameKind | null {
  const slots = spec.use.split(/\s+/).filter((w) => w !== '' && w !== '[OPTIONS]');
  const slot = slots[index] ?? (slots.at(-1)?.endsWith('...]') ? slots.at(-1) : undefined);
  if (!slot) return null;
  if (/CONTAINER/.test(slot)) return 'container';
  if (/IMAGE/.test(slot)) return 'image';
  return null;
}

/**
 * Candidates for the word at `cursor` in `line`. Only `docker` lines complete.
 * Image and container arguments come from `names`, which the host answers from
 * the engine (as docker's own shell completion asks the daemon).
 */
export async function completeDockerLine(
  line: string,
  cursor: number,
  names: (kind: NameKind) => Promise<readonly string[]> = async () => [],
): Promise<CompletionResult> {
  const all = words(line.slice(0, cursor));
  const atNewWord = cursor === 0 || /\s/.test(line[cursor - 1] ?? ' ');
  const current: Word = atNewWord ? { text: '', start: cursor, end: cursor } : all.pop()!;
  // The replaced range runs to the end of the word under the cursor.
  let to = cursor;
  while (to < line.length && !/\s/.test(line[to]!)) to++;
  const result = (candidates: CompletionCandidate[]): CompletionResult => ({ from: current.start, to, candidates });
  const prefix = current.text;

  if (all.length === 0) return result('docker'.startsWith(prefix) ? [{ value: 'docker', description: 'A self-sufficient runtime for containers' }] : []);
  if (all[0]!.text !== 'docker') return result([]);

  // Global flags come before the command.
  let i = 1;
  while (i < all.length && all[i]!.text.startsWith('-')) {
    if (takesValue(all[i]!.text, GLOBAL_FLAGS)) i++;
    i++;
  }
  if (i > all.length) return result([]); // completing a global flag's value
  if (i === all.length) {
    if (prefix.startsWith('-')) return result(flagCandidates(GLOBAL_FLAGS, prefix));
    return result(ALL_COMMANDS.filter((c) => c.name.startsWith(prefix)).map((c) => ({ value: c.name, description: c.short })));
  }

  const name = all[i]!.text;
  let spec: CommandSpec | undefined = COMMANDS.get(name);
  let rest = all.slice(i + 1);
  if (MANAGEMENT_COMMANDS.some((m) => m.name === name)) {
    if (rest.length === 0 && !prefix.startsWith('-')) {
      const subs = [...COMMANDS.entries()]
        .filter(([path]) => path.startsWith(`${name} `))
        .map(([path, s]) => ({ value: path.slice(name.length + 1), description: s.short }))
        .filter((c) => c.value.startsWith(prefix));
      return result(subs);
    }
    if (rest.length > 0) {
      spec = COMMANDS.get(`${name} ${rest[0]!.text}`);
      rest = rest.slice(1);
    }
  }
  if (!spec) return result([]);
  const previous = rest[rest.length - 1];
  if (previous && takesValue(previous.text, spec.flags)) return result([]);
  // Commands such as `run` stop reading flags at the first positional argument.
  const positionalSeen = rest.some((w, k) => !w.text.startsWith('-') && !(k > 0 && takesValue(rest[k - 1]!.text, spec.flags)));
  if (prefix.startsWith('-') && !(spec.interspersed === false && positionalSeen)) return result(flagCandidates(spec.flags, prefix));
  // Positional arguments before this word (a flag's value is not one).
  const positional = rest.filter((w, k) => !w.text.startsWith('-') && !(k > 0 && takesValue(rest[k - 1]!.text, spec.flags))).length;
  // After `run IMAGE`, the rest is the container's command: nothing of Docker's to complete.
  if (spec.interspersed === false && positionalSeen) return result([]);
  const kind = positionalKind(spec, positional);
  if (!kind) return result([]);
  const known = [...new Set(await names(kind))].filter((n) => n.startsWith(prefix)).sort();
  return result(known.map((value) => ({ value, description: kind })));
}
