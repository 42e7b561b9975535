/**
 * BuildKit's build checks that need no variable expansion: casing, stage
 * names, exec form, deprecated/legacy syntax, WORKDIR, secrets, EXPOSE,
 * platforms, doc comments, repeated CMD/ENTRYPOINT/HEALTHCHECK. Messages are
 * BuildKit's `Detail` texts.
 */
import type { Node } from '../ast.ts';
import { goQuote } from '../go-text.ts';
import type { LintContext, LintModel, LintStage } from './context.ts';

function isSelfConsistent(s: string): boolean {
  return s === s.toLowerCase() || s === s.toUpperCase();
}

/** ConsistentInstructionCasing: every keyword in the majority's case. */
export function checkInstructionCasing(m: LintModel, ctx: LintContext): void {
  let lower = 0;
  let upper = 0;
  for (const n of m.ast.children) {
    if (!isSelfConsistent(n.value)) continue;
    if (n.value === n.value.toLowerCase()) lower++;
    else upper++;
  }
  const majorityLower = lower > upper;
  for (const n of m.ast.children) {
    let want = '';
    if (majorityLower && n.value.toLowerCase() !== n.value) want = 'lowercase';
    else if (!majorityLower && n.value.toUpperCase() !== n.value) want = 'uppercase';
    if (want) ctx.report('ConsistentInstructionCasing', n, `Command '${n.value}' should match the case of the command majority (${want})`);
  }
}

const reserved = new Set(['scratch', 'context']);

/** FromAsCasing, StageNameCasing, DuplicateStageName, ReservedStageName, platform checks. */
export function checkStages(m: LintModel, ctx: LintContext): void {
  const seen = new Set<string>();
  for (const s of m.stages) {
    const f = s.from;
    if (f.asKeyword) {
      const kw = f.keyword;
      if (isSelfConsistent(kw)) {
        const ok = kw === kw.toLowerCase() ? f.asKeyword === f.asKeyword.toLowerCase() : f.asKeyword === f.asKeyword.toUpperCase();
        if (!ok) ctx.report('FromAsCasing', s.node, `'${f.asKeyword}' and '${kw}' keywords' casing do not match`);
      }
      if (f.stageNameAsWritten !== f.stageNameAsWritten.toLowerCase()) {
        ctx.report('StageNameCasing', s.node, `Stage name '${f.stageNameAsWritten}' should be lowercase`);
      }
    }
    if (f.stageName) {
      if (seen.has(f.stageName)) ctx.report('DuplicateStageName', s.node, `Duplicate stage name ${goQuote(f.stageName)}, stage names should be unique`);
      seen.add(f.stageName);
      if (reserved.has(f.stageName)) {
        ctx.report('ReservedStageName', s.node, `Stage name should not use the same name as reserved stage ${goQuote(f.stageName)}`);
      }
    }
    checkPlatform(s, ctx);
  }
}

function checkPlatform(s: LintStage, ctx: LintContext): void {
  const p = s.from.platform;
  if (p === '') return;
  if (p === '$TARGETPLATFORM' || p === '${TARGETPLATFORM}') {
    ctx.report('RedundantTargetPlatform', s.node, `Setting platform to predefined ${p} in FROM is redundant as this is the default behavior`);
    return;
  }
  if (p.includes('$')) return;
  const [os = '', arch = ''] = p.toLowerCase().split('/');
  const name = s.from.stageName;
  if (name && ((os && name.includes(os)) || (arch && name.includes(arch)))) return;
  ctx.report('FromPlatformFlagConstDisallowed', s.node, `FROM --platform flag should not use constant value ${goQuote(p)}`);
}

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Whether a stage this one is built from set SHELL explicitly (the image config carries it). */
function inheritsShell(s: LintStage): boolean {
  for (let st = s.parent; st; st = st.parent) if (st.items.some((i) => i.ins.kind === 'SHELL')) return true;
  return false;
}

