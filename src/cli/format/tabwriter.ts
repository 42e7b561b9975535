/**
 * Go's text/tabwriter, the subset docker/cli uses: cells end at `\t`, a column
 * block is a run of consecutive lines that have a cell in that column, each
 * cell is padded to max(minwidth, widest cell + padding). Lines are flushed on
 * `flush()`. Width counts code points, as Go counts runes for UTF-8 text.
 */
export interface TabwriterOptions {
  readonly minwidth: number;
  readonly tabwidth?: number;
  readonly padding: number;
  readonly padchar?: string;
  /** tabwriter.AlignRight is never used by docker; only left alignment. */
}

export class Tabwriter {
  private buffer = '';
  constructor(private readonly opts: TabwriterOptions) {}

  write(text: string): void {
    this.buffer += text;
  }

  /** Formats everything written so far and resets. */
  flush(): string {
    const text = this.buffer;
    this.buffer = '';
    return formatTabbed(text, this.opts);
  }
}

function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Formats `text` as tabwriter would on a single Write + Flush. */
export function formatTabbed(text: string, opts: TabwriterOptions): string {
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
  const pad = opts.padchar ?? ' ';
  // widths[i][col] computed per block: column `col` block = consecutive lines with > col+1 cells.
  const cellWidth: number[][] = lines.map((cells) => cells.map(() => 0));
  const setBlock = (col: number, from: number): number => {
    let to = from;
    let w = 0;
    while (to < lines.length && lines[to]!.length - 1 > col) {
      w = Math.max(w, width(lines[to]![col]!) + opts.padding);
      to++;
    }
    w = Math.max(w, opts.minwidth);
    for (let i = from; i < to; i++) cellWidth[i]![col] = w;
    return to;
  };
  const maxCols = Math.max(0, ...lines.map((l) => l.length - 1));
  for (let col = 0; col < maxCols; col++) {
    let i = 0;
    while (i < lines.length) {
      if (lines[i]!.length - 1 > col) i = setBlock(col, i);
      else i++;
    }
  }
  const out = lines.map((cells, i) =>
    cells
      .map((cell, col) => (col < cells.length - 1 ? cell + pad.repeat(Math.max(0, cellWidth[i]![col]! - width(cell))) : cell))
      .join(''),
  );
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}
