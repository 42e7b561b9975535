/**
 * An npm registry slice: latest versions (as of 2025-11) with their
 * dependencies, tarball (`download`) and unpacked (`size`) sizes from
 * registry.npmjs.org's `dist` fields, rounded to the kB npmjs.com shows.
 * `funding` marks packages whose package.json has a funding field (counted in
 * "N packages are looking for funding").
 *
 * Simplification: qs's side-channel subtree (about 20 tiny packages) is left
 * out, so `npm install express` adds 48 packages here, 65 on the real
 * registry.
 */
import { catalogue } from './catalogue.ts';
import type { PkgDef } from './catalogue.ts';

export interface NpmDef extends PkgDef {
  readonly funding: boolean;
  readonly bin?: readonly string[];
}

function n(name: string, version: string, kb: number, tgzKb: number, deps: string[], description: string, funding = false, bin: string[] = []): NpmDef {
  return { name, version, size: kb * 1000, download: tgzKb * 1000, deps, description, funding, bin };
}

export const NPM_CATALOGUE = catalogue([
  n('express', '5.1.0', 197, 50, ['accepts', 'body-parser', 'content-disposition', 'content-type', 'cookie', 'cookie-signature', 'debug', 'encodeurl', 'escape-html', 'etag', 'finalhandler', 'fresh', 'http-errors', 'merge-descriptors', 'mime-types', 'on-finished', 'once', 'parseurl', 'proxy-addr', 'qs', 'range-parser', 'router', 'send', 'serve-static', 'statuses', 'type-is', 'vary'], 'Fast, unopinionated, minimalist web framework', true),
  n('accepts', '2.0.0', 17, 6, ['mime-types', 'negotiator'], 'Higher-level content negotiation'),
  n('negotiator', '1.0.0', 29, 9, [], 'HTTP content negotiation'),
  n('body-parser', '2.2.0', 56, 15, ['bytes', 'content-type', 'debug', 'http-errors', 'iconv-lite', 'on-finished', 'qs', 'raw-body', 'type-is'], 'Node.js body parsing middleware', true),
  n('bytes', '3.1.2', 11, 4, [], 'Utility to parse a string bytes to bytes and vice-versa'),
  n('content-disposition', '1.0.0', 19, 7, ['safe-buffer'], 'Create and parse Content-Disposition header'),
  n('safe-buffer', '5.2.1', 32, 10, [], 'Safer Node.js Buffer API', true),
  n('content-type', '1.0.5', 10, 4, [], 'Create and parse HTTP Content-Type header'),
  n('cookie', '0.7.2', 22, 7, [], 'HTTP server cookie parsing and serialization'),
  n('cookie-signature', '1.2.2', 5, 2, [], 'Sign and unsign cookies'),
  n('debug', '4.4.3', 42, 13, ['ms'], 'Lightweight debugging utility for Node.js and the browser'),
  n('ms', '2.1.3', 6, 3, [], 'Tiny millisecond conversion utility'),
  n('encodeurl', '2.0.0', 9, 4, [], 'Encode a URL to a percent-encoded form, excluding already-encoded sequences'),
  n('escape-html', '1.0.3', 6, 2, [], 'Escape string for use in HTML'),
  n('etag', '1.8.1', 10, 4, [], 'Create simple HTTP ETags'),
  n('finalhandler', '2.1.0', 18, 6, ['debug', 'encodeurl', 'escape-html', 'on-finished', 'parseurl', 'statuses'], 'Node.js final http responder'),
  n('fresh', '2.0.0', 10, 4, [], 'HTTP response freshness testing'),
  n('http-errors', '2.0.0', 19, 6, ['depd', 'inherits', 'setprototypeof', 'statuses', 'toidentifier'], 'Create HTTP error objects'),
  n('depd', '2.0.0', 26, 8, [], 'Deprecate all the things'),
  n('inherits', '2.0.4', 4, 2, [], 'Browser-friendly inheritance fully compatible with standard node.js inherits()'),
  n('setprototypeof', '1.2.0', 4, 2, [], 'A small polyfill for Object.setprototypeof'),
  n('statuses', '2.0.2', 12, 5, [], 'HTTP status utility'),
  n('toidentifier', '1.0.1', 4, 2, [], 'Convert a string of words to a JavaScript identifier'),
  n('iconv-lite', '0.6.3', 335, 81, ['safer-buffer'], 'Convert character encodings in pure javascript.'),
  n('safer-buffer', '2.1.2', 42, 12, [], 'Modern Buffer API polyfill without footguns'),
  n('on-finished', '2.4.1', 14, 5, ['ee-first'], 'Execute a callback when a request closes, finishes, or errors'),
  n('ee-first', '1.1.1', 8, 3, [], 'return the first event in a set of ee/event pairs'),
  n('qs', '6.14.0', 256, 68, [], 'A querystring parser that supports nesting and arrays, with a depth limit', true),
  n('raw-body', '3.0.1', 23, 7, ['bytes', 'http-errors', 'iconv-lite', 'unpipe'], 'Get and validate the raw body of a readable stream.'),
  n('unpipe', '1.0.0', 6, 2, [], 'Unpipe a stream from all destinations'),
  n('type-is', '2.0.1', 18, 6, ['content-type', 'media-typer', 'mime-types'], 'Infer the content-type of a request.'),
  n('media-typer', '1.1.0', 11, 4, [], 'Simple RFC 6838 media type parser and formatter'),
  n('mime-types', '3.0.1', 22, 7, ['mime-db'], 'The ultimate javascript content-type utility.'),
  n('mime-db', '1.54.0', 226, 42, [], 'Media Type Database'),
  n('merge-descriptors', '2.0.0', 5, 2, [], 'Merge objects using their property descriptors', true),
  n('once', '1.4.0', 5, 2, ['wrappy'], 'Run a function exactly one time'),
  n('wrappy', '1.0.2', 3, 2, [], 'Callback wrapping utility'),
  n('parseurl', '1.3.3', 10, 4, [], 'parse a url with memoization'),
  n('proxy-addr', '2.0.7', 16, 6, ['forwarded', 'ipaddr.js'], 'Determine address of proxied request'),
  n('forwarded', '0.2.0', 10, 4, [], 'Parse HTTP X-Forwarded-For header'),
  n('ipaddr.js', '1.9.1', 56, 15, [], 'A library for manipulating IPv4 and IPv6 addresses in JavaScript.'),
  n('range-parser', '1.2.1', 9, 4, [], 'Range header field string parser'),
  n('router', '2.2.0', 52, 15, ['debug', 'depd', 'is-promise', 'parseurl', 'path-to-regexp'], 'Simple middleware-style router'),
  n('is-promise', '4.0.0', 4, 2, [], 'Test whether an object looks like a promises-a+ promise'),
  n('path-to-regexp', '8.3.0', 55, 14, [], 'Express style path to RegExp utility', true),
  n('send', '1.2.0', 43, 12, ['debug', 'encodeurl', 'escape-html', 'etag', 'fresh', 'http-errors', 'mime-types', 'ms', 'on-finished', 'range-parser', 'statuses'], 'Better streaming static file server with Range and conditional-GET support'),
  n('serve-static', '2.2.0', 25, 8, ['encodeurl', 'escape-html', 'parseurl', 'send'], 'Serve static files', true),
  n('vary', '1.1.2', 9, 4, [], 'Manipulate the HTTP Vary header'),
  n('lodash', '4.17.21', 1412, 319, [], 'Lodash modular utilities.'),
  n('dotenv', '17.2.3', 93, 28, [], 'Loads environment variables from .env file', true),
  n('object-assign', '4.1.1', 6, 3, [], 'ES2015 `Object.assign()` ponyfill'),
  n('cors', '2.8.5', 20, 7, ['object-assign', 'vary'], 'Node.js CORS middleware'),
  n('uuid', '13.0.0', 144, 36, [], 'RFC9562 UUIDs', true, ['uuid']),
  n('chalk', '5.6.2', 44, 13, [], 'Terminal string styling done right', true),
  n('proxy-from-env', '1.1.0', 15, 5, [], 'A Node.js library that determines the proxy URL for a given URL'),
  n('follow-redirects', '1.15.11', 29, 9, [], 'HTTP and HTTPS modules that follow redirects.', true),
  n('form-data', '4.0.4', 28, 9, ['mime-types'], 'A library to create readable "multipart/form-data" streams.'),
  n('axios', '1.13.1', 2268, 448, ['follow-redirects', 'form-data', 'proxy-from-env'], 'Promise based HTTP client for the browser and node.js'),
  n('nodemon', '3.1.10', 219, 56, ['debug', 'ms'], 'Simple monitor script for use during development of a Node.js app.', true, ['nodemon']),
]);
