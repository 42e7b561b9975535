import type { Locale } from '../state/preferences.svelte.ts';

/**
 * The visualisations' strings, in English and Simplified Chinese (as
 * state/messages.ts: the Chinese table is typed against the English keys).
 * `{name}` placeholders are filled by `vt`. Engine explanations (ExplainStep,
 * CacheDecision) arrive in English; `rule:<id>` / `cache:<code>` keys give
 * their Chinese rendering from the same detail values.
 */
const en = {
  // step controls
  stepControls: 'Step through',
  first: 'First step (Home)',
  back: 'Previous step (←)',
  forward: 'Next step (→)',
  last: 'Last step (End)',
  play: 'Play (Space)',
  pause: 'Pause (Space)',
  stepOf: 'Step {n} of {total}',
  noSteps: 'Nothing to show yet.',
  // layer stack
  layersEmpty: 'No image yet. Pull or build one, e.g. `docker pull busybox` or `docker run busybox echo hi`.',
  pickImage: 'Image or container',
  pickImageOnly: 'Image',
  layerN: 'Layer {n}',
  containerLayer: 'Container layer (read-write)',
  imageLayers: 'Image layers (read-only)',
  files: '+{added} ~{changed} −{removed}',
  filesLong: '{added} added, {changed} changed, {removed} removed',
  sharedWith: 'Shared with {names}: saves {bytes}',
  notShared: 'Used only by this image',
  totalSaved: 'Layer sharing saves {bytes} on this engine',
  capLayer: 'Layer {n} of {total}, {size}: made by {by}. It adds {added} files, changes {changed} and removes {removed}.',
  capLayerShared: 'This layer is stored once and shared with {names}, saving {bytes}.',
  capContainer: 'On top sits the container {name}’s writable layer ({size}): {added} files added, {changed} changed, {removed} deleted (whiteouts). The image layers below never change.',
  capContainerNone: 'A container would add one thin writable layer on top; the image layers stay read-only and shared.',
  emptyCreatedBy: '(no history)',
  // explorer
  explorerEmpty: 'No image yet. Pull or build one to explore it.',
  efficiency: 'Efficiency {score}',
  wasted: 'Wasted space {bytes}',
  wastedHelp: 'Files stored in more than one layer: deleting or overwriting a file in a later layer does not make the image smaller.',
  onlyChanges: 'Only changes',
  capExplore: 'Layer {n}: {by}. {added} added, {changed} changed, {removed} removed ({size}).',
  capExploreWaste: 'Wasted in this image: {bytes} in {count} paths, e.g. {path} ({copies} copies).',
  changeAdded: 'added',
  changeChanged: 'changed',
  changeRemoved: 'removed',
  changeOpaque: 'opaque',
  changeUnchanged: 'unchanged',
  fileTree: 'Files of layer {n}',
  moreRows: '{n} more entries: scroll',
  // copy-on-write
  cowEmpty: 'No file changes in a container yet. Try `docker run --name demo busybox sh -c "echo hi >> /etc/passwd; rm /etc/group; mkdir /tmp/d"`.',
  pickContainer: 'Container',
  driver: 'Storage driver',
  upper: 'container layer',
  lower: 'layer {n}',
  lookupHere: 'found here',
  dmImage: 'the image’s thin device: its {n} layers in one block device',
  dmContainer: 'thin snapshot of the image’s device',
  lookupMiss: 'not here',
  copiedBytes: 'copies {bytes}',
  lookups: '{n} lookups',
  capCreate: '{op} {path}: no layer has it, so it is created in the container layer.',
  capWrite: '{op} {path}: the file is already in the container layer, so it is changed there.',
  capCopyUp: '{op} {path}: found in layer {from}; first the whole file ({bytes}) is copied up into the container layer, then it is changed there.',
  capRemoveWhiteout: '{op} {path}: it lives in a read-only layer, so a whiteout is left in the container layer to hide it.',
  capRemoveUpper: '{op} {path}: it existed only in the container layer, so it is simply removed.',
  capOpaque: '{op} {path}: it was deleted before, so the new directory is opaque: nothing below shows through.',
  capRename: '{op} {path} → {dest}: done in the container layer (copied up first if needed).',
  capChange: '{op} {path}: a metadata change also copies the file up first when it is in a lower layer.',
  // build cache
  buildEmpty: 'No build yet. Write a Dockerfile in the editor, then run `docker build -t app .` in the terminal.',
  buildPending: 'The builder is not available in this version yet.',
  pickBuild: 'Build',
  cached: 'CACHED',
  executed: 'executed',
  failed: 'failed',
  whatIf: 'What if…',
  whatIfHelp: 'Edit the Dockerfile (or a file it copies), then preview: the steps that would run again are shown before you build.',
  preview: 'Preview the next build',
  previewing: 'Previewing…',
  previewFailed: 'Preview failed: {message}',
  wouldRebuild: 'would run',
  wouldCache: 'from cache',
  capBuildStep: 'Line {line}, {instruction}: {decision}',
  capBuildCascade: 'After this first miss, every later step of the stage runs again, even unchanged ones.',
  capBuildDone: 'Build {id}: {cached} of {total} steps from the cache.',
  // cmd
  cmdEmpty: 'No container yet. Try `docker run busybox echo hi`, or `docker run --entrypoint ls busybox -l /`.',
  pickRun: 'Container',
  imageEntrypoint: 'Image ENTRYPOINT',
  imageCmd: 'Image CMD',
  runArgs: 'docker run arguments',
  entrypointFlag: '--entrypoint',
  finalArgv: 'Final command (PID 1)',
  none: 'none',
  notGiven: 'not given',
  pid1: 'PID 1',
  sigtermYes: 'docker stop’s SIGTERM reaches the application',
  sigtermNo: 'docker stop’s SIGTERM does not reach the application (SIGKILL after the timeout)',
  // architecture
  archEmpty: 'No docker command yet. Run one in the terminal and see the REST calls it made.',
  pickCommand: 'Command',
  client: 'docker CLI (client)',
  daemon: 'dockerd (Engine API)',
  registry: 'registry',
  capCall: '{from} → {to}: {method} {path} → {status}',
  capNested: '{from} → {to} (while serving the call above): {method} {path} → {status}',
  capCallFailed: '{from} → {to}: {method} {path} failed: {status}',
  untracked: 'Calls not started from the terminal',
} as const;

