/**
 * A PyPI slice: latest releases (as of 2025-11) with their install
 * requirements, wheel sizes (`download`) from pypi.org's file listings
 * (py3-none-any or cp313 manylinux x86_64 wheels) and installed sizes
 * (measured as `du` of the site-packages entries, rounded). `module` is the
 * import name the wheel installs; `scripts` its console scripts.
 */
import { catalogue } from './catalogue.ts';
import type { PkgDef } from './catalogue.ts';

export interface PyDef extends PkgDef {
  readonly module: string;
  readonly scripts?: readonly string[];
}

function py(name: string, version: string, kb: number, wheelKb: number, deps: string[], module: string, description: string, scripts: string[] = []): PyDef {
  return { name, version, size: kb * 1024, download: Math.round(wheelKb * 1000), deps, module, scripts, description };
}

export const PYPI_CATALOGUE = catalogue([
  py('blinker', '1.9.0', 36, 8.5, [], 'blinker', 'Fast, simple object-to-object and broadcast signaling'),
  py('click', '8.3.0', 396, 107, [], 'click', 'Composable command line interface toolkit'),
  py('itsdangerous', '2.2.0', 76, 16, [], 'itsdangerous', 'Safely pass data to untrusted environments and back.'),
  py('markupsafe', '3.0.3', 64, 22, [], 'markupsafe', 'Safely add untrusted strings to HTML/XML markup.'),
  py('jinja2', '3.1.6', 852, 135, ['markupsafe'], 'jinja2', 'A very fast and expressive template engine.'),
  py('werkzeug', '3.1.3', 1012, 224, ['markupsafe'], 'werkzeug', 'The comprehensive WSGI web application library.'),
  py('flask', '3.1.2', 296, 103, ['blinker', 'click', 'itsdangerous', 'jinja2', 'markupsafe', 'werkzeug'], 'flask', 'A simple framework for building complex web applications.', ['flask']),
  py('certifi', '2025.8.3', 292, 161, [], 'certifi', 'Python package for providing Mozilla\'s CA Bundle.'),
  py('charset-normalizer', '3.4.3', 548, 151, [], 'charset_normalizer', 'The Real First Universal Charset Detector.', ['normalizer']),
  py('idna', '3.10', 356, 71, [], 'idna', 'Internationalized Domain Names in Applications (IDNA)'),
  py('urllib3', '2.5.0', 564, 129, [], 'urllib3', 'HTTP library with thread-safe connection pooling, file post, and more.'),
  py('requests', '2.32.5', 236, 64, ['certifi', 'charset-normalizer', 'idna', 'urllib3'], 'requests', 'Python HTTP for Humans.'),
  py('numpy', '2.3.4', 41060, 16600, [], 'numpy', 'Fundamental package for array computing in Python', ['f2py', 'numpy-config']),
  py('six', '1.17.0', 48, 11, [], 'six', 'Python 2 and 3 compatibility utilities'),
  py('python-dateutil', '2.9.0.post0', 804, 229, ['six'], 'dateutil', 'Extensions to the standard Python datetime module'),
  py('pytz', '2025.2', 2860, 509, [], 'pytz', 'World timezone definitions, modern and historical'),
  py('tzdata', '2025.2', 1928, 348, [], 'tzdata', 'Provider of IANA time zone data'),
  py('pandas', '2.3.3', 70840, 12400, ['numpy', 'python-dateutil', 'pytz', 'tzdata'], 'pandas', 'Powerful data structures for data analysis, time series, and statistics'),
  py('asgiref', '3.10.0', 156, 24, [], 'asgiref', 'ASGI specs, helper code, and adapters'),
  py('sqlparse', '0.5.3', 236, 44, [], 'sqlparse', 'A non-validating SQL parser.', ['sqlformat']),
  py('django', '5.2.7', 34788, 8300, ['asgiref', 'sqlparse'], 'django', 'A high-level Python web framework that encourages rapid development and clean, pragmatic design.', ['django-admin']),
  py('packaging', '25.0', 268, 66, [], 'packaging', 'Core utilities for Python packages'),
  py('gunicorn', '23.0.0', 412, 85, ['packaging'], 'gunicorn', 'WSGI HTTP Server for UNIX', ['gunicorn']),
  py('h11', '0.16.0', 212, 37, [], 'h11', 'A pure-Python, bring-your-own-I/O implementation of HTTP/1.1'),
  py('uvicorn', '0.38.0', 456, 68, ['click', 'h11'], 'uvicorn', 'The lightning-fast ASGI server.', ['uvicorn']),
  py('typing-extensions', '4.15.0', 172, 44, [], 'typing_extensions', 'Backported and Experimental Type Hints for Python 3.9+'),
  py('annotated-types', '0.7.0', 60, 13, [], 'annotated_types', 'Reusable constraint types to use with typing.Annotated'),
  py('typing-inspection', '0.4.2', 72, 14, ['typing-extensions'], 'typing_inspection', 'Runtime typing introspection tools'),
  py('pydantic-core', '2.41.4', 4664, 2100, ['typing-extensions'], 'pydantic_core', 'Core functionality for Pydantic validation and serialization'),
  py('pydantic', '2.12.3', 1780, 462, ['annotated-types', 'pydantic-core', 'typing-extensions', 'typing-inspection'], 'pydantic', 'Data validation using Python type hints'),
  py('sniffio', '1.3.1', 40, 10, [], 'sniffio', 'Sniff out which async library your code is running under'),
  py('anyio', '4.11.0', 476, 109, ['idna', 'sniffio'], 'anyio', 'High-level concurrency and networking framework on top of asyncio or Trio'),
  py('starlette', '0.48.0', 332, 73, ['anyio'], 'starlette', 'The little ASGI library that shines.'),
  py('fastapi', '0.120.0', 512, 108, ['pydantic', 'starlette', 'typing-extensions'], 'fastapi', 'FastAPI framework, high performance, easy to learn, fast to code, ready for production', ['fastapi']),
  py('redis', '7.0.1', 1416, 339, [], 'redis', 'Python client for Redis database and key-value store'),
  py('psycopg2-binary', '2.9.11', 10240, 4200, [], 'psycopg2', 'psycopg2 - Python-PostgreSQL Database Adapter'),
  py('pyyaml', '6.0.3', 744, 806, [], 'yaml', 'YAML parser and emitter for Python'),
  py('iniconfig', '2.3.0', 28, 7.5, [], 'iniconfig', 'brain-dead simple config-ini parsing'),
  py('pluggy', '1.6.0', 96, 20, [], 'pluggy', 'plugin and hook calling mechanisms for python'),
  py('pygments', '2.19.2', 8756, 1200, [], 'pygments', 'Pygments is a syntax highlighting package written in Python.', ['pygmentize']),
  py('pytest', '8.4.2', 1460, 365, ['iniconfig', 'packaging', 'pluggy', 'pygments'], 'pytest', 'pytest: simple powerful testing with Python', ['pytest', 'py.test']),
  py('supervisor', '4.3.0', 2400, 320, [], 'supervisor', 'A system for controlling process state under UNIX', ['supervisord', 'supervisorctl', 'echo_supervisord_conf', 'pidproxy']),
  py('setuptools', '80.9.0', 5324, 1200, [], 'setuptools', 'Easily download, build, install, upgrade, and uninstall Python packages'),
]);

/** PyPI's normalised project name (PEP 503): runs of `-_.` become `-`, lower case. */
export function canonicalName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
