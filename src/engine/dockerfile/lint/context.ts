/**
 * The linter's working state: the Dockerfile split into global ARGs and
 * stages (each instruction kept with its AST node), the `check` settings
 * (file directive, build-arg override, per-instruction `# check=` comments)
 * and the diagnostics found so far.
 */
import type { Diagnostic, Range, Severity } from '../../../api/diagnostics.ts';
import type { DockerfileAst, Node } from '../ast.ts';
import { parseCheckValue, type CheckConfig } from '../directives.ts';
import type { ArgInstruction, FromInstruction, Instruction } from '../instructions/index.ts';
import { lintRules } from './rules.ts';

export interface LintItem {
  readonly node: Node;
  readonly ins: Instruction;
}

export interface LintStage {
  readonly index: number;
  readonly node: Node;
  readonly from: FromInstruction;
  readonly items: LintItem[];
  /** The earlier stage this one is built FROM, if any. */
  readonly parent: LintStage | null;
}

export interface LintModel {
  readonly ast: DockerfileAst;
  readonly metaArgs: readonly { readonly node: Node; readonly ins: ArgInstruction }[];
  readonly stages: readonly LintStage[];
}

const checkComment = /^check[\t ]*=[\t ]*(.+)$/i;

/** Rule selection from `# check=` directives and comments. */
export class LintContext {
  readonly diagnostics: Diagnostic[] = [];
  private readonly global: CheckConfig;

  constructor(global: CheckConfig) {
    this.global = global;
  }

  /** Whether BuildKit would run `rule` at all (experimental rules need opting in). */
  enabled(rule: string): boolean {
    const meta = lintRules.get(rule);
    if (meta?.experimental) {
      const on = this.global.experimental.some((e) => e === rule || e.toLowerCase() === 'all');
      if (!on) return false;
    }
    return !this.skipped(this.global, rule);
  }

  private skipped(c: CheckConfig, rule: string): boolean {
    return c.skipAll || c.skip.includes(rule);
  }

  /** Records a finding for `node`, unless skipped globally or by a `# check=skip=` comment above it. */
  report(rule: string, node: Node | null, message: string, range?: Range): void {
    if (!this.enabled(rule)) return;
    if (node) {
      for (const c of node.prevComment) {
        const m = checkComment.exec(c);
        if (m && this.skipped(parseCheckValue(m[1]!), rule)) return;
      }
    }
    const meta = lintRules.get(rule);
    const severity: Severity = meta?.upstream === false ? teachingSeverity(rule) : this.global.error ? 'error' : 'warning';
    const at = range ?? node?.range ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
    this.diagnostics.push({
      rule,
      severity,
      message,
      range: at,
      ...(meta ? { explanation: meta.explanation } : {}),
      ...(meta?.url ? { url: meta.url } : {}),
    });
  }
}

function teachingSeverity(rule: string): Severity {
  return rule === 'NoUser' || rule === 'AddWhereCopySuffices' ? 'info' : 'warning';
}