/** Per-instruction checks inside each stage. */
export function checkStageInstructions(m: LintModel, ctx: LintContext): void {
  for (const s of m.stages) {
    let shell = inheritsShell(s);
    let workdirSet = false;
    for (let p = s.parent; p; p = p.parent) if (p.items.some((i) => i.ins.kind === 'WORKDIR' && i.ins.path.startsWith('/'))) workdirSet = true;
    const counts = new Map<string, Node[]>();
    for (const { node, ins } of s.items) {
      switch (ins.kind) {
        case 'CMD':
        case 'ENTRYPOINT':
          if (ins.prependShell && !shell) {
            ctx.report('JSONArgsRecommended', node, `JSON arguments recommended for ${ins.kind} to prevent unintended behavior related to OS signals`);
          }
          pushTo(counts, ins.kind, node);
          break;
        case 'HEALTHCHECK':
          pushTo(counts, ins.kind, node);
          break;
        case 'SHELL':
          shell = true;
          break;
        case 'MAINTAINER':
          ctx.report('MaintainerDeprecated', node, 'Maintainer instruction is deprecated in favor of using label');
          break;
        case 'ENV':
        case 'LABEL': {
          const pairs = ins.kind === 'ENV' ? ins.env : ins.labels;
          if (pairs.some((p) => p.noDelim)) {
            ctx.report('LegacyKeyValueFormat', node, `"${ins.kind} key=value" should be used instead of legacy "${ins.kind} key value" format`);
          }
          break;
        }
        case 'WORKDIR':
          if (ins.path.startsWith('/') || ins.path.startsWith('$')) workdirSet = true;
          else if (!workdirSet) {
            ctx.report('WorkdirRelativePath', node, `Relative workdir ${goQuote(ins.path)} can have unexpected results if the base image changes`);
          }
          break;
        case 'EXPOSE':
          for (const port of ins.ports) {
            if (port.includes(':')) {
              ctx.report('ExposeInvalidFormat', node, `EXPOSE instruction should not define an IP address or host-port mapping, found '${port}'`);
              continue;
            }
            const slash = port.indexOf('/');
            if (slash >= 0 && port.slice(slash + 1) !== port.slice(slash + 1).toLowerCase()) {
              ctx.report('ExposeProtoCasing', node, `Defined protocol '${port}' in EXPOSE instruction should be lowercase`);
            }
          }
          break;
        default:
          break;
      }
    }
    for (const [kind, nodes] of counts) {
      for (const n of nodes.slice(0, -1)) {
        ctx.report('MultipleInstructionsDisallowed', n, `Multiple ${kind} instructions should not be used in the same stage because only the last one will be used`);
      }
    }
  }
}

const secretName = /(?:^|_)(?:apikey|auth|credential|credentials|key|passphrase|password|passwd|pword|secret|token)$/i;
const allowedName = /(?:^|_)public(?:_|$)/i;

/** SecretsUsedInArgOrEnv: ARG/ENV names that look like credentials. */
export function checkSecrets(m: LintModel, ctx: LintContext): void {
  const check = (kind: 'ARG' | 'ENV', node: Node, keys: readonly string[]): void => {
    for (const k of keys) {
      if (secretName.test(k) && !allowedName.test(k)) {
        ctx.report('SecretsUsedInArgOrEnv', node, `Do not use ARG or ENV instructions for sensitive data (${kind} ${goQuote(k)})`);
      }
    }
  };
  for (const a of m.metaArgs) check('ARG', a.node, a.ins.args.map((x) => x.key));
  for (const s of m.stages) {
    for (const { node, ins } of s.items) {
      if (ins.kind === 'ARG') check('ARG', node, ins.args.map((x) => x.key));
      else if (ins.kind === 'ENV') check('ENV', node, ins.env.map((x) => x.key));
    }
  }
}

/** InvalidDefinitionDescription (experimental): doc comments must start with the ARG/stage name. */
export function checkDefinitionDescriptions(m: LintModel, ctx: LintContext): void {
  const check = (kind: 'ARG' | 'FROM', node: Node, keys: readonly string[]): void => {
    const comments = node.prevComment.filter((c) => !/^check[\t ]*=/i.test(c));
    if (comments.length === 0 || keys.length === 0) return;
    const first = comments[comments.length - 1]!.split(' ')[0];
    if (keys.includes(first!)) return;
    const example = keys.length > 1 ? '<arg_key>' : keys[0];
    ctx.report('InvalidDefinitionDescription', node, `Comment for ${kind} should follow the format: \`# ${example} <description>\``);
  };
  for (const a of m.metaArgs) check('ARG', a.node, a.ins.args.map((x) => x.key));
  for (const s of m.stages) {
    if (s.from.stageName) check('FROM', s.node, [s.from.stageName]);
    for (const { node, ins } of s.items) if (ins.kind === 'ARG') check('ARG', node, ins.args.map((x) => x.key));
  }
}

/** NoEmptyContinuation, from the parser's warnings. */
export function checkEmptyContinuations(m: LintModel, ctx: LintContext): void {
  // Warnings and instructions are both in source order: walk them together.
  const nodes = m.ast.children;
  let i = 0;
  for (const w of m.ast.warnings) {
    while (i < nodes.length && nodes[i]!.range.end.line < w.range.start.line) i++;
    const node = i < nodes.length && nodes[i]!.range.start.line <= w.range.start.line ? nodes[i]! : null;
    ctx.report('NoEmptyContinuation', node, 'Empty continuation line', w.range);
  }
}
