/**
 * The simulated Docker host (issue 13): the login shell at the prompt,
 * `docker` as a program on it, and /var/lib/docker as a live projection of
 * the engine (a container's merged and diff dirs, the overlay mount line
 * agreeing with `docker inspect`).
 */
import { describe, expect, it } from 'vitest';
import { testDeps } from '../../src/engine/index.ts';
import { createHostEngine } from '../../src/host-shell/host-engine.ts';
import type { HostEngine } from '../../src/host-shell/host-engine.ts';

function hostEngine(images: string[] = ['busybox', 'nginx']): HostEngine {
  return createHostEngine({ ...testDeps(), preloadImages: images });
}

/** Runs a line at the prompt; stdout and stderr as text. */
async function sh(e: HostEngine, line: string): Promise<{ out: string; err: string; status: number }> {
  let out = '';
  let err = '';
  const status = await e.host.run(line, (fd, text) => {
    if (fd === 1) out += text;
    else err += text;
  });
  return { out, err, status };
}

describe('the host prompt', () => {
  it('is the learner in the home directory; sudo -i gives a root login shell until exit', async () => {
    const e = hostEngine([]);
    expect(e.host.session.prompt().text).toBe('learner@docker-host:~$ ');
    expect((await sh(e, 'id -u; pwd; hostname')).out).toBe('1000\n/home/learner\ndocker-host\n');
    await sh(e, 'cd /tmp && X=1');
    expect(e.host.session.prompt().dir).toBe('/tmp');
    expect((await sh(e, 'echo $X; pwd')).out).toBe('1\n/tmp\n');
    await sh(e, 'sudo -i');
    expect(e.host.session.prompt().text).toBe('root@docker-host:~# ');
    expect((await sh(e, 'id -u; pwd')).out).toBe('0\n/root\n');
    expect((await sh(e, 'exit')).out).toBe('logout\n');
    expect(e.host.session.prompt().text).toBe('learner@docker-host:/tmp$ ');
  });

  it('runs docker as a program: pipes, exit codes, and the daemon behind /var/run/docker.sock', async () => {
    const e = hostEngine(['busybox']);
    const r = await sh(e, 'docker images --format "{{.Repository}}" | grep busy');
    expect(r.out).toBe('busybox\n');
    expect((await sh(e, 'docker inspect nope >/dev/null 2>&1; echo $?')).out).toBe('1\n');
    expect((await sh(e, 'ls -l /var/run/docker.sock')).out).toMatch(/^srw-rw---- +1 root +docker +0 .* \/var\/run\/docker.sock\n$/);
  });

  it('a line run without the terminal (lesson checks) gets its own shell in ~, beside a running prompt job', async () => {
    const e = hostEngine([]);
    await sh(e, 'cd /tmp');
    const prompt = sh(e, 'read x; echo "prompt got $x"');
    await new Promise((r) => setTimeout(r, 20));
    let out = '';
    const status = await e.host.exec('pwd; id -un; cat; exit 3', (fd, t) => (out += t));
    expect({ out, status }).toEqual({ out: '/home/learner\nlearner\n', status: 3 });
    e.host.session.input('y\r');
    expect((await prompt).out).toBe('y\r\nprompt got y\n');
    expect(e.host.session.prompt().dir).toBe('/tmp');
  });

  it('Ctrl-C ends the foreground job, not the shell', async () => {
    const e = hostEngine([]);
    const running = sh(e, 'while :; do sleep 1; done');
    await new Promise((r) => setTimeout(r, 20));
    e.host.session.input('\x03');
    const r = await running;
    expect(r.status).toBe(130);
    expect(r.out).toContain('^C');
    expect((await sh(e, 'echo still here')).out).toBe('still here\n');
  });

  it('keys typed while a program reads the terminal are its input, echoed; unread keys are type-ahead', async () => {
    const e = hostEngine([]);
    const running = sh(e, 'read a; echo "got $a"');
    await new Promise((r) => setTimeout(r, 20));
    e.host.session.input('hi\r');
    const r = await running;
    expect(r.out).toBe('hi\r\ngot hi\n');
    const sleeping = sh(e, 'sleep 0');
    e.host.session.input('ls\r');
    await sleeping;
    expect(e.host.session.tty.takeTypeAhead()).toBe('ls\r');
  });

  it('the terminal is the keyboard of docker run -it and -i; Ctrl-C ends a foreground docker run', async () => {
    const e = hostEngine(['busybox']);
    const tick = () => new Promise((r) => setTimeout(r, 200));
    const it = sh(e, 'docker run -it --rm busybox sh');
    await tick();
    e.host.session.input('echo hi $((1+2))\r');
    await tick();
    e.host.session.input('exit\r');
    expect(await it).toEqual({ out: '/ # echo hi $((1+2))\r\nhi 3\r\n/ # exit\r\n', err: '', status: 0 });
    const cat = sh(e, 'docker run -i --rm busybox cat');
    await tick();
    e.host.session.input('abc\r\x04');
    expect((await cat).out).toBe('abc\r\nabc\n');
    const sleeping = sh(e, 'docker run --rm busybox sleep 100');
    await tick();
    e.host.session.input('\x03');
    expect((await sleeping).status).toBe(130);
  });

  it('syncs the workspace with the home directory both ways', async () => {
    const e = hostEngine([]);
    e.host.workspace.push({ written: { Dockerfile: new TextEncoder().encode('FROM busybox\n'), 'src/a.txt': new TextEncoder().encode('a') }, removed: [] }, true);
    expect((await sh(e, 'cat Dockerfile; ls src; stat -c %U src/a.txt')).out).toBe('FROM busybox\na.txt\nlearner\n');
    await sh(e, 'echo new > b.txt && rm src/a.txt && echo more >> Dockerfile');
    const pulled = e.host.workspace.pull();
    expect(Object.keys(pulled.written).sort()).toEqual(['Dockerfile', 'b.txt']);
    expect(new TextDecoder().decode(pulled.written['b.txt'])).toBe('new\n');
    expect(pulled.removed).toEqual(['src/a.txt']);
    expect(e.host.workspace.pull()).toEqual({ written: {}, removed: [] });
  });

  it('docker build reads its context from the host: the workspace in ~, or any directory', async () => {
    const e = hostEngine(['busybox']);
    const enc = new TextEncoder();
    e.host.workspace.push({ written: { Dockerfile: enc.encode('FROM busybox\nCOPY hello.sh /\nCMD ["sh", "/hello.sh"]\n'), 'hello.sh': enc.encode('echo hello from the host\n') }, removed: [] }, true);
    const r = await sh(e, 'docker build -q -t hi . >/dev/null && docker run --rm hi');
    expect(r.out).toBe('hello from the host\n');
    const other = await sh(e, 'mkdir -p /tmp/ctx && cd /tmp/ctx && printf "FROM busybox\\nRUN echo built > /b\\n" > Dockerfile && docker build -q -t hi2 . >/dev/null && docker run --rm hi2 cat /b');
    expect(other.out).toBe('built\n');
  });

  it('completes host commands and files, and docker lines from the CLI', async () => {
    const e = hostEngine([]);
    e.host.workspace.push({ written: { Dockerfile: new Uint8Array(0), 'docs/x.md': new Uint8Array(0) }, removed: [] });
    const { completeTerminalLine } = await import('../../src/host-shell/host-engine.ts');
    const values = async (line: string) => (await completeTerminalLine(e, line, line.length)).candidates.map((c) => c.value);
    expect(await values('systemc')).toEqual(['systemctl']);
    expect(await values('cat Do')).toEqual(['Dockerfile']);
    expect(await values('ls d')).toEqual(['docs/']);
    expect(await values('sudo docker ver')).toEqual(['version']);
  });
});

