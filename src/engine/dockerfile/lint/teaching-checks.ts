/**
 * Layerlab's teaching rules: habits that make images slow to rebuild,
 * fragile or insecure, each explained in `rules.ts`.
 */
import { goQuote } from '../go-text.ts';
import type { Instruction } from '../instructions/index.ts';
import type { LintContext, LintModel, LintStage } from './context.ts';

/** The shell text of a RUN (shell form, exec form and heredoc bodies). */
function runText(ins: Instruction): string {
  if (ins.kind !== 'RUN') return '';
  return [...ins.cmdLine, ...ins.files.map((f) => f.data)].join('\n');
}

/** What the apt-get invocations of a RUN do (tokens, not regular expressions: linear in the text). */
interface AptUse {
  readonly update: boolean;
  readonly install: boolean;
  readonly installWithoutYes: boolean;
}

const yesFlag = /^(?:-[a-zA-Z]*y[a-zA-Z]*|--yes|--assume-yes|--force-yes|-qq)$/;

function aptUse(text: string): AptUse {
  let update = false;
  let install = false;
  let installWithoutYes = false;
  for (const command of text.split(/&&|\|\||[;|\n]/)) {
    const tokens = command.split(/[\t ]+/).filter((t) => t !== '');
    const at = tokens.findIndex((t) => t === 'apt-get' || t === 'apt');
    if (at < 0) continue;
    let sub = '';
    for (let i = at + 1; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t === '-o' || t === '-c' || t === '-t') i++;
      else if (!t.startsWith('-')) {
        sub = t;
        break;
      }
    }
    if (sub === 'update') update = true;
    if (sub === 'install' || sub === 'upgrade' || sub === 'dist-upgrade' || sub === 'full-upgrade') {
      install = true;
      if (!tokens.slice(at + 1).some((t) => yesFlag.test(t))) installWithoutYes = true;
    }
  }
  return { update, install, installWithoutYes };
}

/** AptGetUpdateAlone and AptGetInstallNoYes. */
export function checkApt(m: LintModel, ctx: LintContext): void {
  for (const s of m.stages) {
    for (const { node, ins } of s.items) {
      const text = runText(ins);
      if (!text.includes('apt')) continue;
      const use = aptUse(text);
      if (use.update && !use.install) {
        ctx.report('AptGetUpdateAlone', node, 'apt-get update is alone in this RUN: its cached layer goes stale; run it in the same RUN as apt-get install');
      }
      if (use.installWithoutYes) {
        ctx.report('AptGetInstallNoYes', node, 'apt-get install without -y waits for a confirmation no one can type, and the build fails');
      }
    }
  }
}

const remote = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;
const archive = /\.(?:tar|tgz|tbz2?|txz|tar\.(?:gz|bz2|xz|zst|lz4)|gz|bz2|xz)$/i;

/** AddWhereCopySuffices: ADD of plain local files. */
export function checkAdd(m: LintModel, ctx: LintContext): void {
  for (const s of m.stages) {
    for (const { node, ins } of s.items) {
      if (ins.kind !== 'ADD' || ins.sourcePaths.length === 0) continue;
      if (ins.sourcePaths.some((p) => remote.test(p) || archive.test(p) || p.includes('$'))) continue;
      if (ins.unpack || ins.checksum || ins.keepGitDir) continue;
      ctx.report('AddWhereCopySuffices', node, `Use COPY instead of ADD to copy local files (${ins.sourcePaths.map(goQuote).join(', ')})`);
    }
  }
}

const installCmd =
  /\b(?:npm\s+(?:ci|install|i)\b|yarn(?:\s+install)?\s*(?:$|&&|;)|pnpm\s+(?:install|i)\b|pip3?\s+install\b|poetry\s+install\b|bundle\s+install\b|composer\s+install\b|go\s+mod\s+download\b|cargo\s+(?:build|fetch)\b|mvn\b|gradle\b)/;

/** CopyAllBeforeInstall: `COPY . .` followed by a dependency install in the same stage. */
export function checkCopyAllBeforeInstall(m: LintModel, ctx: LintContext): void {
  for (const s of m.stages) {
    const copyAll = s.items.find(({ ins }) => ins.kind === 'COPY' && ins.from === '' && ins.sourcePaths.some((p) => p === '.' || p === './'));
    if (!copyAll) continue;
    const after = s.items.slice(s.items.indexOf(copyAll) + 1);
    const install = after.find(({ ins }) => runText(ins).split(/&&|\|\||[;|\n]/).some((c) => installCmd.test(c)));
    if (install) {
      ctx.report(
        'CopyAllBeforeInstall',
        copyAll.node,
        `COPY . . comes before the dependency install on line ${install.node.range.start.line}: any source change invalidates the install's cache`,
      );
    }
  }
}

/** The stage a build targets by default: the last one. */
function finalStage(m: LintModel): LintStage | null {
  return m.stages.length > 0 ? m.stages[m.stages.length - 1]! : null;
}

/** NoUser: the final image runs as root. */
export function checkUser(m: LintModel, ctx: LintContext): void {
  const last = finalStage(m);
  if (!last || last.from.baseName.toLowerCase() === 'scratch') return;
  let user: string | null = null;
  for (let s: LintStage | null = last; s && user === null; s = s.parent) {
    for (const { ins } of s.items) if (ins.kind === 'USER') user = ins.user;
  }
  if (user === null) ctx.report('NoUser', last.node, 'No USER instruction: the container will run as root');
  else if (/^(?:root|0)(?::.*)?$/.test(user)) ctx.report('NoUser', last.node, `The final USER is ${user}: the container will run as root`);
}

/** BaseImageLatest: `FROM image` or `FROM image:latest` for an external image. */
export function checkBaseImageTag(m: LintModel, ctx: LintContext): void {
  const stages = new Set(m.stages.map((s) => s.from.stageName).filter((n) => n !== ''));
  for (const s of m.stages) {
    const ref = s.from.baseName;
    if (ref.includes('$') || ref.toLowerCase() === 'scratch' || stages.has(ref.toLowerCase()) || ref.includes('@')) continue;
    const lastSlash = ref.lastIndexOf('/');
    const colon = ref.indexOf(':', lastSlash + 1);
    const tag = colon < 0 ? '' : ref.slice(colon + 1);
    if (tag === '') ctx.report('BaseImageLatest', s.node, `FROM ${ref} has no tag, so it means ${ref}:latest, which changes over time; pin a version`);
    else if (tag === 'latest') ctx.report('BaseImageLatest', s.node, `FROM ${ref} uses the moving tag latest; pin a version`);
  }
}
