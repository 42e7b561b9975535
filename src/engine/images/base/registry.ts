/**
 * registry:3 (CNCF Distribution) on alpine, following its Dockerfile:
 * the registry binary, the example config, `VOLUME ["/var/lib/registry"]`,
 * `EXPOSE 5000/tcp`, `ENTRYPOINT ["/entrypoint.sh"]`.
 *
 * Simplification: /bin/registry is a single-applet stand-in
 * (userspace/applets/net/registry-server.ts) that listens on :5000; pushes
 * and pulls through its published port are served by the engine's own
 * Distribution implementation (src/engine/registry), not by this image.
 */
import { alpineBase } from './alpine.ts';
import { derive, meta } from './derive.ts';
import type { BaseImageRecipe } from './recipe.ts';

const CREATED = '2025-04-03T08:12:44Z';

const CONFIG = `version: 0.1
log:
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: /var/lib/registry
http:
  addr: :5000
  headers:
    X-Content-Type-Options: [nosniff]
health:
  storagedriver:
    enabled: true
    interval: 10s
    threshold: 3
`;

export const registry: BaseImageRecipe = {
  repository: 'registry',
  // Simplification: `registry:2` (Distribution 2.8) names the same stand-in image as registry:3.
  tags: ['latest', '3', '3.0', '3.0.0', '2', '2.8', '2.8.3'],
  description: 'Distribution implementation for storing and distributing of container images and artifacts',
  async build(ctx) {
    const base = await alpineBase(ctx);
    const built = await derive(base, CREATED, [
      { created_by: 'RUN /bin/sh -c apk add --no-cache ca-certificates # buildkit', reportedSize: 695_318, files: (t) => t.file('/etc/ssl/certs/ca-certificates.crt', '# Mozilla CA bundle (stand-in)\n') },
      { created_by: 'COPY ./docker-entrypoint.sh /entrypoint.sh # buildkit', reportedSize: 155, files: (t) => t.file('/entrypoint.sh', '#!/bin/sh\n\nset -e\n\ncase "$1" in\n    *.yaml|*.yml) set -- registry serve "$@" ;;\n    serve|garbage-collect|help|-*) set -- registry "$@" ;;\nesac\n\nexec "$@"\n', 0o755) },
      { created_by: 'COPY /registry /bin/registry # buildkit', reportedSize: 20_402_176, files: (t) => t.file('/bin/registry', ctx.tools.appletBinary('registry'), 0o755) },
      { created_by: 'COPY ./config-example.yml /etc/distribution/config.yml # buildkit', reportedSize: 295, files: (t) => t.file('/etc/distribution/config.yml', CONFIG) },
      meta('VOLUME [/var/lib/registry]', { Volumes: { '/var/lib/registry': {} } }),
      meta('EXPOSE map[5000/tcp:{}]', { ExposedPorts: { '5000/tcp': {} } }),
      meta('ENTRYPOINT ["/entrypoint.sh"]', { Entrypoint: ['/entrypoint.sh'] }),
      meta('CMD ["/etc/distribution/config.yml"]', { Cmd: ['/etc/distribution/config.yml'] }),
    ], ctx);
    return built.image;
  },
};
