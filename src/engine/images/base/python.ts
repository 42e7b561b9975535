/**
 * python:3.13-slim following the official Dockerfile: runtime packages,
 * CPython built into /usr/local, the `python`/`pip` symlinks, `CMD ["python3"]`.
 *
 * Simplification: built on our debian:bookworm layer (the real image uses
 * bookworm-slim), so it shares that layer with debian, nginx and httpd;
 * the interpreter is a single-applet stand-in for the userspace's Python.
 */
import { debianBase } from './debian.ts';
import { derive, env, meta } from './derive.ts';
import type { BaseImageRecipe } from './recipe.ts';

const CREATED = '2025-11-04T22:41:18Z';

export const python: BaseImageRecipe = {
  repository: 'python',
  tags: ['3.13-slim', '3-slim', 'slim', '3.13-slim-bookworm', '3.13.9-slim'],
  description: 'Python is an interpreted, interactive, object-oriented, open-source programming language.',
  async build(ctx) {
    const base = await debianBase(ctx);
    const built = await derive(base, CREATED, [
      env('PATH', '/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'),
      env('LANG', 'C.UTF-8'),
      {
        created_by: 'RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tnetbase \t\ttzdata \t; \trm -rf /var/lib/apt/lists/* # buildkit',
        reportedSize: 3_811_204,
        files: (t) => t.file('/etc/protocols', 'ip\t0\tIP\ntcp\t6\tTCP\nudp\t17\tUDP\n').file('/etc/services', 'http\t\t80/tcp\t\twww\nhttps\t\t443/tcp\n'),
      },
      env('GPG_KEY', '7169605F62C751356D054A26A821E680E5FA6305'),
      env('PYTHON_VERSION', '3.13.9'),
      env('PYTHON_SHA256', 'ed5ef34cda36cfa2f3a340f07cac7e7814f91c7f3c411f6d3562323a866c5c66'),
      {
        created_by: 'RUN /bin/sh -c set -eux; \t\tsavedAptMark="$(apt-mark showmanual)"; \tapt-get update; \t… ./configure --build="$gnuArch" --enable-loadable-sqlite-extensions --enable-optimizations --enable-option-checking=fatal --enable-shared --with-lto --with-ensurepip … ; \tmake install; \t… python3 --version; \tpip3 --version # buildkit',
        reportedSize: 41_322_617,
        files: (t) => {
          t.file('/usr/local/bin/python3.13', ctx.tools.appletBinary('python3'), 0o755);
          t.file('/usr/local/bin/pip3.13', ctx.tools.appletBinary('pip'), 0o755);
          t.symlink('python3.13', '/usr/local/bin/python3').symlink('pip3.13', '/usr/local/bin/pip3');
          t.dir('/usr/local/lib/python3.13/site-packages').file('/usr/local/lib/python3.13/os.py', '"""OS routines for NT or Posix depending on what system we\'re on."""\n');
          t.file('/usr/local/lib/libpython3.13.so.1.0', '\x7fELF libpython3.13.so.1.0\n', 0o755);
        },
      },
      {
        created_by: 'RUN /bin/sh -c set -eux; \tfor src in idle3 pip3 pydoc3 python3 python3-config; do \t\tdst="$(echo "$src" | tr -d 3)"; \t\t[ -s "/usr/local/bin/$src" ]; \t\t[ ! -e "/usr/local/bin/$dst" ]; \t\tln -svT "$src" "/usr/local/bin/$dst"; \tdone # buildkit',
        files: (t) => t.symlink('python3', '/usr/local/bin/python').symlink('pip3', '/usr/local/bin/pip'),
      },
      meta('CMD ["python3"]', { Cmd: ['python3'] }),
    ], ctx);
    return built.image;
  },
};