describe('/var/lib/docker', () => {
  it('shows a running container: merged is its live root, diff its upper dir, and mount agrees with docker inspect', async () => {
    const e = hostEngine();
    expect((await sh(e, 'docker run -d --name web nginx')).status).toBe(0);
    const id = (await sh(e, 'docker inspect web --format "{{.Id}}"')).out.trim();
    const merged = await sh(e, `sudo ls /var/lib/docker/overlay2/${id}/merged/usr/share/nginx/html`);
    expect(merged.out).toContain('index.html');
    expect((await sh(e, 'sudo sh -c "ls /var/lib/docker/overlay2/*/merged/usr/share/nginx/html/index.html"')).out).toBe(
      `/var/lib/docker/overlay2/${id}/merged/usr/share/nginx/html/index.html\n`,
    );

    expect((await sh(e, `sudo ls /var/lib/docker/overlay2/${id}/diff/new`)).status).not.toBe(0);
    expect((await sh(e, "docker exec web sh -c 'echo x > /new'")).status).toBe(0);
    expect((await sh(e, `sudo cat /var/lib/docker/overlay2/${id}/diff/new`)).out).toBe('x\n');

    const lowerDir = (await sh(e, "docker inspect web --format '{{.GraphDriver.Data.LowerDir}}'")).out.trim();
    const line = (await sh(e, 'mount | grep overlay')).out.trim();
    expect(line).toMatch(new RegExp(`^overlay on /var/lib/docker/overlay2/${id}/merged type overlay \\(rw,relatime,lowerdir=`));
    const lowers = /lowerdir=([^,]+)/.exec(line)![1]!.split(':');
    // The mount names overlay2's short links (l/…), each a link to one layer's diff dir, in inspect's order.
    const resolved = (await sh(e, `sudo sh -c 'for l in ${lowers.join(' ')}; do echo /var/lib/docker/overlay2/l/$(readlink $l); done'`)).out.trim().split('\n');
    expect(resolved.map((p) => p.replace('/l/../', '/'))).toEqual(lowerDir.split(':'));
    expect(line).toContain(`upperdir=/var/lib/docker/overlay2/${id}/diff,workdir=/var/lib/docker/overlay2/${id}/work`);
    expect((await sh(e, 'cat /proc/mounts')).out).toContain(`overlay /var/lib/docker/overlay2/${id}/merged overlay rw,relatime,lowerdir=`);
    // Inside the container, mount shows the same overlay as its root.
    const inside = (await sh(e, 'docker exec web mount')).out.split('\n')[0]!;
    expect(inside).toBe(line.replace(`/var/lib/docker/overlay2/${id}/merged`, '/'));
  });

  it('lays out images (imagedb, layerdb, repositories.json) and containers (config.v2.json, logs), read-only', async () => {
    const e = hostEngine(['busybox']);
    await sh(e, 'docker run --name hi busybox echo hello');
    const id = (await sh(e, 'docker inspect hi --format "{{.Id}}"')).out.trim();
    const imageId = (await sh(e, 'docker image inspect busybox --format "{{.Id}}"')).out.trim();
    expect((await sh(e, 'sudo ls /var/lib/docker')).out).toBe('buildkit\ncontainers\nimage\nnetwork\noverlay2\nplugins\nruntimes\nswarm\ntmp\nvolumes\n');
    expect((await sh(e, 'sudo cat /var/lib/docker/image/overlay2/repositories.json')).out).toContain(`"busybox:latest":"${imageId}"`);
    expect((await sh(e, `sudo ls /var/lib/docker/image/overlay2/imagedb/content/sha256`)).out).toContain(imageId.slice(7));
    expect((await sh(e, `sudo cat /var/lib/docker/containers/${id}/${id}-json.log`)).out).toMatch(/^\{"log":"hello\\n","stream":"stdout","time":"/);
    expect((await sh(e, `sudo cat /var/lib/docker/containers/${id}/config.v2.json`)).out).toContain(`"Name":"/hi"`);
    const w = await sh(e, `sudo touch /var/lib/docker/overlay2/${id}/diff/x`);
    expect(w.err).toContain('Read-only file system');
    expect((await sh(e, 'cat /var/lib/docker/image/overlay2/repositories.json')).err).toContain('Permission denied');
  });

  it('shows a named volume under volumes/<name>/_data with what a container wrote', async () => {
    const e = hostEngine(['busybox']);
    expect((await sh(e, "docker run --rm -v data:/data busybox sh -c 'echo saved > /data/f'")).status).toBe(0);
    expect((await sh(e, 'sudo cat /var/lib/docker/volumes/data/_data/f')).out).toBe('saved\n');
    expect((await sh(e, 'docker run --rm -v data:/data busybox mount')).out).toContain('/dev/vda1 on /data type ext4 (rw,relatime)\n');
  });

  it('--privileged shows the host\'s devices in the container, with a caption; --cap-add is recorded', async () => {
    const e = hostEngine(['busybox']);
    const plain = await sh(e, 'docker run --rm busybox ls /dev');
    expect(plain.out).not.toContain('sda');
    const priv = await sh(e, 'docker run --name priv --privileged busybox ls /dev');
    expect(priv.out).toMatch(/\bsda1\b/);
    expect(priv.err).toContain('WARNING: Layerlab: --privileged gives this container every capability');
    expect((await sh(e, 'docker inspect priv --format "{{.HostConfig.Privileged}}"')).out).toBe('true\n');
    const cap = await sh(e, 'docker run --name capc --cap-add sys_admin busybox true');
    expect(cap.err).toContain('--cap-add CAP_SYS_ADMIN');
    expect((await sh(e, 'docker inspect capc --format "{{.HostConfig.CapAdd}}"')).out).toBe('[CAP_SYS_ADMIN]\n');
  });

  it('host ps shows the daemons and container processes under host PIDs; uname -r is the same inside', async () => {
    const e = hostEngine(['busybox']);
    await sh(e, 'docker run -d --name sl busybox sleep 1000');
    const pid = (await sh(e, 'docker inspect sl --format "{{.State.Pid}}"')).out.trim();
    const ps = (await sh(e, 'ps aux')).out;
    expect(ps).toMatch(/\n +817 root .*\/usr\/bin\/dockerd -H fd:\/\//);
    expect(ps).toContain('containerd-shim-runc-v2 -namespace moby -id');
    expect(ps).toMatch(new RegExp(`\\n +${pid} root +0:00 sleep 1000\\n`));
    expect((await sh(e, 'uname -r')).out).toBe((await sh(e, 'docker exec sl uname -r')).out);
    // The kernel is the host's: the same release in the host's and the container's /proc/version.
    expect((await sh(e, 'cat /proc/version')).out).toBe((await sh(e, 'docker exec sl cat /proc/version')).out);
  });

  it('switches the storage driver: daemon.json + systemctl restart docker, or dockerd --storage-driver', async () => {
    const e = hostEngine(['busybox']);
    await sh(e, 'docker run -d --name sl busybox sleep 1000');
    expect((await sh(e, 'systemctl restart docker')).err).toContain('Interactive authentication required');
    expect((await sh(e, `sudo sh -c 'echo {\\"storage-driver\\": \\"aufs\\"} > /etc/docker/daemon.json' && sudo systemctl restart docker`)).status).toBe(0);
    expect((await sh(e, 'sudo ls /var/lib/docker/aufs')).out).toBe('diff\nlayers\nmnt\n');
    expect((await sh(e, 'mount | grep aufs')).out).toMatch(/^none on \/var\/lib\/docker\/aufs\/mnt\/[0-9a-f]{64} type aufs/);
    expect((await sh(e, 'sudo dockerd --storage-driver devicemapper')).err).toContain('ensure docker is not running');
    await sh(e, 'sudo systemctl stop docker');
    expect((await sh(e, 'docker ps')).err).toBe('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n');
    expect((await sh(e, 'sudo dockerd --storage-driver devicemapper')).status).toBe(0);
    expect((await sh(e, 'sudo ls /var/lib/docker/devicemapper')).out).toBe('devicemapper\nmetadata\nmnt\n');
    expect((await sh(e, 'systemctl status docker')).out).toContain('Active: active (running)');
    expect((await sh(e, 'journalctl -u docker')).out).toContain('storage-driver=devicemapper');
    expect((await sh(e, 'docker info --format "{{.Driver}}"')).out).toBe('devicemapper\n');
    expect((await sh(e, 'docker inspect sl --format "{{.GraphDriver.Name}}"')).out).toBe('devicemapper\n');
  });

  it('docker info lists the runtimes daemon.json adds (explained in /etc/docker/README)', async () => {
    const e = hostEngine([]);
    expect((await sh(e, 'docker info --format "{{.DefaultRuntime}} {{.Driver}}"')).out).toBe('runc overlay2\n');
    expect((await sh(e, 'grep -c "gVisor\\|Kata\\|crun" /etc/docker/README')).out).toBe('3\n');
    await sh(e, `sudo sh -c 'echo "{\\"runtimes\\": {\\"runsc\\": {\\"path\\": \\"/usr/bin/runsc\\"}}}" > /etc/docker/daemon.json' && sudo systemctl restart docker`);
    expect((await sh(e, 'docker info')).out).toMatch(/ Runtimes: io\.containerd\.runc\.v2 runc runsc\n/);
  });
});
