/**
 * wget: BusyBox's HTTP client. `wget [-q] [-O FILE] [-S] [--spider] URL…`:
 * saves to the URL's file name (index.html for `/`), `-O -` writes to stdout;
 * progress and status go to stderr unless `-q`; `-S` prints the response
 * headers; `--spider` only checks that the file exists. A 4xx/5xx answer is
 * `server returned error: HTTP/1.1 404 Not Found` and status 1.
 *
 * Simplification: the progress bar is printed once, complete.
 */
import { defineApplet } from '../registry.ts';
import type { AppletIO } from '../lib/applet-io.ts';
import { exchange, parseHttpUrl } from '../../net/http.ts';
import { connectOrReport, resolveOrReport } from './common.ts';

function baseName(path: string): string {
  const p = path.split('?')[0]!;
  const b = p.slice(p.lastIndexOf('/') + 1);
  return b === '' ? 'index.html' : b;
}

function bar(name: string, size: number): string {
  return `${name.padEnd(20).slice(0, 20)} 100% |${'*'.repeat(32)}| ${String(size).padStart(5)}  0:00:00 ETA\n`;
}

export const wget = defineApplet('wget', async (io, argv) => {
  let quiet = false;
  let out: string | undefined;
  let headers = false;
  let spider = false;
  const urls: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--spider') spider = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-S' || a === '--server-response') headers = true;
    else if (a === '-O' || a === '--output-document') out = argv[++i];
    else if (a.startsWith('-O')) out = a.slice(2);
    else if (/^-[qS]+O?/.test(a)) {
      if (a.includes('q')) quiet = true;
      if (a.includes('S')) headers = true;
      if (a.endsWith('O')) out = argv[++i];
      else if (a.includes('O')) out = a.slice(a.indexOf('O') + 1);
    } else if (a.startsWith('-') && a !== '-') {
      await io.err(`unrecognized option '${a}'`);
      return 1;
    } else urls.push(a);
  }
  if (urls.length === 0) {
    await io.usage();
    return 1;
  }
  for (const url of urls) {
    const status = await fetchOne(io, url, { quiet, out, headers, spider });
    if (status !== 0) return status;
  }
  return 0;
});

async function fetchOne(io: AppletIO, url: string, o: { quiet: boolean; out: string | undefined; headers: boolean; spider: boolean }): Promise<number> {
  const u = parseHttpUrl(url);
  if (!u) {
    await io.err(`not an http or ftp url: ${url}`);
    return 1;
  }
  const ip = await resolveOrReport(io, u.host);
  if (ip === null) return 1;
  if (!o.quiet) await io.proc.write(2, `Connecting to ${u.host}${u.port === 80 ? '' : `:${u.port}`} (${ip}:${u.port})\n`);
  const sock = await connectOrReport(io, ip, u.port);
  if (!sock) return 1;
  const res = await exchange(sock, io.proc, {
    method: o.spider ? 'HEAD' : 'GET',
    host: u.port === 80 ? u.host : `${u.host}:${u.port}`,
    path: u.path,
    headers: [['User-Agent', 'Wget']],
  });
  if (o.headers) {
    await io.proc.write(2, `  ${res.version} ${res.status} ${res.statusText}\n${res.headerLines.map(([k, v]) => `  ${k}: ${v}\n`).join('')}`);
  }
  if (res.status >= 400) {
    await io.err(`server returned error: ${res.version} ${res.status} ${res.statusText}`);
    return 1;
  }
  if (o.spider) {
    if (!o.quiet) await io.proc.write(2, 'remote file exists\n');
    return 0;
  }
  const target = o.out ?? baseName(u.path);
  if (target === '-') {
    if (!o.quiet) await io.proc.write(2, 'writing to stdout\n');
    await io.outBytes(res.body);
    if (!o.quiet) await io.proc.write(2, `${bar('-', res.body.length)}written to stdout\n`);
    return 0;
  }
  if (!o.quiet) await io.proc.write(2, `saving to '${target}'\n`);
  try {
    io.proc.vfs.writeFile(io.path(target), res.body, { mode: 0o666 & ~io.proc.umask, cred: io.proc.cred });
  } catch (e) {
    await io.fsErr(target, e);
    return 1;
  }
  if (!o.quiet) await io.proc.write(2, `${bar(target, res.body.length)}'${target}' saved\n`);
  return 0;
}
