/**
 * The Dockerfile frontend: text → AST (`parseDockerfile`, printable with
 * `dumpDockerfile`) → typed instructions (`parseInstructions`) → lint
 * (`lintDockerfile`). Pure functions of text, BuildKit-compatible.
 */
export { parseDockerfile } from './parser.ts';
export { dumpDockerfile, dumpNode } from './dump.ts';
export { DockerfileParseError } from './errors.ts';
export { detectSyntax, parseCheckValue, type CheckConfig, type FoundDirective } from './directives.ts';
export { chompHeredocContent } from './heredoc.ts';
export { toInstruction, parseInstructions, instructionNames } from './instructions/index.ts';
export type * from './ast.ts';
export type * from './instructions/index.ts';
export { lintDockerfile, lintRules, type LintOptions, type LintRule } from './lint/index.ts';
