/**
 * The `<src>... <dest>` of COPY and ADD, with heredoc sources
 * (`COPY <<EOF /app/config`) turned into inline file contents.
 */
import { InstructionError } from '../errors.ts';
import { chompHeredocContent, parseHeredoc } from '../heredoc.ts';
import type { ParseRequest } from './request.ts';

/** An inline file given by a heredoc. */
export interface SourceContent {
  /** File name: the heredoc delimiter. */
  readonly path: string;
  /** Body, chomped when `<<-`. */
  readonly data: string;
  /** Expand variables in the body (delimiter unquoted). */
  readonly expand: boolean;
}

export interface SourcesAndDest {
  readonly dest: string;
  readonly sourcePaths: readonly string[];
  readonly sourceContents: readonly SourceContent[];
}

export function parseSourcesAndDest(req: ParseRequest, command: string): SourcesAndDest {
  const srcs = req.args.slice(0, -1);
  const dest = req.args[req.args.length - 1]!;
  let destDoc = null;
  try {
    destDoc = parseHeredoc(dest);
  } catch {
    destDoc = null;
  }
  if (destDoc) throw new InstructionError(`${command} cannot accept a heredoc as a destination`);
  const byName = new Map(req.heredocs.map((h) => [h.name, h] as const));
  const sourcePaths: string[] = [];
  const sourceContents: SourceContent[] = [];
  for (const src of srcs) {
    const h = parseHeredoc(src);
    if (!h) {
      sourcePaths.push(src);
      continue;
    }
    const doc = byName.get(h.name);
    if (!doc) throw new InstructionError(`${src} is not a valid heredoc`);
    sourceContents.push({ path: h.name, data: doc.chomp ? chompHeredocContent(doc.content) : doc.content, expand: h.expand });
  }
  return { dest, sourcePaths, sourceContents };
}
