/**
 * `dumpDockerfile`: BuildKit's `Node.Dump()` debug format, one s-expression per
 * instruction: `(copy ["--from=build"] "/app" "/app")`, `(onbuild (run "make"))`.
 * The parser conformance suite compares it byte for byte with upstream's files.
 */
import type { DockerfileAst, Node } from './ast.ts';
import { goQuote, goQuoteSlice, trimSpace } from './go-text.ts';

/** Dumps one node as BuildKit does (keyword lower-cased, Go-quoted arguments). */
export function dumpNode(node: Node): string {
  let s = node.value.toLowerCase();
  if (node.flags.length > 0) s += ' ' + goQuoteSlice(node.flags);
  for (const c of node.children) s += '(' + dumpNode(c) + ')\n';
  for (const n of node.next) s += ' ' + (n.children.length > 0 ? dumpNode(n) : goQuote(n.value));
  return trimSpace(s);
}

/** Dumps a whole AST: one line per instruction, no trailing newline. */
export function dumpDockerfile(ast: DockerfileAst): string {
  let s = '';
  for (const c of ast.children) s += '(' + dumpNode(c) + ')\n';
  return trimSpace(s);
}
