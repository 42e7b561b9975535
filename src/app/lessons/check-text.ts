/**
 * Checks and their results in words, in English and Simplified Chinese:
 * what a check expects (shown before it runs) and what was found instead
 * (shown when it fails). Pure, so the tests read the same sentences the
 * learner does.
 */
import type { Locale } from '../state/preferences.svelte.ts';
import type { Actual, CheckResult } from './checks.ts';
import type { Check } from './lesson-model.ts';

const q = (s: string) => `\`${s}\``;
const list = (a: readonly string[]) => q(JSON.stringify(a));

function expectedEn(c: Check): string {
  switch (c.kind) {
    case 'image':
      return c.exists === false ? `Image ${q(c.image)} does not exist` : `Image ${q(c.image)} exists`;
    case 'image-layers':
      if (c.count !== undefined) return `Image ${q(c.image)} has ${c.count} layer${c.count === 1 ? '' : 's'}`;
      return `Image ${q(c.image)} has ${c.atLeast !== undefined ? `at least ${c.atLeast}` : ''}${c.atLeast !== undefined && c.atMost !== undefined ? ' and ' : ''}${c.atMost !== undefined ? `at most ${c.atMost}` : ''} layers`;
    case 'shared-layers':
      return `Images ${q(c.image)} and ${q(c.with)} share at least ${c.atLeast} bottom layer${c.atLeast === 1 ? '' : 's'}`;
    case 'image-config':
      return c.equals !== undefined ? `${q(c.field)} of image ${q(c.image)} is ${q(JSON.stringify(c.equals))}` : `${q(c.field)} of image ${q(c.image)} contains ${q(c.contains ?? '')}`;
    case 'image-size':
      return c.smallerThan !== undefined ? `Image ${q(c.image)} is smaller than ${q(c.smallerThan)}` : `Image ${q(c.image)} is at most ${c.atMost} bytes`;
    case 'image-file':
      if (c.exists === false) return `${q(c.path)} is not in image ${q(c.image)}`;
      if (c.content !== undefined) return `${q(c.path)} in image ${q(c.image)} holds ${q(c.content.trimEnd())}`;
      if (c.contains !== undefined) return `${q(c.path)} in image ${q(c.image)} contains ${q(c.contains)}`;
      if (c.notContains !== undefined) return `${q(c.path)} in image ${q(c.image)} does not contain ${q(c.notContains)}`;
      return `${q(c.path)} is in image ${q(c.image)}`;
    case 'build-step': {
      const which = c.instruction !== undefined ? q(c.instruction) : `step ${c.index}`;
      return `In the latest build, ${which} was ${c.cached ? 'taken from the cache (CACHED)' : 'rebuilt'}`;
    }
    case 'build-result':
      return c.failed ? 'The latest build failed' : 'The latest build succeeded';
    case 'container': {
      if (c.exists === false) return `Container ${q(c.container)} does not exist`;
      const parts = [`Container ${q(c.container)} exists`];
      if (c.image !== undefined) parts.push(`runs image ${q(c.image)}`);
      if (c.status !== undefined) parts.push(`is ${c.status}`);
      if (c.exitCode !== undefined) parts.push(`exited with code ${c.exitCode}`);
      return parts.join(', ');
    }
    case 'container-path':
      return {
        added: `${q(c.path)} was added in the layer of container ${q(c.container)} (A)`,
        changed: `${q(c.path)} was copied up and changed in the layer of container ${q(c.container)} (C)`,
        deleted: `${q(c.path)} is whited out in the layer of container ${q(c.container)} (D)`,
      }[c.change];
    case 'container-diff':
      return `${q(`docker diff ${c.container}`)} prints ${q(c.equals.join(', '))}`;
    case 'argv':
      return c.container !== undefined
        ? `Container ${q(c.container)} ran ${list(c.equals)}`
        : `${q(['docker run', ...(c.entrypoint !== undefined ? [`--entrypoint ${c.entrypoint || "''"}`] : []), c.image ?? '', ...(c.args ?? [])].join(' '))} would run ${list(c.equals)}`;
    case 'registry-tag':
      return `${q(c.ref)} was pushed to its registry`;
    case 'command-output': {
      const parts = [`${q(c.run)}`];
      if (c.exitCode !== undefined) parts.push(`exits with ${c.exitCode}`);
      if (c.contains !== undefined) parts.push(`prints ${q(c.contains)}`);
      if (c.notContains !== undefined) parts.push(`does not print ${q(c.notContains)}`);
      if (c.equalsOutputOf !== undefined) parts.push(`prints the same as ${q(c.equalsOutputOf)}`);
      return parts.join(', ');
    }
    case 'workspace-file':
      if (c.exists === false) return `The build context has no ${q(c.path)}`;
      return c.contains !== undefined ? `${q(c.path)} in the build context contains ${q(c.contains)}` : `The build context has ${q(c.path)}`;
  }
}

