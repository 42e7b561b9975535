/**
 * What BuildKit prints when a build fails: the failing vertex's last log
 * lines in a `------` box, the Dockerfile around the failing line with
 * `>>>` on it (solver/errdefs Source.Print: 2 lines of context, 4 for a
 * one-line range), then `ERROR: failed to build: failed to solve: …`.
 */
import type { VertexView } from './plain-printer.ts';

export function failureSummary(opts: {
  vertex?: VertexView;
  dockerfileName: string;
  dockerfileText?: string;
  line?: number;
  message: string;
}): string {
  let out = '';
  const v = opts.vertex;
  if (v && v.name.startsWith('[')) {
    out += '------\n';
    out += ` > ${v.name}:\n`;
    for (const l of v.logs.slice(-10)) out += `${(l.offset / 1000).toFixed(3)} ${l.text}\n`;
    out += '------\n';
  }
  if (opts.line !== undefined && opts.dockerfileText !== undefined) out += sourceSnippet(opts.dockerfileName, opts.dockerfileText, opts.line, opts.line);
  out += `ERROR: failed to build: failed to solve: ${opts.message}\n`;
  return out;
}

/** `Dockerfile:3` and the lines around it, as BuildKit shows a source location. */
export function sourceSnippet(name: string, text: string, start: number, end: number): string {
  const lines = text.split('\n');
  const pad = start === end ? 4 : 2;
  let from = start;
  let to = end;
  for (let p = 0; p < pad && from > 1; p++) from--;
  for (let p = 0; p < pad && to < lines.length; p++) to++;
  let out = `${name.split('/').pop()}:${start === end ? start : `${start}-${end}`}\n--------------------\n`;
  for (let i = from; i <= to; i++) {
    const marker = i >= start && i <= end ? '>>>' : '   ';
    out += ` ${String(i).padStart(3)} | ${marker} ${lines[i - 1] ?? ''}\n`;
  }
  out += '--------------------\n';
  return out;
}
