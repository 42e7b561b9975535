/**
 * curl: not a BusyBox applet; a stand-alone program that exists only where
 * a package put /usr/bin/curl (`apk add curl`, `apt-get install curl`, or an
 * image that ships it). Options: `-s`, `-S`, `-o FILE`, `-O`, `-I`, `-i`,
 * `-f`, `-L`, `-X METHOD`, `-H 'K: V'`, `-d DATA`, `-w '%{http_code}'`.
 * Errors and exit codes as curl 8: 6 (resolve), 7 (connect), 22 (`-f`
 * and an HTTP error), 47 (too many redirects).
 *
 * Simplification: no progress meter (curl prints one on stderr when its
 * output is not a terminal); HTTP only, no TLS.
 */
import { defineStandaloneProgram } from '../registry.ts';
import type { AppletIO } from '../lib/applet-io.ts';
import { exchange, parseHttpUrl } from '../../net/http.ts';
import type { HttpResponse } from '../../net/http.ts';
import { NetError } from '../../net/net.ts';
import { encode } from '../../io/text.ts';
import { netOf } from './common.ts';

export const CURL_VERSION = '8.14.1';

interface CurlOptions {
  silent: boolean;
  showError: boolean;
  output?: string;
  remoteName: boolean;
  head: boolean;
  include: boolean;
  fail: boolean;
  follow: boolean;
  method?: string;
  headers: [string, string][];
  data?: string;
  writeOut?: string;
  url?: string;
}

function parse(argv: readonly string[]): CurlOptions | string {
  const o: CurlOptions = { silent: false, showError: false, remoteName: false, head: false, include: false, fail: false, follow: false, headers: [] };
  const long: Record<string, string> = {
    '--silent': 's', '--show-error': 'S', '--output': 'o', '--remote-name': 'O', '--head': 'I', '--include': 'i', '--fail': 'f',
    '--location': 'L', '--request': 'X', '--header': 'H', '--data': 'd', '--write-out': 'w',
  };
  for (let i = 1; i < argv.length; i++) {
    let a = argv[i]!;
    if (a.startsWith('--')) {
      const short = long[a];
      if (!short) return `option ${a}: is unknown`;
      a = `-${short}`;
    }
    if (!a.startsWith('-') || a === '-') {
      o.url = a;
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      const takes = 'oXHdw'.includes(c);
      let v = '';
      if (takes) {
        v = a.slice(j + 1) || argv[++i] || '';
        j = a.length;
      }
      switch (c) {
        case 's': o.silent = true; break;
        case 'S': o.showError = true; break;
        case 'O': o.remoteName = true; break;
        case 'I': o.head = true; break;
        case 'i': o.include = true; break;
        case 'f': o.fail = true; break;
        case 'L': o.follow = true; break;
        case 'o': o.output = v; break;
        case 'X': o.method = v; break;
        case 'd': o.data = v; break;
        case 'w': o.writeOut = v; break;
        case 'H': {
          const k = v.indexOf(':');
          if (k > 0) o.headers.push([v.slice(0, k).trim(), v.slice(k + 1).trim()]);
          break;
        }
        default:
          return `option -${c}: is unknown`;
      }
    }
  }
  return o;
}

async function fail(io: AppletIO, o: CurlOptions, code: number, msg: string): Promise<number> {
  if (!o.silent || o.showError) await io.proc.write(2, `curl: (${code}) ${msg}\n`);
  return code;
}

function headText(res: HttpResponse): string {
  return `${res.version} ${res.status} ${res.statusText}\r\n${res.headerLines.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

export const curl = defineStandaloneProgram('curl', async (io, argv) => {
  const o = parse(argv);
  if (typeof o === 'string') {
    await io.proc.write(2, `curl: ${o}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
    return 2;
  }
  if (!o.url) {
    await io.proc.write(2, "curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  let url = o.url;
  for (let hops = 0; ; hops++) {
    const u = parseHttpUrl(url);
    if (!u) return fail(io, o, 1, `Protocol "${url.split(':')[0]}" not supported`);
    const net = netOf(io);
    const ip = net.resolve(u.host);
    if (ip === null) return fail(io, o, 6, `Could not resolve host: ${u.host}`);
    let sock;
    try {
      sock = await io.proc.wait(net.connect(ip, u.port));
    } catch (e) {
      if (!(e instanceof NetError)) throw e;
      return fail(io, o, 7, `Failed to connect to ${u.host} port ${u.port} after 0 ms: ${e.code === 'ECONNREFUSED' ? 'Could not connect to server' : e.text}`);
    }
    const method = o.method ?? (o.head ? 'HEAD' : o.data !== undefined ? 'POST' : 'GET');
    const res = await exchange(sock, io.proc, {
      method,
      host: u.port === 80 ? u.host : `${u.host}:${u.port}`,
      path: u.path,
      headers: [['User-Agent', `curl/${CURL_VERSION}`], ['Accept', '*/*'], ...(o.data !== undefined ? [['Content-Type', 'application/x-www-form-urlencoded'] as [string, string]] : []), ...o.headers],
      ...(o.data !== undefined ? { body: encode(o.data) } : {}),
    });
    if (o.follow && res.status >= 300 && res.status < 400 && res.headers.location) {
      if (hops >= 50) return fail(io, o, 47, 'Maximum (50) redirects followed');
      const loc = res.headers.location;
      url = /^https?:\/\//i.test(loc) ? loc : `http://${u.host}:${u.port}${loc.startsWith('/') ? loc : `/${loc}`}`;
      continue;
    }
    if (o.fail && res.status >= 400) return fail(io, o, 22, `The requested URL returned error: ${res.status}`);
    const body = o.head ? encode(headText(res)) : o.include ? new Uint8Array([...encode(headText(res)), ...res.body]) : res.body;
    const target = o.output ?? (o.remoteName ? u.path.slice(u.path.lastIndexOf('/') + 1) || 'index.html' : undefined);
    if (target !== undefined && target !== '-') {
      try {
        io.proc.vfs.writeFile(io.path(target), body, { mode: 0o666 & ~io.proc.umask, cred: io.proc.cred });
      } catch (e) {
        return fail(io, o, 23, `Failure writing output to destination, passed ${body.length} returned 0`);
      }
    } else {
      await io.outBytes(body);
    }
    if (o.writeOut) await io.out(o.writeOut.replace(/%\{http_code\}/g, String(res.status)).replace(/\\n/g, '\n'));
    return 0;
  }
});