export type VizKey = keyof typeof en;

const zhCN: Readonly<Record<VizKey, string>> = {
  stepControls: '逐步查看',
  first: '第一步（Home）',
  back: '上一步（←）',
  forward: '下一步（→）',
  last: '最后一步（End）',
  play: '播放（空格）',
  pause: '暂停（空格）',
  stepOf: '第 {n} 步，共 {total} 步',
  noSteps: '暂时没有可显示的内容。',
  layersEmpty: '还没有镜像。先拉取或构建一个，例如 `docker pull busybox` 或 `docker run busybox echo hi`。',
  pickImage: '镜像或容器',
  pickImageOnly: '镜像',
  layerN: '第 {n} 层',
  containerLayer: '容器层（可读写）',
  imageLayers: '镜像层（只读）',
  files: '+{added} ~{changed} −{removed}',
  filesLong: '新增 {added} 个、修改 {changed} 个、删除 {removed} 个',
  sharedWith: '与 {names} 共享：节省 {bytes}',
  notShared: '只有这个镜像在用',
  totalSaved: '层共享在这个引擎上节省了 {bytes}',
  capLayer: '第 {n} 层（共 {total} 层），{size}：由 {by} 生成。新增 {added} 个文件，修改 {changed} 个，删除 {removed} 个。',
  capLayerShared: '这一层只存一份，与 {names} 共享，节省 {bytes}。',
  capContainer: '最上面是容器 {name} 的可写层（{size}）：新增 {added} 个文件，修改 {changed} 个，删除 {removed} 个（whiteout）。下面的镜像层从不改变。',
  capContainerNone: '容器会在最上面加一个很薄的可写层；镜像层保持只读并被共享。',
  emptyCreatedBy: '（没有历史记录）',
  explorerEmpty: '还没有镜像。先拉取或构建一个再来浏览。',
  efficiency: '效率 {score}',
  wasted: '浪费空间 {bytes}',
  wastedHelp: '存在于多个层中的文件：在后面的层里删除或覆盖文件并不会让镜像变小。',
  onlyChanges: '只看变化',
  capExplore: '第 {n} 层：{by}。新增 {added} 个，修改 {changed} 个，删除 {removed} 个（{size}）。',
  capExploreWaste: '这个镜像浪费了 {bytes}，涉及 {count} 个路径，例如 {path}（{copies} 份）。',
  changeAdded: '新增',
  changeChanged: '修改',
  changeRemoved: '删除',
  changeOpaque: '不透明',
  changeUnchanged: '未变',
  fileTree: '第 {n} 层的文件',
  moreRows: '还有 {n} 项：请滚动',
  cowEmpty: '容器里还没有文件变化。试试 `docker run --name demo busybox sh -c "echo hi >> /etc/passwd; rm /etc/group; mkdir /tmp/d"`。',
  pickContainer: '容器',
  driver: '存储驱动',
  upper: '容器层',
  lower: '第 {n} 层',
  lookupHere: '在这里找到',
  dmImage: '镜像的 thin 设备：它的 {n} 层合在一个块设备里',
  dmContainer: '镜像设备的 thin 快照',
  lookupMiss: '不在这里',
  copiedBytes: '复制 {bytes}',
  lookups: '查找 {n} 处',
  capCreate: '{op} {path}：没有任何层有它，所以在容器层中新建。',
  capWrite: '{op} {path}：文件已经在容器层里，直接在那里修改。',
  capCopyUp: '{op} {path}：在第 {from} 层找到；先把整个文件（{bytes}）复制到容器层（copy-up），再在那里修改。',
  capRemoveWhiteout: '{op} {path}：它在只读层里，所以在容器层留下一个 whiteout 把它遮住。',
  capRemoveUpper: '{op} {path}：它只存在于容器层，直接删除即可。',
  capOpaque: '{op} {path}：这个目录之前被删除过，所以新目录是不透明（opaque）的：下面的内容都不会显示。',
  capRename: '{op} {path} → {dest}：在容器层中完成（需要时先 copy-up）。',
  capChange: '{op} {path}：修改元数据时，如果文件在下层，也要先 copy-up。',
  buildEmpty: '还没有构建。在编辑器里写好 Dockerfile，然后在终端运行 `docker build -t app .`。',
  buildPending: '这个版本还没有构建器。',
  pickBuild: '构建',
  cached: 'CACHED',
  executed: '已执行',
  failed: '失败',
  whatIf: '如果……会怎样',
  whatIfHelp: '修改 Dockerfile（或它复制的文件），然后预览：在构建之前就能看到哪些步骤会重新运行。',
  preview: '预览下一次构建',
  previewing: '正在预览…',
  previewFailed: '预览失败：{message}',
  wouldRebuild: '会重新运行',
  wouldCache: '使用缓存',
  capBuildStep: '第 {line} 行，{instruction}：{decision}',
  capBuildCascade: '第一次缓存未命中之后，这个阶段后面的所有步骤都会重新运行，即使它们没有改变。',
  capBuildDone: '构建 {id}：{total} 个步骤中有 {cached} 个来自缓存。',
  cmdEmpty: '还没有容器。试试 `docker run busybox echo hi`，或 `docker run --entrypoint ls busybox -l /`。',
  pickRun: '容器',
  imageEntrypoint: '镜像的 ENTRYPOINT',
  imageCmd: '镜像的 CMD',
  runArgs: 'docker run 参数',
  entrypointFlag: '--entrypoint',
  finalArgv: '最终命令（PID 1）',
  none: '无',
  notGiven: '未指定',
  pid1: 'PID 1',
  sigtermYes: 'docker stop 发出的 SIGTERM 能到达应用',
  sigtermNo: 'docker stop 发出的 SIGTERM 到达不了应用（超时后被 SIGKILL）',
  archEmpty: '还没有 docker 命令。在终端运行一条，就能看到它发出的 REST 调用。',
  pickCommand: '命令',
  client: 'docker CLI（客户端）',
  daemon: 'dockerd（Engine API）',
  registry: '镜像仓库',
  capCall: '{from} → {to}：{method} {path} → {status}',
  capNested: '{from} → {to}（在处理上面的调用时）：{method} {path} → {status}',
  capCallFailed: '{from} → {to}：{method} {path} 失败：{status}',
  untracked: '不是从终端发起的调用',
};

