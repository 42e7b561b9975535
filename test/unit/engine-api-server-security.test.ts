/**
 * The Engine API server is for programs on this machine only: it listens on
 * a Unix socket or loopback, and refuses remote peers, foreign Host headers
 * (DNS rebinding) and browser requests before any route runs.
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { createEngineApiServer, foreignRequest, listen } from '../../src/node/engine-api-server.ts';

const req = (headers: Record<string, string>, remoteAddress = '127.0.0.1') => ({ headers, socket: { remoteAddress } }) as never;

describe('Engine API server: local clients only', () => {
  it('accepts the docker CLI over a socket or loopback TCP', () => {
    for (const host of ['api.moby.localhost', 'docker', 'localhost:2375', '127.0.0.1:2375', '[::1]:2375']) expect(foreignRequest(req({ host }))).toBeNull();
    expect(foreignRequest(req({}, undefined as never))).toBeNull();
  });

  it('refuses other peers, other Host names and browser requests', () => {
    expect(foreignRequest(req({ host: 'localhost' }, '10.0.0.5'))).toMatch(/loopback clients only, not 10.0.0.5/);
    expect(foreignRequest(req({ host: 'evil.example:2375' }))).toMatch(/refusing Host "evil.example:2375"/);
    expect(foreignRequest(req({ host: 'localhost.evil.example' }))).toMatch(/refusing Host/);
    expect(foreignRequest(req({ host: 'localhost:2375', origin: 'https://evil.example' }))).toMatch(/does not serve browser requests/);
  });

  it('will not listen on another interface', async () => {
    const server = createEngineApiServer(createEngine(testDeps()));
    await expect(listen(server, { host: '0.0.0.0' as never, port: 0 })).rejects.toThrow(/loopback only/);
  });

  it('answers 403 over the wire to a rebinding page and 200 to a local client', async () => {
    const server = createEngineApiServer(createEngine(testDeps()));
    await listen(server, { host: '127.0.0.1', port: 0 });
    const { port } = server.address() as AddressInfo;
    const get = (headers: Record<string, string>) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const r = request({ host: '127.0.0.1', port, path: '/_ping', headers }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        });
        r.on('error', reject);
        r.end();
      });
    try {
      expect(await get({ host: 'attacker.example' })).toMatchObject({ status: 403 });
      expect(await get({ host: `localhost:${port}`, origin: 'http://attacker.example' })).toMatchObject({ status: 403 });
      expect(await get({ host: `127.0.0.1:${port}` })).toEqual({ status: 200, body: 'OK' });
    } finally {
      server.close();
    }
  });
});
