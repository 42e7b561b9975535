/**
 * nginx:1.29 on debian:bookworm, with the official Dockerfile's steps: the
 * package install as one RUN layer, the entrypoint scripts as small COPY
 * layers, `STOPSIGNAL SIGQUIT`, `EXPOSE 80/tcp`.
 *
 * Simplification: /usr/sbin/nginx is a single-applet stand-in the runtime
 * may or may not run; the default page and configuration are real text.
 */
import { utf8Decode } from '../../fs/utf8.ts';
import { debianBase } from './debian.ts';
import { derive, env, meta } from './derive.ts';
import type { Step } from './derive.ts';
import type { BaseImageRecipe } from './recipe.ts';

const CREATED = '2025-11-18T02:15:08Z';

const INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

const script = (name: string, body: string): Step['files'] => (t) => t.file(name, `#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n\n${body}\n`, 0o775);

export const nginx: BaseImageRecipe = {
  repository: 'nginx',
  tags: ['latest', '1.29', '1.29.3', 'mainline', 'bookworm', '1', '1.29.3-bookworm'],
  description: 'Official build of Nginx.',
  async build(ctx) {
    const base = await debianBase(ctx);
    const built = await derive(base, CREATED, [
      meta('LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>', { Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' } }),
      env('NGINX_VERSION', '1.29.3'),
      env('NJS_VERSION', '0.9.4'),
      env('NJS_RELEASE', '1~bookworm'),
      env('PKG_RELEASE', '1~bookworm'),
      env('DYNPKG_RELEASE', '1~bookworm'),
      {
        created_by: 'RUN /bin/sh -c set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx     && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y gnupg1 ca-certificates     && … nginx=${NGINX_VERSION}-${PKG_RELEASE} …     && ln -sf /dev/stdout /var/log/nginx/access.log     && ln -sf /dev/stderr /var/log/nginx/error.log # buildkit',
        reportedSize: 75_218_930,
        files: (t) => {
          const passwd = utf8Decode(t.vfs.readFile('/etc/passwd'));
          t.file('/etc/passwd', `${passwd}nginx:x:101:101:nginx user:/nonexistent:/bin/false\n`);
          const group = utf8Decode(t.vfs.readFile('/etc/group'));
          t.file('/etc/group', `${group}nginx:x:101:\n`);
          t.file('/usr/sbin/nginx', ctx.tools.appletBinary('nginx'), 0o755);
          t.file('/etc/nginx/nginx.conf', 'user  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /run/nginx.pid;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n    sendfile        on;\n    keepalive_timeout  65;\n    include /etc/nginx/conf.d/*.conf;\n}\n');
          t.file('/etc/nginx/conf.d/default.conf', DEFAULT_CONF);
          t.file('/etc/nginx/mime.types', 'types {\n    text/html                                        html htm shtml;\n    text/css                                         css;\n    application/javascript                           js;\n    application/json                                 json;\n    image/png                                        png;\n}\n');
          t.file('/usr/share/nginx/html/index.html', INDEX_HTML).file('/usr/share/nginx/html/50x.html', '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n');
          t.dir('/var/log/nginx').symlink('/dev/stdout', '/var/log/nginx/access.log').symlink('/dev/stderr', '/var/log/nginx/error.log');
          t.dir('/var/cache/nginx').dir('/docker-entrypoint.d');
        },
      },
      { created_by: 'COPY docker-entrypoint.sh / # buildkit', reportedSize: 1_620, files: script('/docker-entrypoint.sh', 'entrypoint_log() {\n    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then\n        echo "$@"\n    fi\n}\n\nexec "$@"') },
      { created_by: 'COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit', reportedSize: 2_125, files: script('/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh', 'exit 0') },
      { created_by: 'COPY 15-local-resolvers.envsh /docker-entrypoint.d # buildkit', reportedSize: 389, files: script('/docker-entrypoint.d/15-local-resolvers.envsh', 'exit 0') },
      { created_by: 'COPY 20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit', reportedSize: 3_018, files: script('/docker-entrypoint.d/20-envsubst-on-templates.sh', 'exit 0') },
      { created_by: 'COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit', reportedSize: 4_620, files: script('/docker-entrypoint.d/30-tune-worker-processes.sh', 'exit 0') },
      meta('ENTRYPOINT ["/docker-entrypoint.sh"]', { Entrypoint: ['/docker-entrypoint.sh'] }),
      meta('EXPOSE map[80/tcp:{}]', { ExposedPorts: { '80/tcp': {} } }),
      meta('STOPSIGNAL SIGQUIT', { StopSignal: 'SIGQUIT' }),
      meta('CMD ["nginx" "-g" "daemon off;"]', { Cmd: ['nginx', '-g', 'daemon off;'] }),
    ], ctx);
    return built.image;
  },
};
