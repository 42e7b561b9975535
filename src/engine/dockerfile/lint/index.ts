/**
 * `lintDockerfile`: BuildKit's build checks plus Layerlab's teaching rules,
 * as Diagnostics. Never throws: a parse error comes back as an error
 * Diagnostic at its line, together with whatever could still be checked.
 */
import type { Diagnostic } from '../../../api/diagnostics.ts';
import type { DockerfileAst } from '../ast.ts';
import { findHashDirective, parseCheckValue, type CheckConfig } from '../directives.ts';
import { DockerfileParseError } from '../errors.ts';
import { toInstruction } from '../instructions/index.ts';
import { parseDockerfile } from '../parser.ts';
import {
  checkDefinitionDescriptions, checkEmptyContinuations, checkInstructionCasing, checkSecrets, checkStageInstructions, checkStages,
} from './buildkit-checks.ts';
import { LintContext, type LintModel, type LintStage } from './context.ts';
import { lintRules, parseErrorRule } from './rules.ts';
import { checkAdd, checkApt, checkBaseImageTag, checkCopyAllBeforeInstall, checkUser } from './teaching-checks.ts';
import { checkFromArgs, checkStageVariables, type ImageEnvLookup } from './variable-checks.ts';

export interface LintOptions {
  /** `.dockerignore` matcher (paths relative to the context root) for CopyIgnoredFile. */
  readonly isIgnored?: (path: string) => boolean;
  /** Value of the `BUILDKIT_DOCKERFILE_CHECK` build argument: replaces the `# check=` directive. */
  readonly checkOverride?: string;
  /** Run Layerlab's teaching rules too (default true). */
  readonly teaching?: boolean;
  /** A base image's config `Env`, when the caller knows the image (UndefinedVar then matches BuildKit exactly). */
  readonly imageEnv?: ImageEnvLookup;
}

function parseErrorDiagnostic(e: DockerfileParseError): Diagnostic {
  return {
    rule: parseErrorRule,
    severity: 'error',
    message: e.message,
    range: { start: { line: e.line, column: e.column }, end: { line: e.endLine, column: e.column } },
    explanation: lintRules.get(parseErrorRule)!.explanation,
  };
}

/** Converts every node it can; conversion errors become diagnostics and the node is skipped. */
function buildModel(ast: DockerfileAst, errors: Diagnostic[]): LintModel {
  const metaArgs: LintModel['metaArgs'][number][] = [];
  const stages: LintStage[] = [];
  const byName = new Map<string, LintStage>();
  for (const node of ast.children) {
    let ins;
    try {
      ins = toInstruction(node);
    } catch (e) {
      if (e instanceof DockerfileParseError) {
        errors.push(parseErrorDiagnostic(e));
        continue;
      }
      throw e;
    }
    if (ins.kind === 'FROM') {
      const stage: LintStage = { index: stages.length, node, from: ins, items: [], parent: byName.get(ins.baseName.toLowerCase()) ?? null };
      stages.push(stage);
      if (ins.stageName) byName.set(ins.stageName, stage);
    } else if (stages.length === 0) {
      if (ins.kind === 'ARG') metaArgs.push({ node, ins });
      else errors.push(parseErrorDiagnostic(new DockerfileParseError('no build stage in current context', node.range.start.line, node.range.start.column)));
    } else {
      stages[stages.length - 1]!.items.push({ node, ins });
    }
  }
  return { ast, metaArgs, stages };
}

/** BuildKit reads `check` with `ParseDirective` (a shebang line is skipped); the build argument wins. */
function checkConfig(text: string, override: string | undefined): CheckConfig {
  if (override !== undefined) return parseCheckValue(override);
  return parseCheckValue(findHashDirective('check', text)?.cmdline ?? '');
}

/** Lints a Dockerfile. Diagnostics are sorted by position, then message. */
export function lintDockerfile(text: string, options: LintOptions = {}): Diagnostic[] {
  let ast: DockerfileAst;
  try {
    ast = parseDockerfile(text);
  } catch (e) {
    if (e instanceof DockerfileParseError) return [parseErrorDiagnostic(e)];
    throw e;
  }
  const errors: Diagnostic[] = [];
  const model = buildModel(ast, errors);
  const ctx = new LintContext(checkConfig(text, options.checkOverride));
  checkInstructionCasing(model, ctx);
  checkStages(model, ctx);
  checkStageInstructions(model, ctx);
  checkSecrets(model, ctx);
  checkDefinitionDescriptions(model, ctx);
  checkEmptyContinuations(model, ctx);
  checkFromArgs(model, ctx, ast.escapeToken);
  checkStageVariables(model, ctx, ast.escapeToken, options.isIgnored ?? null, options.imageEnv ?? null);
  if (options.teaching !== false) {
    checkApt(model, ctx);
    checkAdd(model, ctx);
    checkCopyAllBeforeInstall(model, ctx);
    checkUser(model, ctx);
    checkBaseImageTag(model, ctx);
  }
  return [...ctx.diagnostics, ...errors].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

export { lintRules, type LintRule } from './rules.ts';
export type { ImageEnvLookup } from './variable-checks.ts';
