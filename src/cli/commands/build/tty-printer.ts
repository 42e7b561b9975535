/**
 * BuildKit's interactive progress (`--progress=tty`, the default on a
 * terminal): a `[+] Building 1.2s (8/8) FINISHED` header and one line per
 * vertex with its time, redrawn in place as the build goes (cursor up and
 * clear), the last log lines of a running step shown under it.
 */
import type { BuildProgress } from '../../../api/build.ts';
import { seconds, VertexTracker, type VertexView } from './plain-printer.ts';
import { LiveScreen } from '../../format/live-screen.ts';

const BLUE = '\x1b[34m';
const RED = '\x1b[31m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

export class TtyPrinter {
  readonly tracker = new VertexTracker();
  private readonly screen: LiveScreen;
  private first = Number.NaN;
  private now = 0;

  constructor(
    write: (text: string) => void,
    private readonly columns: number,
  ) {
    this.screen = new LiveScreen(write);
  }

  feed(batch: readonly BuildProgress[]): void {
    for (const m of batch) {
      if (Number.isNaN(this.first) && 'time' in m) this.first = m.time;
      if ('time' in m) this.now = Math.max(this.now, m.time);
      this.tracker.apply(m);
    }
    this.redraw(false);
  }

  /** Draws the final state (`FINISHED` or `ERROR`). */
  finish(): void {
    this.redraw(true);
  }

  private redraw(final: boolean): void {
    this.screen.draw(this.render(final));
  }

  private render(final: boolean): string[] {
    const vs = [...this.tracker.vertices.values()];
    const done = vs.filter((v) => v.completed !== undefined).length;
    const failed = vs.some((v) => v.error !== undefined || v.canceled === true);
    const state = final ? (failed ? ' ERROR' : ' FINISHED') : '';
    const elapsed = Number.isNaN(this.first) ? 0 : this.now - this.first;
    const head = `[+] Building ${seconds(elapsed)}s (${done}/${vs.length})${state}`;
    const width = Math.max(40, this.columns);
    const out = [this.pad(head, 'docker:default', width, final && !failed ? BLUE : '')];
    for (const v of vs) {
      out.push(this.line(v, width));
      for (const s of v.statuses) out.push(this.pad(` => => ${s.replace(/ done$/, '')}`, '0.0s', width, v.completed !== undefined ? BLUE : ''));
      if (v.completed === undefined || v.error) for (const l of v.logs.slice(-6)) out.push(`${DIM} => => # ${l.text}`.slice(0, width + DIM.length) + RESET);
    }
    return out;
  }

  private line(v: VertexView, width: number): string {
    const time = `${seconds((v.completed ?? this.now) - v.started)}s`;
    const label = v.error ? `ERROR ${v.name}` : v.canceled ? `CANCELED ${v.name}` : v.cached ? `CACHED ${v.name}` : v.name;
    const colour = v.error ? RED : v.completed !== undefined ? BLUE : '';
    return this.pad(` => ${label}`, time, width, colour);
  }

  private pad(left: string, right: string, width: number, colour: string): string {
    const room = width - right.length - 1;
    const text = left.length > room ? `${left.slice(0, Math.max(0, room - 1))}…` : left.padEnd(room);
    return `${colour}${text} ${right}${colour ? RESET : ''}`;
  }
}
