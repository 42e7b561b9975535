/**
 * httpd:2.4 on debian:bookworm, following the official Dockerfile: Apache
 * under /usr/local/apache2 (WORKDIR), `STOPSIGNAL SIGWINCH`,
 * `CMD ["httpd-foreground"]`.
 *
 * Simplification: the httpd binary is a single-applet stand-in.
 */
import { debianBase } from './debian.ts';
import { derive, env, meta } from './derive.ts';
import type { BaseImageRecipe } from './recipe.ts';

const CREATED = '2025-11-18T03:02:41Z';
const PREFIX = '/usr/local/apache2';

export const httpd: BaseImageRecipe = {
  repository: 'httpd',
  tags: ['latest', '2.4', '2', '2.4.65', 'bookworm', '2.4.65-bookworm'],
  description: 'The Apache HTTP Server Project',
  async build(ctx) {
    const base = await debianBase(ctx);
    const built = await derive(base, CREATED, [
      env('HTTPD_PREFIX', PREFIX),
      env('PATH', `${PREFIX}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`),
      { created_by: 'RUN /bin/sh -c mkdir -p "$HTTPD_PREFIX" \t&& chown www-data:www-data "$HTTPD_PREFIX" # buildkit', files: (t) => { t.dir(PREFIX); t.vfs.chown(PREFIX, 33, 33); } },
      meta(`WORKDIR ${PREFIX}`, { WorkingDir: PREFIX }),
      {
        created_by: 'RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tlibaprutil1-ldap \t\tlibldap-common \t; \trm -rf /var/lib/apt/lists/* # buildkit',
        reportedSize: 4_110_872,
        files: (t) => t.files('/usr/lib/x86_64-linux-gnu', ['libapr-1.so.0', 'libaprutil-1.so.0', 'libldap-2.5.so.0'], (n) => `\x7fELF ${n}\n`, 0o755),
      },
      env('HTTPD_VERSION', '2.4.65'),
      env('HTTPD_SHA256', '58b8be97d9940ec17f7656c0c6b9f41b618aac468b894b534148e3296c53b8b3'),
      env('HTTPD_PATCHES', ''),
      {
        created_by: 'RUN /bin/sh -c set -eux; \t\tsavedAptMark="$(apt-mark showmanual)"; \tapt-get update; \t… ./configure --build="$gnuArch" --prefix="$HTTPD_PREFIX" --enable-mods-shared=reallyall --enable-mpms-shared=all … ; \tmake -j "$(nproc)"; \tmake install; \t… httpd -v # buildkit',
        reportedSize: 34_218_553,
        files: (t) => {
          t.file(`${PREFIX}/bin/httpd`, ctx.tools.appletBinary('httpd'), 0o755);
          t.file(`${PREFIX}/conf/httpd.conf`, 'ServerRoot "/usr/local/apache2"\nListen 80\nUser www-data\nGroup www-data\nServerAdmin you@example.com\nDocumentRoot "/usr/local/apache2/htdocs"\n<Directory "/usr/local/apache2/htdocs">\n    Options Indexes FollowSymLinks\n    AllowOverride None\n    Require all granted\n</Directory>\nErrorLog /proc/self/fd/2\nLogLevel warn\n');
          t.file(`${PREFIX}/htdocs/index.html`, '<html><body><h1>It works!</h1></body></html>\n');
          t.dir(`${PREFIX}/logs`).dir(`${PREFIX}/modules`).dir(`${PREFIX}/cgi-bin`);
        },
      },
      meta('STOPSIGNAL SIGWINCH', { StopSignal: 'SIGWINCH' }),
      {
        created_by: 'COPY httpd-foreground /usr/local/bin/ # buildkit',
        reportedSize: 138,
        files: (t) => t.file('/usr/local/bin/httpd-foreground', '#!/bin/sh\nset -e\n\n# Apache gets grumpy about PID files pre-existing\nrm -f /usr/local/apache2/logs/httpd.pid\n\nexec httpd -DFOREGROUND "$@"\n', 0o755),
      },
      meta('EXPOSE map[80/tcp:{}]', { ExposedPorts: { '80/tcp': {} } }),
      meta('CMD ["httpd-foreground"]', { Cmd: ['httpd-foreground'] }),
    ], ctx);
    return built.image;
  },
};
