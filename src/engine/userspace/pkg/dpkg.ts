/**
 * dpkg's query side (dpkg 1.21 / dpkg-query): `-l` (the package table,
 * columns sized to their content as dpkg does when stdout is not a
 * terminal), `-L` (files a package owns), `-s` (its status stanza),
 * `--get-selections`. Package installation goes through apt-get.
 */
import type { AppletIO } from '../applets/lib/applet-io.ts';
import { defineStandaloneProgram } from '../applets/registry.ts';
import { isInstalled, readList, readStatus } from './dpkg-db.ts';
import type { DpkgStanza } from './dpkg-db.ts';

function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

async function list(io: AppletIO, stanzas: readonly DpkgStanza[], patterns: readonly string[]): Promise<number> {
  const rows = patterns.length === 0 ? stanzas.filter(isInstalled) : stanzas.filter((s) => patterns.some((p) => glob(p).test(s.name)));
  const unmatched = patterns.filter((p) => !stanzas.some((s) => glob(p).test(s.name)));
  if (rows.length > 0) {
    const w = (k: 'name' | 'Version' | 'Architecture', min: number) => Math.max(min, ...rows.map((r) => (k === 'name' ? r.name : (r.fields.get(k) ?? '')).length));
    const nw = w('name', 4);
    const vw = w('Version', 7);
    const aw = w('Architecture', 12);
    const dw = Math.max(11, ...rows.map((r) => (r.fields.get('Description') ?? '').split('\n')[0]!.length));
    await io.out('Desired=Unknown/Install/Remove/Purge/Hold\n| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n');
    await io.out(`||/ ${'Name'.padEnd(nw)} ${'Version'.padEnd(vw)} ${'Architecture'.padEnd(aw)} Description\n`);
    await io.out(`+++-${'='.repeat(nw)}-${'='.repeat(vw)}-${'='.repeat(aw)}-${'='.repeat(dw)}\n`);
    for (const r of [...rows].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const state = isInstalled(r) ? 'ii' : 'un';
      await io.out(`${state}  ${r.name.padEnd(nw)} ${(r.fields.get('Version') ?? '').padEnd(vw)} ${(r.fields.get('Architecture') ?? '').padEnd(aw)} ${(r.fields.get('Description') ?? '').split('\n')[0]}\n`);
    }
  }
  for (const p of unmatched) await io.proc.write(2, `dpkg-query: no packages found matching ${p}\n`);
  return unmatched.length > 0 ? 1 : 0;
}

const NOT_INSTALLED = (n: string) => `dpkg-query: package '${n}' is not installed and no information is available\nUse dpkg --info (= dpkg-deb --info) to examine archive files.\n`;

async function query(io: AppletIO, argv: readonly string[]): Promise<number> {
  const stanzas = readStatus(io.proc.vfs);
  const [opt, ...rest] = argv;
  switch (opt) {
    case '-l':
    case '--list':
      return list(io, stanzas, rest);
    case '-L':
    case '--listfiles': {
      let status = 0;
      for (const n of rest) {
        const s = stanzas.find((x) => x.name === n);
        const files = readList(io.proc.vfs, n);
        if (!s || !isInstalled(s)) {
          await io.proc.write(2, `dpkg-query: package '${n}' is not installed\nUse dpkg --contents (= dpkg-deb --contents) to list archive files contents.\n`);
          status = 1;
        } else if (files === null) await io.out(`Package '${n}' does not contain any files (!)\n`);
        else await io.out(files.map((f) => `${f}\n`).join(''));
      }
      return status;
    }
    case '-s':
    case '--status': {
      let status = 0;
      for (const n of rest) {
        const s = stanzas.find((x) => x.name === n);
        if (!s) {
          await io.proc.write(2, NOT_INSTALLED(n));
          status = 1;
        } else await io.out(`${s.text}\n\n`);
      }
      return status;
    }
    case '--get-selections':
      for (const s of stanzas.filter(isInstalled)) await io.out(`${s.name}${s.name.length < 8 ? '\t' : ''}${s.name.length < 16 ? '\t' : ''}${s.name.length < 24 ? '\t' : ''}${s.name.length < 32 ? '\t' : ''}${s.name.length < 40 ? '\t' : ''}${s.name.length < 48 ? '\t' : ''}install\n`);
      return 0;
    case '--version':
      await io.out('Debian \'dpkg\' package management program version 1.21.22 (amd64).\n');
      return 0;
    default:
      await io.proc.write(2, `${io.name}: error: need an action option\n\nType ${io.name} --help for help about installing and deinstalling packages [*];\nUse 'apt' or 'aptitude' for user-friendly package management;\nType ${io.name} -Dhelp for a list of dpkg debug flag values;\nType ${io.name} --force-help for a list of forcing options;\nType ${io.name}-deb --help for help about manipulating *.deb files;\n\nOptions marked [*] produce a lot of output - pipe it through 'less' or 'more' !\n`);
      return 2;
  }
}

export const dpkg = defineStandaloneProgram('dpkg', (io, argv) => query(io, argv.slice(1)));
export const dpkgQuery = defineStandaloneProgram('dpkg-query', (io, argv) => query(io, argv.slice(1)));