function expectedZh(c: Check): string {
  switch (c.kind) {
    case 'image':
      return c.exists === false ? `镜像 ${q(c.image)} 不存在` : `镜像 ${q(c.image)} 存在`;
    case 'image-layers':
      if (c.count !== undefined) return `镜像 ${q(c.image)} 有 ${c.count} 层`;
      return `镜像 ${q(c.image)} 的层数${c.atLeast !== undefined ? `不少于 ${c.atLeast}` : ''}${c.atLeast !== undefined && c.atMost !== undefined ? '且' : ''}${c.atMost !== undefined ? `不多于 ${c.atMost}` : ''}`;
    case 'shared-layers':
      return `镜像 ${q(c.image)} 与 ${q(c.with)} 至少共用底部的 ${c.atLeast} 层`;
    case 'image-config':
      return c.equals !== undefined ? `镜像 ${q(c.image)} 的 ${q(c.field)} 为 ${q(JSON.stringify(c.equals))}` : `镜像 ${q(c.image)} 的 ${q(c.field)} 包含 ${q(c.contains ?? '')}`;
    case 'image-size':
      return c.smallerThan !== undefined ? `镜像 ${q(c.image)} 比 ${q(c.smallerThan)} 小` : `镜像 ${q(c.image)} 不超过 ${c.atMost} 字节`;
    case 'image-file':
      if (c.exists === false) return `镜像 ${q(c.image)} 中没有 ${q(c.path)}`;
      if (c.content !== undefined) return `镜像 ${q(c.image)} 中的 ${q(c.path)} 内容为 ${q(c.content.trimEnd())}`;
      if (c.contains !== undefined) return `镜像 ${q(c.image)} 中的 ${q(c.path)} 包含 ${q(c.contains)}`;
      if (c.notContains !== undefined) return `镜像 ${q(c.image)} 中的 ${q(c.path)} 不包含 ${q(c.notContains)}`;
      return `镜像 ${q(c.image)} 中有 ${q(c.path)}`;
    case 'build-step': {
      const which = c.instruction !== undefined ? q(c.instruction) : `第 ${c.index} 步`;
      return `最近一次构建中，${which}${c.cached ? '命中了构建缓存（CACHED）' : '被重新执行'}`;
    }
    case 'build-result':
      return c.failed ? '最近一次构建失败' : '最近一次构建成功';
    case 'container': {
      if (c.exists === false) return `容器 ${q(c.container)} 不存在`;
      const parts = [`容器 ${q(c.container)} 存在`];
      if (c.image !== undefined) parts.push(`使用镜像 ${q(c.image)}`);
      if (c.status !== undefined) parts.push(`状态为 ${c.status}`);
      if (c.exitCode !== undefined) parts.push(`退出码为 ${c.exitCode}`);
      return parts.join('，');
    }
    case 'container-path':
      return {
        added: `容器 ${q(c.container)} 的可写层中新增了 ${q(c.path)}（A）`,
        changed: `容器 ${q(c.container)} 的可写层中 ${q(c.path)} 经写时复制后被修改（C）`,
        deleted: `容器 ${q(c.container)} 的可写层中 ${q(c.path)} 被 whiteout 标记删除（D）`,
      }[c.change];
    case 'container-diff':
      return `${q(`docker diff ${c.container}`)} 输出 ${q(c.equals.join(', '))}`;
    case 'argv':
      return c.container !== undefined
        ? `容器 ${q(c.container)} 运行的是 ${list(c.equals)}`
        : `${q(['docker run', ...(c.entrypoint !== undefined ? [`--entrypoint ${c.entrypoint || "''"}`] : []), c.image ?? '', ...(c.args ?? [])].join(' '))} 将运行 ${list(c.equals)}`;
    case 'registry-tag':
      return `${q(c.ref)} 已推送到镜像仓库`;
    case 'command-output': {
      const parts = [`${q(c.run)}`];
      if (c.exitCode !== undefined) parts.push(`退出码为 ${c.exitCode}`);
      if (c.contains !== undefined) parts.push(`输出包含 ${q(c.contains)}`);
      if (c.notContains !== undefined) parts.push(`输出不包含 ${q(c.notContains)}`);
      if (c.equalsOutputOf !== undefined) parts.push(`输出与 ${q(c.equalsOutputOf)} 相同`);
      return parts.join('，');
    }
    case 'workspace-file':
      if (c.exists === false) return `构建上下文中没有 ${q(c.path)}`;
      return c.contains !== undefined ? `构建上下文中的 ${q(c.path)} 包含 ${q(c.contains)}` : `构建上下文中有 ${q(c.path)}`;
  }
}

/** What the check expects, as one sentence (Markdown inline code in backticks). */
export function describeCheck(check: Check, locale: Locale): string {
  return locale === 'zh-CN' ? expectedZh(check) : expectedEn(check);
}

/** What was found instead, as one sentence; empty for a passing check. */
export function describeActual(actual: Actual, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (actual.code) {
    case 'ok':
      return '';
    case 'no-image':
      return zh ? `没有镜像 ${q(actual.ref)}` : `there is no image ${q(actual.ref)}`;
    case 'no-container':
      return zh ? `没有容器 ${q(actual.name)}` : `there is no container ${q(actual.name)}`;
    case 'no-file':
      return zh ? `找不到 ${q(actual.path)}` : `${q(actual.path)} is not there`;
    case 'no-build':
      return zh ? '还没有运行过 `docker build`' : 'no `docker build` has run yet';
    case 'no-step':
      return zh ? '最近一次构建中没有这一步' : 'the latest build has no such step';
    case 'not-pushed':
      return zh ? `还没有推送过 ${q(actual.ref)}` : `${q(actual.ref)} has not been pushed`;
    case 'value':
      return actual.value.includes('\n') ? (zh ? '实际为：\n' : 'found:\n') + actual.value : zh ? `实际为 ${q(actual.value)}` : `found ${q(actual.value)}`;
    case 'unavailable':
      return zh ? '这里无法检查这一项' : 'this check cannot run here';
    case 'error':
      return zh ? `检查时出错：${actual.message}` : `the check failed to run: ${actual.message}`;
  }
}

/** Expected and actual for one result: the sentences the runner shows. */
export function describeResult(r: CheckResult, locale: Locale): { expected: string; actual: string } {
  return { expected: describeCheck(r.check, locale), actual: describeActual(r.actual, locale) };
}
