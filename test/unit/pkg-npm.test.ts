import { describe, expect, it } from 'vitest';
import { container } from './pkg-fixture.ts';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('npm', () => {
  it('installs package.json dependencies into node_modules with a lockfile, and says what it added', async () => {
    const { sh, mount } = await container('node:22-alpine');
    mount.mkdir('/app', 0o755);
    mount.writeFile('/app/package.json', new TextEncoder().encode('{"name":"web","version":"1.0.0","dependencies":{"express":"^5.1.0"},"devDependencies":{"nodemon":"^3.1.0"}}\n'), { mode: 0o644 });
    const r = await sh('cd /app && npm install --omit=dev');
    expect(r).toEqual({ stdout: '\nadded 48 packages, and audited 49 packages in 1s\n\n7 packages are looking for funding\n  run `npm fund` for details\n\nfound 0 vulnerabilities\n', stderr: '', status: 0 });
    const lock = JSON.parse(text(mount.readFile('/app/package-lock.json')));
    expect(lock.lockfileVersion).toBe(3);
    expect(lock.packages['node_modules/express'].version).toBe('5.1.0');
    expect(JSON.parse(text(mount.readFile('/app/node_modules/ms/package.json'))).version).toBe('2.1.3');
    expect(() => mount.stat('/app/node_modules/nodemon')).toThrow(/ENOENT/);
    expect((await sh('cd /app && npm install --omit=dev | head -n 2')).stdout).toBe('\nup to date, audited 49 packages in 1s\n');
    expect((await sh('du -sk /root/.npm/_cacache | cut -f1')).stdout).not.toBe('0\n');
    expect((await sh('npm cache clean --force && ls /root/.npm')).stdout).toBe('');
  });

  it('adds a named package to package.json; fails like npm for unknown packages and a missing package.json', async () => {
    const { sh, mount } = await container('node:22-alpine');
    mount.mkdir('/web', 0o755);
    expect((await sh('cd /web && npm i lodash | head -n 2')).stdout).toBe('\nadded 1 package, and audited 2 packages in 1s\n');
    expect(JSON.parse(text(mount.readFile('/web/package.json')))).toEqual({ dependencies: { lodash: '^4.17.21' } });
    expect(mount.stat('/web/node_modules/lodash/index.js').size).toBeGreaterThan(400_000);
    const bad = await sh('cd /web && npm install nosuchpkg');
    expect(bad.status).toBe(1);
    expect(bad.stderr.split('\n').slice(0, 2).join('\n')).toBe('npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/nosuchpkg - Not found');
    const none = await sh('cd /tmp && npm install');
    expect(none.status).toBe(254);
    expect(none.stderr.split('\n')[0]).toBe('npm error code ENOENT');
    expect((await sh('cd /tmp && npm ci')).stderr.split('\n')[0]).toBe('npm error code ENOENT');
    mount.writeFile('/tmp/package.json', new TextEncoder().encode('{ nope'), { mode: 0o644 });
    expect(await sh('cd /tmp && npm install')).toMatchObject({ status: 1, stderr: expect.stringContaining('npm error code EJSONPARSE\n') });
  });
});
