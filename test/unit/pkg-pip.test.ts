import { describe, expect, it } from 'vitest';
import { container } from './pkg-fixture.ts';

const SITE = '/usr/local/lib/python3.13/site-packages';

describe('pip', () => {
  it('installs flask and its dependencies into site-packages with dist-info, and python can import it', async () => {
    const { sh, mount } = await container('python:3.13-slim');
    const r = await sh('pip install --no-cache-dir flask');
    expect(r.stdout).toBe(`Collecting flask
  Downloading flask-3.1.2-py3-none-any.whl.metadata (2.0 kB)
Collecting blinker (from flask)
  Downloading blinker-1.9.0-py3-none-any.whl.metadata (2.5 kB)
Collecting click (from flask)
  Downloading click-8.3.0-py3-none-any.whl.metadata (3.5 kB)
Collecting itsdangerous (from flask)
  Downloading itsdangerous-2.2.0-py3-none-any.whl.metadata (2.5 kB)
Collecting jinja2 (from flask)
  Downloading jinja2-3.1.6-py3-none-any.whl.metadata (1.5 kB)
Collecting markupsafe (from flask)
  Downloading markupsafe-3.0.3-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl.metadata (3.5 kB)
Collecting werkzeug (from flask)
  Downloading werkzeug-3.1.3-py3-none-any.whl.metadata (3.0 kB)
Downloading flask-3.1.2-py3-none-any.whl (103 kB)
Downloading blinker-1.9.0-py3-none-any.whl (8.5 kB)
Downloading click-8.3.0-py3-none-any.whl (107 kB)
Downloading itsdangerous-2.2.0-py3-none-any.whl (16.0 kB)
Downloading jinja2-3.1.6-py3-none-any.whl (135 kB)
Downloading markupsafe-3.0.3-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (22.0 kB)
Downloading werkzeug-3.1.3-py3-none-any.whl (224 kB)
Installing collected packages: blinker, click, itsdangerous, markupsafe, jinja2, werkzeug, flask

Successfully installed blinker-1.9.0 click-8.3.0 flask-3.1.2 itsdangerous-2.2.0 jinja2-3.1.6 markupsafe-3.0.3 werkzeug-3.1.3
`);
    expect(r.stderr).toContain("WARNING: Running pip as the 'root' user");
    expect(new TextDecoder().decode(mount.readFile(`${SITE}/flask-3.1.2.dist-info/INSTALLER`))).toBe('pip\n');
    expect(mount.stat(`${SITE}/flask/__init__.py`).size).toBeGreaterThan(200_000);
    expect(mount.stat('/usr/local/bin/flask').mode & 0o777).toBe(0o755);
    expect(() => mount.lstat('/root/.cache/pip')).toThrow(/ENOENT/);
    expect((await sh('python3 -c "import flask, markupsafe; print(flask.__version__, markupsafe.__version__)"')).stdout).toBe('3.1.2 3.0.3\n');
    expect((await sh('pip freeze | head -n 2; pip install flask | head -n 1')).stdout).toBe('blinker==1.9.0\nclick==8.3.0\nRequirement already satisfied: flask in /usr/local/lib/python3.13/site-packages (3.1.2)\n');
  }, 30000);

  it('reads requirements files, pins versions, keeps a wheel cache without --no-cache-dir', async () => {
    const { sh, mount } = await container('python:3.13-slim');
    mount.writeFile('/requirements.txt', new TextEncoder().encode('# deps\nrequests==2.31.0\n'), { mode: 0o644 });
    const r = await sh('pip install -r /requirements.txt | tail -n 1; du -sk /root/.cache/pip | cut -f1');
    expect(r.stdout).toBe('Successfully installed certifi-2025.8.3 charset-normalizer-3.4.3 idna-3.10 requests-2.31.0 urllib3-2.5.0\n680\n');
    const bad = await sh('pip install nosuchpkg');
    expect(bad).toMatchObject({ status: 1, stderr: 'ERROR: Could not find a version that satisfies the requirement nosuchpkg (from versions: none)\nERROR: No matching distribution found for nosuchpkg\n' });
  }, 30000);

  it('refuses the system python on Debian (PEP 668) unless --break-system-packages', async () => {
    const { sh } = await container('debian');
    const r = await sh('apt-get update >/dev/null && apt-get install -y -qq python3-pip >/dev/null && pip install requests');
    expect(r.status).toBe(1);
    expect(r.stderr.startsWith('error: externally-managed-environment\n')).toBe(true);
  }, 30000);
});
