/**
 * docker network, -p/-P, docker port, PORTS, DNS between containers, wget
 * and the host's httpRequest, against a deterministic engine.
 */
import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/index.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { docker } from '../helpers/run-docker.ts';

function engine(images = ['busybox', 'nginx']) {
  const deps = testDeps();
  return { api: createEngine({ ...deps, preloadImages: images }) as EngineApi, timers: deps.timers };
}

describe('docker network', () => {
  it('lists the predefined networks sorted by name, creates and removes user networks', async () => {
    const { api } = engine(['busybox']);
    const ls = await docker(['network', 'ls'], api);
    expect(ls.stdout.split('\n')[0]).toBe('NETWORK ID     NAME      DRIVER    SCOPE');
    expect(ls.stdout.split('\n').slice(1, 4).map((l) => l.split(/\s+/).slice(1).join(' '))).toEqual(['bridge bridge local', 'host host local', 'none null local']);
    const created = await docker(['network', 'create', 'app'], api);
    expect(created.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect((await docker(['network', 'create', 'app'], api)).stderr).toBe('Error response from daemon: network with name app already exists\n');
    const inspect = JSON.parse((await docker(['network', 'inspect', 'app'], api)).stdout);
    expect(inspect[0].IPAM.Config).toEqual([{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }]);
    await docker(['network', 'create', 'db'], api);
    expect(JSON.parse((await docker(['network', 'inspect', 'db'], api)).stdout)[0].IPAM.Config[0].Subnet).toBe('172.19.0.0/16');
    expect(await docker(['network', 'rm', 'db', 'nope'], api)).toEqual({ stdout: 'db\n', stderr: 'Error response from daemon: network nope not found\nexit status 1\n', exitCode: 1 });
    expect((await docker(['network', 'rm', 'bridge'], api)).stderr).toBe('Error response from daemon: bridge is a pre-defined network and cannot be removed\nexit status 1\n');
  });

  it('gives containers on the default bridge addresses in order; user networks resolve names and aliases', async () => {
    const { api } = engine(['busybox']);
    await docker(['run', '-d', '--name', 'aa', 'busybox', 'sleep', '1000'], api);
    await docker(['run', '-d', '--name', 'bb', 'busybox', 'sleep', '1000'], api);
    const ip = async (n: string) => (await docker(['inspect', '-f', '{{.NetworkSettings.IPAddress}}', n], api)).stdout;
    expect(await ip('aa')).toBe('172.17.0.2\n');
    expect(await ip('bb')).toBe('172.17.0.3\n');
    // No DNS by name on the default bridge.
    expect(await docker(['exec', 'aa', 'ping', '-c', '1', 'bb'], api)).toMatchObject({ stderr: "ping: bad address 'bb'\n", exitCode: 1 });
    await docker(['network', 'create', 'app'], api);
    await docker(['run', '-d', '--name', 'db', '--network', 'app', '--network-alias', 'database', 'busybox', 'sleep', '1000'], api);
    await docker(['run', '-d', '--name', 'web', '--network', 'app', 'busybox', 'sleep', '1000'], api);
    const r = await docker(['exec', 'web', 'sh', '-c', 'nslookup database; cat /etc/resolv.conf | grep nameserver; hostname -i'], api);
    expect(r.stdout).toBe('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tdatabase\nAddress: 172.18.0.2\n\nnameserver 127.0.0.11\n172.18.0.3\n');
    // Different bridges are isolated.
    expect((await docker(['exec', 'aa', 'ping', '-c', '1', '172.18.0.2'], api)).stdout).toContain('1 packets transmitted, 0 packets received, 100% packet loss');
    // connect joins a second network live; rm refuses while endpoints are active.
    await docker(['network', 'connect', 'app', 'aa'], api);
    expect((await docker(['exec', 'aa', 'ping', '-c', '1', 'db'], api)).stdout).toContain('64 bytes from 172.18.0.2: seq=0 ttl=64');
    const rm = await docker(['network', 'rm', 'app'], api);
    expect(rm.stderr).toMatch(/^Error response from daemon: error while removing network: network app has active endpoints \(name:"db" id:"[0-9a-f]{12}", name:"web" id:"[0-9a-f]{12}", name:"aa" id:"[0-9a-f]{12}"\)\nexit status 1\n$/);
    await docker(['network', 'disconnect', 'app', 'aa'], api);
    expect(Object.keys(JSON.parse((await docker(['inspect', 'aa'], api)).stdout)[0].NetworkSettings.Networks)).toEqual(['bridge']);
  });
});

describe('published ports', () => {
  it('-p publishes on 0.0.0.0 and [::]; ps, port; a second bind fails with docker text and leaves the container Created', async () => {
    const { api } = engine();
    const run = await docker(['run', '-d', '--name', 'web', '-p', '8080:80', 'nginx'], api);
    expect(run.exitCode).toBe(0);
    expect((await docker(['ps', '--format', '{{.Ports}}'], api)).stdout).toBe('0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n');
    expect((await docker(['port', 'web'], api)).stdout).toBe('80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n');
    expect((await docker(['port', 'web', '80'], api)).stdout).toBe('0.0.0.0:8080\n[::]:8080\n');
    expect(await docker(['port', 'web', '443'], api)).toMatchObject({ stderr: "Error: No public port '443' published for web\n", exitCode: 1 });
    const clash = await docker(['run', '-d', '--name', 'web2', '-p', '8080:80', 'nginx'], api);
    expect(clash.exitCode).toBe(125);
    expect(clash.stderr).toMatch(
      /^docker: Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint web2 \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8080 failed: port is already allocated\n\nRun 'docker run --help' for more information\n$/,
    );
    expect((await docker(['ps', '-a', '--filter', 'name=web2', '--format', '{{.Status}}'], api)).stdout).toBe('Created\n');
  });

  it('-P publishes every exposed port on ephemeral ports from 32768; exposed-only ports show as 80/tcp', async () => {
    const { api } = engine();
    await docker(['run', '-d', '--name', 'pa', '-P', 'nginx'], api);
    await docker(['run', '-d', '--name', 'pb', 'nginx'], api);
    expect((await docker(['ps', '--format', '{{.Names}} {{.Ports}}'], api)).stdout).toBe('pb 80/tcp\npa 0.0.0.0:32768->80/tcp, [::]:32768->80/tcp\n');
  });

  it('nginx on a user network answers wget from another container and the host through its published port', async () => {
    const { api, timers } = engine();
    await docker(['network', 'create', 'app'], api);
    await docker(['run', '-d', '--name', 'web', '--network', 'app', '-p', '8080:80', 'nginx'], api);
    const r = await docker(['run', '--rm', '--network', 'app', 'busybox', 'wget', '-qO-', 'http://web'], api);
    expect(r.stdout).toContain('<title>Welcome to nginx!</title>');
    const res = await api.httpRequest({ port: 8080, path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers.server).toBe('nginx/1.29.3');
    expect(res.body).toContain('Welcome to nginx!');
    expect((await api.httpRequest({ port: 8080, path: '/nope' })).status).toBe(404);
    expect((await api.httpRequest({ port: 9999 })).error).toBe('connect ECONNREFUSED 127.0.0.1:9999');
    const logs = await docker(['logs', 'web'], api);
    expect(logs.stdout).toMatch(/^172\.18\.0\.3 - - \[.*\] "GET \/ HTTP\/1\.1" 200 615 "-" "Wget" "-"\n172\.18\.0\.1 - - /);
    // docker stop sends SIGQUIT (the image's STOPSIGNAL); nginx exits 0 at once.
    await docker(['stop', 'web'], api);
    await timers.advance(10);
    expect((await docker(['inspect', '-f', '{{.State.ExitCode}}', 'web'], api)).stdout).toBe('0\n');
    expect((await api.httpRequest({ port: 8080 })).status).toBe(0);
  });

  it('wget reports refused connections, unknown hosts and HTTP errors as BusyBox does', async () => {
    const { api } = engine();
    await docker(['network', 'create', 'app'], api);
    await docker(['run', '-d', '--name', 'web', '--network', 'app', 'busybox', 'httpd', '-f', '-p', '8000', '-h', '/etc'], api);
    const w = (args: string[]) => docker(['run', '--rm', '--network', 'app', 'busybox', 'wget', ...args], api);
    expect(await w(['-q', '-O', '-', 'http://web:8000/hostname'])).toMatchObject({ exitCode: 0 });
    expect(await w(['-q', 'http://web:9/'])).toMatchObject({ stderr: "wget: can't connect to remote host (172.18.0.2): Connection refused\n", exitCode: 1 });
    expect(await w(['-q', 'http://nope/'])).toMatchObject({ stderr: "wget: bad address 'nope'\n", exitCode: 1 });
    expect(await w(['-q', 'http://web:8000/missing'])).toMatchObject({ stderr: 'wget: server returned error: HTTP/1.1 404 Not Found\n', exitCode: 1 });
    expect((await w(['--spider', 'http://web:8000/passwd'])).stderr).toBe('Connecting to web:8000 (172.18.0.2:8000)\nremote file exists\n');
  });
});

describe('host and none networks, the httpd image', () => {
  it('--network host shares the host: its hostname and /etc/hosts, and its ports answer on localhost', async () => {
    const { api } = engine(['busybox']);
    await docker(['run', '-d', '--name', 'srv', '--network', 'host', 'busybox', 'httpd', '-f', '-p', '8081', '-h', '/etc'], api);
    expect((await docker(['exec', 'srv', 'hostname'], api)).stdout).toBe('docker-host\n');
    expect((await api.httpRequest({ port: 8081, path: '/hostname' })).body).toBe('docker-host\n');
    // Stopped, its listener on the host goes too (the port is free again).
    await docker(['rm', '-f', 'srv'], api);
    expect((await api.httpRequest({ port: 8081 })).error).toBe('connect ECONNREFUSED 127.0.0.1:8081');
    const none = await docker(['run', '--rm', '--network', 'none', 'busybox', 'sh', '-c', 'ip addr | grep -c inet; wget -q http://172.17.0.1:8081/ 2>&1'], api);
    expect(none.stdout).toBe("2\nwget: can't connect to remote host (172.17.0.1): Network is unreachable\n");
    expect((await docker(['run', '--rm', '--network', 'nope', 'busybox', 'true'], api)).stderr).toBe(
      "docker: Error response from daemon: failed to set up container networking: network nope not found\n\nRun 'docker run --help' for more information\n",
    );
  });

  it('the httpd image serves "It works!" and logs like Apache', async () => {
    const { api, timers } = engine(['busybox', 'httpd']);
    await docker(['run', '-d', '--name', 'apache', '-p', '8082:80', 'httpd'], api);
    await timers.advance(100);
    const res = await api.httpRequest({ port: 8082 });
    expect(res.body).toBe('<html><body><h1>It works!</h1></body></html>\n');
    expect(res.headers.server).toBe('Apache/2.4.65 (Unix)');
    const logs = await docker(['logs', 'apache'], api);
    expect(logs.stderr).toContain('AH00094: Command line: \'httpd -D FOREGROUND\'');
    expect(logs.stdout).toMatch(/^172\.17\.0\.1 - - \[.*\] "GET \/ HTTP\/1\.1" 200 45\n$/);
  });
});

describe('filters and events', () => {
  it('ps --filter network= and volume=; docker events shows network and volume events', async () => {
    const { api } = engine(['busybox']);
    await docker(['network', 'create', 'app'], api);
    await docker(['run', '-d', '--name', 'on-app', '--network', 'app', '-v', 'data:/data', 'busybox', 'sleep', '100'], api);
    await docker(['run', '-d', '--name', 'plain', 'busybox', 'sleep', '100'], api);
    expect((await docker(['ps', '--filter', 'network=app', '--format', '{{.Names}}'], api)).stdout).toBe('on-app\n');
    expect((await docker(['ps', '--filter', 'network=bridge', '--format', '{{.Names}}'], api)).stdout).toBe('plain\n');
    expect((await docker(['ps', '--filter', 'volume=data', '--format', '{{.Names}}'], api)).stdout).toBe('on-app\n');
    const now = await api.now();
    const ev = await docker(['events', '--since', '0', '--until', String(now / 1000), '--filter', 'type=network', '--format', '{{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.type}}'], api);
    expect(ev.stdout).toBe('create app bridge\n');
  });
});

describe('python -m http.server', () => {
  it('serves the working directory on a published port; the start line shows only unbuffered', async () => {
    const { api, timers } = engine(['busybox', 'python:3.13-slim']);
    await docker(['run', '-d', '--name', 'py', '-p', '8000:8000', '-w', '/srv', 'python:3.13-slim', 'sh', '-c', 'echo hello > index.html && mkdir sub && exec python3 -m http.server'], api);
    await timers.advance(100);
    const res = await api.httpRequest({ port: 8000 });
    expect(res.status).toBe(200);
    expect(res.body).toBe('hello\n');
    expect(res.headers.server).toMatch(/^SimpleHTTP\/0\.6 Python\/3\.13/);
    expect((await api.httpRequest({ port: 8000, path: '/sub/' })).body).toContain('<title>Directory listing for /sub/</title>');
    expect((await api.httpRequest({ port: 8000, path: '/nope' })).status).toBe(404);
    const logs = await docker(['logs', 'py'], api);
    expect(logs.stdout).toBe('');
    expect(logs.stderr).toMatch(/^172\.17\.0\.1 - - \[.*\] "GET \/ HTTP\/1\.1" 200 -\n.*"GET \/sub\/ HTTP\/1\.1" 200 -\n.*code 404, message File not found\n.*"GET \/nope HTTP\/1\.1" 404 -\n$/);
    await docker(['run', '-d', '--name', 'pyu', '-e', 'PYTHONUNBUFFERED=1', 'python:3.13-slim', 'python3', '-m', 'http.server', '9000'], api);
    await timers.advance(100);
    expect((await docker(['logs', 'pyu'], api)).stdout).toBe('Serving HTTP on 0.0.0.0 port 9000 (http://0.0.0.0:9000/) ...\n');
  });
});

describe('facts for the visualisation', () => {
  it('publishes /sim/net/connected and /sim/net/refused', async () => {
    const { api } = engine(['busybox']);
    await docker(['run', '-d', '--name', 'srv', '-p', '8090:80', 'busybox', 'httpd', '-f', '-p', '80', '-h', '/etc'], api);
    await api.httpRequest({ port: 8090, path: '/hostname' });
    await api.httpRequest({ port: 8091 });
    const facts = await api.events({ topics: ['/sim/net/'] });
    expect(facts.map((e) => [e.topic, (e.data as { from: string; port: number }).from, (e.data as { port: number }).port])).toEqual([
      ['/sim/net/connected', 'host', 8090],
      ['/sim/net/refused', 'host', 8091],
    ]);
    expect((facts[0]!.data as { published: unknown }).published).toEqual({ hostPort: 8090, containerPort: 80 });
  });
});

describe('the host browser gives up on a silent server', () => {
  it('a server that accepts and never answers: httpRequest times out after 30 s of engine time', async () => {
    const { api, timers } = engine(['busybox']);
    await docker(['run', '-d', '--name', 'quiet', '-p', '8095:80', 'busybox', 'sh', '-c', 'sleep 1000 | nc -l -p 80'], api);
    await timers.advance(10);
    const pending = api.httpRequest({ port: 8095, path: '/hostname' });
    await timers.advance(30_000);
    expect(await pending).toMatchObject({ status: 0, error: 'timed out after 30 s' });
  });
});
