import { describe, expect, it } from 'vitest';
import {
  DOCKER_HUB_AUTH_KEY,
  HUB_SEARCH_INDEX,
  credentialKey,
  credentialsFor,
  formatConfigFile,
  formatProgress,
  humanSize,
  login,
  logout,
  logoutMessage,
  parseConfigFile,
  searchCells,
  searchHub,
  withRepository,
} from '../../src/engine/registry/index.ts';

describe('docker login / logout over config.json', () => {
  it('stores base64 user:password under the Hub’s v1 key, which anyone can decode', () => {
    const cfg = login({ credsStore: undefined, other: 1 } as never, 'docker.io', 'alice', 's3cret:pw');
    const entry = cfg.auths![DOCKER_HUB_AUTH_KEY]!;
    expect(entry.auth).toBe(Buffer.from('alice:s3cret:pw').toString('base64'));
    expect(Buffer.from(entry.auth!, 'base64').toString()).toBe('alice:s3cret:pw');
    expect((cfg as Record<string, unknown>)['other']).toBe(1);
    expect(credentialsFor(cfg, 'docker.io')).toEqual({ username: 'alice', password: 's3cret:pw' });
    expect(formatConfigFile(cfg)).toContain(`\t"auths": {\n\t\t"https://index.docker.io/v1/": {\n\t\t\t"auth": "`);
  });

  it('keys other registries by host and removes them on logout', () => {
    const cfg = login(parseConfigFile(''), 'localhost:5000', 'bob', 'pw');
    expect(Object.keys(cfg.auths!)).toEqual(['localhost:5000']);
    const out = logout(cfg, 'localhost:5000');
    expect([out.removed, out.config.auths]).toEqual([true, {}]);
    const again = logout(out.config, 'localhost:5000');
    expect(again.removed).toBe(false);
    expect(logoutMessage(again.key)).toBe('Removing login credentials for localhost:5000');
    expect([credentialKey(''), credentialKey('index.docker.io'), credentialKey('https://registry.example.com/v2/')]).toEqual([
      DOCKER_HUB_AUTH_KEY,
      DOCKER_HUB_AUTH_KEY,
      'registry.example.com',
    ]);
  });
});

describe('docker search over the simulated Hub index', () => {
  it('matches name or description, most starred first, with docker’s cells', () => {
    const hits = searchHub(HUB_SEARCH_INDEX, 'busybox');
    expect(hits.map((h) => h.name)).toEqual(['busybox', 'layerlab/busybox-tools', 'alpine']);
    const cells = searchCells(hits);
    expect(cells[0]![3]).toBe('[OK]');
    expect(cells[1]![3]).toBe('');
    expect([...cells[0]![1]!].length).toBeLessThanOrEqual(45);
    expect(cells[0]![1]!.endsWith('…')).toBe(true);
    expect(searchHub(HUB_SEARCH_INDEX, 'busybox', { official: false }).map((h) => h.name)).toEqual(['layerlab/busybox-tools']);
    expect(searchHub(HUB_SEARCH_INDEX, '', { limit: 2, minStars: 10_000 })).toHaveLength(2);
    expect(searchHub(withRepository(HUB_SEARCH_INDEX, 'alice/app'), 'alice')).toEqual([{ name: 'alice/app', description: '', stars: 0, official: false }]);
  });
});

describe('progress formatting', () => {
  const msgs = [
    { id: 'latest', status: 'Pulling from library/busybox' },
    { id: 'abc', status: 'Pulling fs layer' },
    { id: 'abc', status: 'Downloading', progressDetail: { current: 500, total: 1000 } },
    { id: 'abc', status: 'Pull complete' },
    { status: 'Digest: sha256:00' },
  ];

  it('prints every status without progress bars when not on a terminal', () => {
    expect(formatProgress(msgs)).toEqual(['latest: Pulling from library/busybox', 'abc: Pulling fs layer', 'abc: Pull complete', 'Digest: sha256:00']);
  });

  it('keeps one line per id on a terminal, with the bar while it runs', () => {
    expect(formatProgress(msgs.slice(0, 3), { tty: true })[1]).toBe(`abc: Downloading [${'='.repeat(25)}>${' '.repeat(25)}]     500B/1kB`);
    expect(formatProgress(msgs, { tty: true })).toEqual(['latest: Pulling from library/busybox', 'abc: Pull complete', 'Digest: sha256:00']);
    expect([humanSize(0), humanSize(999), humanSize(1234567), humanSize(2_000_000_000)]).toEqual(['0B', '999B', '1.235MB', '2GB']);
  });
});