const TABLES: Readonly<Record<Locale, Readonly<Record<VizKey, string>>>> = { en, 'zh-CN': zhCN };

/** Fills `{name}` placeholders. */
export function fill(text: string, vars: Readonly<Record<string, string | number>> = {}): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (vars[k] !== undefined ? String(vars[k]) : m));
}

export function vt(locale: Locale, key: VizKey, vars?: Readonly<Record<string, string | number>>): string {
  return fill(TABLES[locale][key], vars);
}

export const VIZ_KEYS = Object.keys(en) as VizKey[];

const show = (v: unknown): string => (v === null || v === undefined ? '无' : JSON.stringify(v));

/**
 * Chinese renderings of the engine's ExplainStep rules (resolveCommand,
 * describePid1), from their detail values. English uses the engine's own text.
 */
const RULES_ZH: Readonly<Record<string, (d: Readonly<Record<string, unknown>>) => string>> = {
  'image.config': (d) => `镜像设置了 Entrypoint ${show(d.Entrypoint)} 和 Cmd ${show(d.Cmd)}。`,
  'cli.entrypoint-flag': (d) => `--entrypoint ${show((d.entrypoint as string[] | undefined)?.[0])} 整体成为入口点（不会按空格拆分）。`,
  'cli.entrypoint-flag-empty': () => '--entrypoint "" 表示不要入口点；CLI 发送 [""]。',
  'cli.args': (d) => `镜像名之后的参数 ${show(d.args)} 替换了镜像的 Cmd。`,
  'merge.inherit-cmd': (d) => `没有给出参数，所以使用镜像的 Cmd ${show(d.Cmd)}。`,
  'merge.inherit-entrypoint': (d) => `使用镜像的 Entrypoint ${show(d.Entrypoint)}。`,
  'merge.entrypoint-flag-drops-cmd': (d) => `因为给了 --entrypoint，镜像的 Cmd ${show(d.Cmd)} 不再使用。`,
  'verify.reset-empty-entrypoint': () => '守护进程把入口点 [""] 当作没有入口点。',
  'verify.no-command': (d) => `既没有入口点也没有命令，守护进程拒绝创建容器：${String(d.error ?? '')}。`,
  'argv.join': (d) => `PID 1 运行 ${show(d.argv)}（Entrypoint 在前，Cmd 在后）。`,
  'pid1.shell': (d) => `PID 1 是 shell ${String(d.shell)}，它运行命令字符串 ${show(d.script)}。`,
  'argv.shell-entrypoint-ignores-cmd': (d) => `Entrypoint 是 shell 形式，所以 Cmd 的词 ${show(d.cmdWords)} 只会成为 shell 的 $0、$1……，命令字符串用不到它们。`,
  'signals.init-forwards': (d) => `PID 1 是 ${String(d.pid1)}，一个精简的 init：它把 SIGTERM 转发给应用，并回收僵尸进程。`,
  'signals.app-is-pid1': (d) => `PID 1 就是 ${String(d.pid1)} 本身（exec 形式），docker stop 的 SIGTERM 直接发给它。作为 PID 1，它必须自己处理 SIGTERM：内核不会对 PID 1 执行默认动作。`,
  'signals.exec-replaces-shell': () => '命令字符串以 exec 开头，shell 用应用替换自己，应用成为 PID 1 并收到 docker stop 的 SIGTERM。',
  'signals.shell-wraps-app': (d) => `shell 形式：${String(d.shell)} -c 把应用作为子进程运行。docker stop 把 SIGTERM 发给 PID 1（shell），shell 不会转发；超时后容器被 SIGKILL 杀掉。`,
};

