/**
 * Every check `lintDockerfile` runs: BuildKit's build checks under their
 * upstream names (description and URL as BuildKit reports them), and
 * Layerlab's teaching rules. Each carries a short explanation for learners,
 * in English and Simplified Chinese.
 */

export interface LintRule {
  readonly name: string;
  /** One sentence: what the rule wants (BuildKit's Description for upstream rules). */
  readonly description: string;
  readonly url?: string;
  /** BuildKit runs it only when enabled with `# check=experimental=<name>`. */
  readonly experimental?: boolean;
  /** Rule from BuildKit (true) or one of ours (false). */
  readonly upstream: boolean;
  readonly explanation: { readonly en: string; readonly 'zh-CN': string };
}

const docs = (slug: string): string => `https://docs.docker.com/go/dockerfile/rule/${slug}/`;

const table: readonly LintRule[] = [
  {
    name: 'ConsistentInstructionCasing',
    description: 'All commands within the Dockerfile should use the same casing (either upper or lower)',
    url: docs('consistent-instruction-casing'),
    upstream: true,
    explanation: {
      en: 'Instruction keywords are case-insensitive, so `copy` and `COPY` do the same thing. Mixing styles makes a Dockerfile harder to scan; pick one (upper case is the convention) and use it everywhere.',
      'zh-CN': '指令关键字不区分大小写，`copy` 和 `COPY` 效果相同。混用两种写法会让 Dockerfile 难以阅读；请选定一种（惯例是大写）并在全文统一使用。',
    },
  },
  {
    name: 'FromAsCasing',
    description: "The 'as' keyword should match the case of the 'from' keyword",
    url: docs('from-as-casing'),
    upstream: true,
    explanation: {
      en: 'In `FROM image AS name`, write `AS` in the same case as `FROM` (`FROM … AS …` or `from … as …`). It changes nothing at build time but keeps the file consistent.',
      'zh-CN': '在 `FROM image AS name` 中，`AS` 的大小写应与 `FROM` 一致（`FROM … AS …` 或 `from … as …`）。这不影响构建结果，但能保持文件风格统一。',
    },
  },
  {
    name: 'StageNameCasing',
    description: 'Stage names should be lowercase',
    url: docs('stage-name-casing'),
    upstream: true,
    explanation: {
      en: 'Stage names are lower-cased by the builder: `AS Build` creates a stage called `build`. Writing the name in lower case avoids surprises when you refer to it in `COPY --from` or `--target`.',
      'zh-CN': '构建器会把阶段名转成小写：`AS Build` 实际创建的阶段名是 `build`。直接用小写命名，可以避免在 `COPY --from` 或 `--target` 中引用时出错。',
    },
  },
  {
    name: 'DuplicateStageName',
    description: 'Stage names should be unique',
    url: docs('duplicate-stage-name'),
    upstream: true,
    explanation: {
      en: 'Two stages with the same name make `COPY --from=<name>` and `--target <name>` ambiguous. Give every stage its own name.',
      'zh-CN': '两个同名阶段会让 `COPY --from=<name>` 和 `--target <name>` 产生歧义。请为每个阶段起不同的名字。',
    },
  },
  {
    name: 'ReservedStageName',
    description: 'Reserved words should not be used as stage names',
    url: docs('reserved-stage-name'),
    upstream: true,
    explanation: {
      en: '`scratch` (the empty image) and `context` (the build context) already have a meaning in `FROM` and `COPY --from`. A stage with one of these names hides that meaning.',
      'zh-CN': '`scratch`（空镜像）和 `context`（构建上下文）在 `FROM` 与 `COPY --from` 中已有特殊含义。用它们作阶段名会遮盖原本的含义。',
    },
  },
  {
    name: 'JSONArgsRecommended',
    description: 'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals',
    url: docs('json-args-recommended'),
    upstream: true,
    explanation: {
      en: 'In shell form, `CMD node server.js` runs as `/bin/sh -c "node server.js"`: the shell becomes PID 1 and does not forward SIGTERM, so `docker stop` waits 10 seconds and then kills your app. Exec form `CMD ["node", "server.js"]` makes your program PID 1, and it receives signals directly.',
      'zh-CN': 'shell 形式的 `CMD node server.js` 实际运行的是 `/bin/sh -c "node server.js"`：shell 成为 1 号进程，且不会转发 SIGTERM，于是 `docker stop` 要等 10 秒后强行杀死应用。exec 形式 `CMD ["node", "server.js"]` 让你的程序成为 1 号进程，能直接收到信号。',
    },
  },
  {
    name: 'MaintainerDeprecated',
    description: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author',
    url: docs('maintainer-deprecated'),
    upstream: true,
    explanation: {
      en: 'MAINTAINER only fills the legacy `Author` field. Use `LABEL org.opencontainers.image.authors="you@example.com"`, which tools that read OCI annotations understand.',
      'zh-CN': 'MAINTAINER 只会填写过时的 `Author` 字段。请改用 `LABEL org.opencontainers.image.authors="you@example.com"`，读取 OCI 标注的工具都能识别它。',
    },
  },
  {
    name: 'LegacyKeyValueFormat',
    description: 'Legacy key/value format with whitespace separator should not be used',
    url: docs('legacy-key-value-format'),
    upstream: true,
    explanation: {
      en: '`ENV key value` sets one variable to everything after the first space, which is easy to misread. `ENV key=value` is unambiguous and lets you set several variables in one instruction.',
      'zh-CN': '`ENV key value` 会把第一个空格之后的全部内容赋给一个变量，容易误读。`ENV key=value` 含义明确，还能在一条指令里设置多个变量。',
    },
  },
  {
    name: 'UndefinedVar',
    description: 'Variables should be defined before their use',
    url: docs('undefined-var'),
    upstream: true,
    explanation: {
      en: 'The builder replaces `$NAME` in COPY, ENV, WORKDIR and similar instructions with the value from an earlier ARG or ENV. An undefined variable silently becomes an empty string, which usually means a typo or a missing `ARG`.',
      'zh-CN': '构建器会把 COPY、ENV、WORKDIR 等指令中的 `$NAME` 替换成前面 ARG 或 ENV 定义的值。未定义的变量会悄悄变成空字符串，这通常意味着拼写错误或缺少 `ARG`。',
    },
  },
  {
    name: 'UndefinedArgInFrom',
    description: 'FROM command must use declared ARGs',
    url: docs('undefined-arg-in-from'),
    upstream: true,
    explanation: {
      en: 'A variable in a FROM line must be declared with `ARG` before the first FROM (only such global ARGs, and the predefined platform ARGs, are visible there).',
      'zh-CN': 'FROM 行中使用的变量必须在第一个 FROM 之前用 `ARG` 声明（只有这些全局 ARG 和预定义的平台 ARG 在 FROM 中可见）。',
    },
  },
  {
    name: 'InvalidDefaultArgInFrom',
    description: 'Default value for global ARG results in an empty or invalid base image name',
    url: docs('invalid-default-arg-in-from'),
    upstream: true,
    explanation: {
      en: 'When no `--build-arg` is given, the ARG default is used in FROM. If that default is empty or makes an invalid image reference, the build fails; give the ARG a sensible default.',
      'zh-CN': '没有传入 `--build-arg` 时，FROM 中使用的是 ARG 的默认值。如果默认值为空或拼出的镜像名无效，构建就会失败；请给 ARG 一个合理的默认值。',
    },
  },
  {
    name: 'WorkdirRelativePath',
    description: 'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes',
    url: docs('workdir-relative-path'),
    upstream: true,
    explanation: {
      en: 'A relative WORKDIR is resolved against the working directory inherited from the base image, which you do not control. Use an absolute path such as `WORKDIR /app`.',
      'zh-CN': '相对路径的 WORKDIR 是相对于基础镜像继承来的工作目录解析的，而那不由你控制。请使用绝对路径，例如 `WORKDIR /app`。',
    },
  },
  {
    name: 'NoEmptyContinuation',
    description: 'Empty continuation lines will become errors in a future release',
    url: docs('no-empty-continuation'),
    upstream: true,
    explanation: {
      en: 'A blank line inside a `\\`-continued instruction is skipped today, but it usually means a line was lost, and it will become an error. Remove the blank line or end the instruction before it.',
      'zh-CN': '用 `\\` 续行的指令中间出现空行，目前会被跳过，但这通常说明漏掉了一行，将来还会变成错误。请删掉空行，或在空行之前结束该指令。',
    },
  },
  {
    name: 'SecretsUsedInArgOrEnv',
    description: 'Sensitive data should not be used in the ARG or ENV commands',
    url: docs('secrets-used-in-arg-or-env'),
    upstream: true,
    explanation: {
      en: 'ARG and ENV values are stored in the image history and config, where anyone who pulls the image can read them. Pass secrets with `RUN --mount=type=secret` instead.',
      'zh-CN': 'ARG 和 ENV 的值会保存在镜像历史和配置中，任何拉取镜像的人都能看到。请改用 `RUN --mount=type=secret` 传递机密信息。',
    },
  },
  {
    name: 'CopyIgnoredFile',
    description: 'Attempting to Copy file that is excluded by .dockerignore',
    url: docs('copy-ignored-file'),
    upstream: true,
    explanation: {
      en: 'Files matched by `.dockerignore` are never sent to the builder, so COPY or ADD cannot see them and the build fails or copies less than you expect.',
      'zh-CN': '被 `.dockerignore` 匹配的文件根本不会发送给构建器，因此 COPY 或 ADD 看不到它们，构建会失败或复制的内容比预期少。',
    },
  },
  {
    name: 'RedundantTargetPlatform',
    description: 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
    url: docs('redundant-target-platform'),
    upstream: true,
    explanation: {
      en: 'FROM already pulls the variant for the target platform; `--platform=$TARGETPLATFORM` repeats the default. Remove it.',
      'zh-CN': 'FROM 默认就会拉取目标平台的镜像；`--platform=$TARGETPLATFORM` 只是重复默认行为，可以删掉。',
    },
  },
  {
    name: 'FromPlatformFlagConstDisallowed',
    description: 'FROM --platform flag should not use a constant value',
    url: docs('from-platform-flag-const-disallowed'),
    upstream: true,
    explanation: {
      en: 'A fixed `--platform=linux/amd64` forces that platform even when you build for another one. Use `$BUILDPLATFORM` or `$TARGETPLATFORM`, or name the stage after the platform if it is intentional.',
      'zh-CN': '写死的 `--platform=linux/amd64` 会在为其他平台构建时仍强制使用该平台。请使用 `$BUILDPLATFORM` 或 `$TARGETPLATFORM`；如果确实有意为之，请在阶段名中注明平台。',
    },
  },
  {
    name: 'ExposeProtoCasing',
    description: 'Protocol in EXPOSE instruction should be lowercase',
    url: docs('expose-proto-casing'),
    upstream: true,
    explanation: {
      en: 'Write the protocol in lower case: `EXPOSE 80/tcp`, `EXPOSE 53/udp`.',
      'zh-CN': '协议名请用小写：`EXPOSE 80/tcp`、`EXPOSE 53/udp`。',
    },
  },
  {
    name: 'ExposeInvalidFormat',
    description: 'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release',
    url: docs('expose-invalid-format'),
    upstream: true,
    explanation: {
      en: 'EXPOSE only documents the port the container listens on. Which host address and port to publish is decided at run time with `docker run -p`, not in the image.',
      'zh-CN': 'EXPOSE 只声明容器监听的端口。映射到宿主机的哪个地址和端口，要在运行时用 `docker run -p` 决定，而不是写进镜像。',
    },
  },
  {
    name: 'InvalidDefinitionDescription',
    description:
      'Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.',
    url: docs('invalid-definition-description'),
    experimental: true,
    upstream: true,
    explanation: {
      en: 'A comment directly above ARG or FROM … AS is read as its description when it starts with the name (`# version the release to build`). Start it with the name, or separate an unrelated comment with an empty `#` line.',
      'zh-CN': '紧贴在 ARG 或 FROM … AS 上方、以名字开头的注释会被当作其说明（如 `# version 要构建的版本`）。请以名字开头；若是无关注释，请用一行空的 `#` 隔开。',
    },
  },
  {
    name: 'MultipleInstructionsDisallowed',
    description: 'Multiple instructions of the same type should not be used in the same stage',
    url: docs('multiple-instructions-disallowed'),
    upstream: true,
    explanation: {
      en: 'An image has one CMD, one ENTRYPOINT and one HEALTHCHECK: each new one replaces the previous, so only the last in a stage counts. Keep just one.',
      'zh-CN': '一个镜像只有一个 CMD、一个 ENTRYPOINT 和一个 HEALTHCHECK：后写的会覆盖先写的，同一阶段中只有最后一条生效。请只保留一条。',
    },
  },
  {
    name: 'DockerfileParseError',
    description: 'The Dockerfile cannot be parsed',
    upstream: true,
    explanation: {
      en: 'The builder stops before running anything: an instruction is misspelled, has the wrong number of arguments or an unknown flag, or a heredoc or JSON array is not closed. The message names the line; fix it and build again.',
      'zh-CN': '构建器在执行任何步骤之前就停止了：某条指令拼写错误、参数个数不对、使用了未知的选项，或者 heredoc、JSON 数组没有闭合。错误信息给出了行号；改正后再构建。',
    },
  },
  // Layerlab teaching rules.
  {
    name: 'AptGetUpdateAlone',
    description: 'apt-get update should run in the same RUN as apt-get install',
    upstream: false,
    explanation: {
      en: 'Each RUN is a cached layer. If `apt-get update` is alone, its layer is reused for months while the `apt-get install` below it changes, so installs use a stale package index and may fail. Write `RUN apt-get update && apt-get install -y …` in one instruction.',
      'zh-CN': '每条 RUN 都是一个会被缓存的层。若 `apt-get update` 单独一行，它的层可能被复用好几个月，而下面的 `apt-get install` 却变了，于是安装时使用的是过期的软件包索引，可能失败。请写成一条：`RUN apt-get update && apt-get install -y …`。',
    },
  },
  {
    name: 'AptGetInstallNoYes',
    description: 'apt-get install needs -y in a Dockerfile',
    upstream: false,
    explanation: {
      en: 'A build has no keyboard: without `-y`, apt-get asks "Do you want to continue? [Y/n]", reads end-of-input and aborts. Add `-y` (or `--yes`).',
      'zh-CN': '构建过程没有键盘输入：不加 `-y` 时，apt-get 会询问 "Do you want to continue? [Y/n]"，读到输入结束后就放弃安装。请加上 `-y`（或 `--yes`）。',
    },
  },
  {
    name: 'AddWhereCopySuffices',
    description: 'Use COPY for local files; ADD is for URLs, Git repositories and archives to extract',
    upstream: false,
    explanation: {
      en: 'ADD has extra magic: it downloads URLs and unpacks local tar archives. For plain files COPY does the same job with no surprises, so prefer COPY and keep ADD for when you want that magic.',
      'zh-CN': 'ADD 带有额外的"魔法"：会下载 URL，还会自动解压本地 tar 包。复制普通文件时 COPY 效果相同且不会出乎意料，所以请优先使用 COPY，只在需要这些功能时才用 ADD。',
    },
  },
  {
    name: 'CopyAllBeforeInstall',
    description: 'Copy dependency manifests and install dependencies before copying the whole context',
    upstream: false,
    explanation: {
      en: '`COPY . .` changes whenever any file in the project changes, and every later step loses its cache. Copy only the dependency files first (`package.json`, `requirements.txt`, …), install, then `COPY . .`: editing code then reuses the cached install layer.',
      'zh-CN': '只要项目里任何文件变了，`COPY . .` 就会变，之后每一步的缓存都会失效。先只复制依赖清单（`package.json`、`requirements.txt` 等）并安装依赖，再 `COPY . .`：这样修改代码时就能复用已缓存的安装层。',
    },
  },
  {
    name: 'NoUser',
    description: 'The image runs as root: add a USER instruction',
    upstream: false,
    explanation: {
      en: 'Without USER the container\'s processes run as root (uid 0). If the app is compromised, the attacker is root inside the container, one step closer to the host. Create an unprivileged user and switch to it with `USER`.',
      'zh-CN': '没有 USER 指令时，容器内的进程以 root（uid 0）运行。一旦应用被攻破，攻击者在容器里就是 root，离宿主机更近一步。请创建一个普通用户并用 `USER` 切换过去。',
    },
  },
  {
    name: 'BaseImageLatest',
    description: 'Pin the base image to a specific tag',
    upstream: false,
    explanation: {
      en: 'An untagged image means `:latest`, which moves: the same Dockerfile builds on a different base next month, and cached layers no longer match. Name a version (`python:3.12-slim`), or a digest for full reproducibility.',
      'zh-CN': '不写标签就等于 `:latest`，而它会不断变化：同一个 Dockerfile 下个月可能基于不同的基础镜像构建，缓存也对不上。请写明版本（如 `python:3.12-slim`），要完全可复现就用摘要（digest）。',
    },
  },
];

/** Rules by name. */
export const lintRules: ReadonlyMap<string, LintRule> = new Map(table.map((r) => [r.name, r]));

/** The rule for parse errors reported by `lintDockerfile`. */
export const parseErrorRule = 'DockerfileParseError';
