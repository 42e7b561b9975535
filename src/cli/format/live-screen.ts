/**
 * A block of terminal lines redrawn in place as progress arrives (cursor up,
 * clear to the end of the screen, print again): how docker draws pull/push
 * bars and BuildKit its tty progress. Only for a terminal (`isTTY`); lines
 * must fit the width, so each is one row.
 */
export class LiveScreen {
  private drawn = 0;

  constructor(private readonly write: (text: string) => void) {}

  draw(lines: readonly string[]): void {
    const up = this.drawn > 0 ? `\x1b[${this.drawn}A\r\x1b[J` : '';
    this.drawn = lines.length;
    this.write(`${up}${lines.map((l) => `${l}\r\n`).join('')}`);
  }
}