/** An engine ExplainStep in the UI's language. */
export function explainText(locale: Locale, step: { readonly rule: string; readonly text: string; readonly detail: Readonly<Record<string, unknown>> }): string {
  if (locale === 'en') return step.text;
  return RULES_ZH[step.rule]?.(step.detail) ?? step.text;
}

/** Chinese renderings of the builder's cache decision codes (src/api/build.ts CacheDecision). */
const CACHE_ZH: Readonly<Record<string, string>> = {
  cached: '缓存命中：父层和指令都与以前的构建相同。',
  'no-cache': '使用了 --no-cache（或 --no-cache-filter），不查缓存。',
  'first-build': '以前从没有用这个父层和这条指令构建过。',
  'parent-changed': '前面的步骤重新构建了，所以这一步也要重新运行。',
  'base-changed': 'FROM 解析到了另一个镜像。',
  'instruction-changed': '指令文本（展开变量后）变了。',
  'content-changed': 'COPY/ADD 复制的文件内容变了。',
  'build-arg-changed': '这一步能看到的构建参数（ARG）的值变了。',
  'env-changed': '这一步能看到的环境变量（ENV）的值变了。',
  'not-cacheable': '这一步（FROM、传输构建上下文）从不按缓存键缓存。',
};

/** A CacheDecision's sentence in the UI's language. */
export function cacheText(locale: Locale, decision: { readonly code: string; readonly message: string }): string {
  if (locale === 'en') return decision.message;
  return CACHE_ZH[decision.code] ?? decision.message;
}

/** Bytes as a learner reads them (docker's units: kB, MB, base 1000). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** Chinese renderings of the storage-driver steps (src/engine/storage-viz.ts rules). */
/** A layer named in a driver step's detail: `upper` or a 1-based layer number. */
const zhLayer = (v: string | number | undefined, aufs: boolean) => (v === 'upper' ? (aufs ? '可写分支' : 'upper 目录') : aufs ? `第 ${v} 层的分支` : `第 ${v} 层的 lowerdir`);

