/**
 * node:22-alpine following the official Dockerfile: the `node` user and the
 * Node.js binary in one RUN layer, yarn in another, the entrypoint script,
 * `ENTRYPOINT ["docker-entrypoint.sh"]` and `CMD ["node"]`.
 *
 * Simplification: node is a single-applet stand-in; npm and yarn are stubs.
 */
import { utf8Decode } from '../../fs/utf8.ts';
import { alpineBase } from './alpine.ts';
import { derive, env, meta } from './derive.ts';
import type { BaseImageRecipe } from './recipe.ts';

const CREATED = '2025-10-29T01:03:52Z';

const ENTRYPOINT = `#!/bin/sh
set -e

# Run command with node if the first argument contains a "-" or is not a system command. The last
# part inside the "{}" is a workaround for the following bug in ash/dash:
# https://bugs.debian.org/cgi-bin/bugreport.cgi?bug=874264
if [ "\${1#-}" != "\${1}" ] || [ -z "$(command -v "\${1}")" ] || { [ -f "\${1}" ] && ! [ -x "\${1}" ]; }; then
  set -- node "$@"
fi

exec "$@"
`;

export const node: BaseImageRecipe = {
  repository: 'node',
  tags: ['22-alpine', 'lts-alpine', 'jod-alpine', '22.21-alpine', '22.21.1-alpine', '22-alpine3.22'],
  description: 'Node.js is a JavaScript-based platform for server-side and networking applications.',
  async build(ctx) {
    const base = await alpineBase(ctx);
    const built = await derive(base, CREATED, [
      env('NODE_VERSION', '22.21.1'),
      {
        created_by: 'RUN /bin/sh -c addgroup -g 1000 node     && adduser -u 1000 -G node -s /bin/sh -D node     && apk add --no-cache         libstdc++     && apk add --no-cache --virtual .build-deps         curl     && … node-v$NODE_VERSION-linux-$ARCH-musl.tar.xz …     && node --version     && npm --version # buildkit',
        reportedSize: 147_412_228,
        files: (t) => {
          t.file('/etc/passwd', `${utf8Decode(t.vfs.readFile('/etc/passwd'))}node:x:1000:1000::/home/node:/bin/sh\n`);
          t.file('/etc/group', `${utf8Decode(t.vfs.readFile('/etc/group'))}node:x:1000:node\n`);
          t.dir('/home/node');
          t.vfs.chown('/home/node', 1000, 1000);
          t.file('/usr/local/bin/node', ctx.tools.appletBinary('node'), 0o755);
          // npm-cli.js runs the userspace's npm (the real file is a node script).
          t.file('/usr/local/lib/node_modules/npm/bin/npm-cli.js', ctx.tools.appletBinary('npm'), 0o755);
          t.symlink('../lib/node_modules/npm/bin/npm-cli.js', '/usr/local/bin/npm');
          t.symlink('../lib/node_modules/npm/bin/npx-cli.js', '/usr/local/bin/npx');
          t.files('/usr/lib', ['libstdc++.so.6', 'libgcc_s.so.1'], (n) => `\x7fELF ${n}\n`, 0o755);
        },
      },
      env('YARN_VERSION', '1.22.22'),
      {
        created_by: 'RUN /bin/sh -c apk add --no-cache --virtual .build-deps-yarn curl gnupg tar   && … yarn-v$YARN_VERSION.tar.gz …   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarn /usr/local/bin/yarn   && yarn --version   && rm -rf /tmp/* # buildkit',
        reportedSize: 5_387_402,
        files: (t) => {
          t.file('/opt/yarn-v1.22.22/bin/yarn.js', '#!/usr/bin/env node\nrequire("../lib/cli.js");\n', 0o755);
          t.symlink('/opt/yarn-v1.22.22/bin/yarn.js', '/usr/local/bin/yarn').symlink('/opt/yarn-v1.22.22/bin/yarn.js', '/usr/local/bin/yarnpkg');
        },
      },
      { created_by: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit', reportedSize: 388, files: (t) => t.file('/usr/local/bin/docker-entrypoint.sh', ENTRYPOINT, 0o755) },
      meta('ENTRYPOINT ["docker-entrypoint.sh"]', { Entrypoint: ['docker-entrypoint.sh'] }),
      meta('CMD ["node"]', { Cmd: ['node'] }),
    ], ctx);
    return built.image;
  },
};
