/**
 * The registry image's /bin/registry stand-in (`registry serve CONFIG`):
 * listens on :5000 tagged as a `registry` service, so the engine routes
 * `docker push/pull localhost:PORT/…` through a published port to its own
 * Distribution implementation (src/engine/registry) while this container
 * runs. Inside the network it answers `GET /v2/` as Distribution does;
 * other paths get Distribution's 404.
 *
 * Simplification: repository data lives in the engine, keyed by this
 * container, not in /var/lib/registry.
 */
import { defineStandaloneProgram } from '../registry.ts';
import { SIGNALS } from '../../process/signals.ts';
import { writeResponse } from '../../net/http.ts';
import { netOf } from './common.ts';
import { serveHttp } from './serve.ts';

export const registryServer = defineStandaloneProgram('registry', async (io, argv) => {
  const [, cmd] = argv;
  if (cmd !== 'serve') {
    await io.proc.write(1, '`registry`\n\nUsage:\n  registry [flags]\n  registry [command]\n\nAvailable Commands:\n  garbage-collect `garbage-collect` deletes layers not referenced by any manifests\n  help            Help about any command\n  serve           `serve` stores and distributes Docker images\n');
    return 0;
  }
  const now = new Date(io.proc.kernel.scheduler.now()).toISOString();
  await io.proc.write(2, `time="${now}" level=info msg="listening on [::]:5000" go.version=go1.23.7 instance.id=layerlab service=registry version=3.0.0\n`);
  const net = netOf(io);
  return serveHttp(
    io,
    () => net.listen(5000, { service: 'registry' }),
    async (sock, req) => {
      const json: [string, string][] = [['Content-Type', 'application/json'], ['Docker-Distribution-Api-Version', 'registry/2.0']];
      if (req.path === '/v2/' || req.path === '/v2') await writeResponse(sock, io.proc, 200, [...json, ['Content-Length', '2']], '{}');
      else {
        const body = '{"errors":[{"code":"NOT_FOUND","message":"not found"}]}\n';
        await writeResponse(sock, io.proc, 404, [...json, ['Content-Length', String(body.length)]], body);
      }
    },
    [SIGNALS.TERM, SIGNALS.INT],
  );
});