const DRIVER_ZH: Readonly<Record<string, (d: Readonly<Record<string, string | number>>) => string>> = {
  'overlay2.lookup-miss': (d) => `自上而下在 ${d.lookups} 处查找 ${d.path}：没有任何层有它。`,
  'aufs.lookup-miss': (d) => `自上而下在 ${d.lookups} 个分支中查找 ${d.path}：都没有。`,
  'overlay2.lookup': (d) => `自上而下查找 ${d.path}，查了 ${d.lookups} 处后在${zhLayer(d.foundLayer, false)}找到。`,
  'aufs.lookup': (d) => `逐个分支自上而下查找 ${d.path}，查了 ${d.lookups} 处后在${zhLayer(d.foundLayer, true)}找到。`,
  'overlay2.copy-up': (d) => `把整个 ${d.path}（${d.bytes} 字节）从${zhLayer(d.fromLayer, false)}复制到 upper 目录（copy-up）。`,
  'aufs.copy-up': (d) => `把整个 ${d.path}（${d.bytes} 字节）从${zhLayer(d.fromLayer, true)}复制到可写分支（copy-up）。`,
  'overlay2.whiteout': (d) => `在 upper 目录的 ${d.path} 处创建 whiteout（字符设备 0/0）：下层仍然保存着它，只是被遮住。`,
  'aufs.whiteout': (d) => `在可写分支里创建文件 ${d.name}：下面的分支仍然保存着 ${d.path}，只是被遮住。`,
  'overlay2.remove-upper': (d) => `从 upper 目录删除 ${d.path}；下层没有它，不需要 whiteout。`,
  'aufs.remove-upper': (d) => `从可写分支删除 ${d.path}；下层没有它，不需要 whiteout。`,
  'overlay2.opaque': (d) => `把 ${d.path} 标记为不透明（xattr trusted.overlay.opaque=y）：下面的内容都不显示。`,
  'aufs.opaque': (d) => `在可写分支的 ${d.path} 中放入 .wh..wh..opq：下面的内容都不显示。`,
  'overlay2.metadata': (d) => `在 upper 目录中修改 ${d.path} 的元数据。`,
  'aufs.metadata': (d) => `在可写分支中修改 ${d.path} 的元数据。`,
  'overlay2.rename': (d) => `在 upper 目录中把 ${d.path} 移到 ${d.dest}。`,
  'aufs.rename': (d) => `在可写分支中把 ${d.path} 移到 ${d.dest}。`,
  'overlay2.write': (d) => `向 upper 目录中的 ${d.path} 写入 ${d.bytes} 字节；下面的层永远不变。`,
  'aufs.write': (d) => `向可写分支中的 ${d.path} 写入 ${d.bytes} 字节；下面的分支永远不变。`,
  'overlay2.create': (d) => `在 upper 目录中新建 ${d.path}；下面的层永远不变。`,
  'aufs.create': (d) => `在可写分支中新建 ${d.path}；下面的分支永远不变。`,
  'devicemapper.create': (d) => `在文件系统中新建 ${d.path}：它的 inode 和目录项写入 thin 设备上一个新写的 64 KiB 块。`,
  'devicemapper.lookup': (d) => `容器的文件系统在它自己的 thin 设备上（镜像设备的快照）：像普通文件系统一样查找 ${d.path}，没有层需要搜索。`,
  'devicemapper.remove': (d) => `在文件系统中释放 ${d.path} 的 inode：只复制被修改的元数据块（64 KiB）；数据仍在镜像设备中，也没有 whiteout。`,
  'devicemapper.metadata': (d) => `修改 ${d.path} 的元数据：所在的块在第一次写入时被复制（64 KiB）；文件的数据块仍然共享。`,
  'devicemapper.block-cow': (d) => `写入 ${d.bytes} 字节：只有 ${d.blocks} 个 64 KiB 的块被写时复制；这个 ${d.fileBytes} 字节文件的其余部分仍与镜像共享。`,
  'devicemapper.allocate': (d) => `把 ${d.bytes} 字节写入 thin pool 中新分配的 ${d.blocks} 个 64 KiB 块。`,
};

/** A storage-driver step in the UI's language. */
export function driverText(locale: Locale, step: { readonly rule: string; readonly text: string; readonly detail: Readonly<Record<string, string | number>> }): string {
  if (locale === 'en') return step.text;
  return DRIVER_ZH[step.rule]?.(step.detail) ?? step.text;
}
