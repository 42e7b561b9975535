/**
 * `pkg-stub`: what every catalogue package's executable runs. Its third
 * header line names the program it stands for and the package
 * (`curl curl 8.14.1-r2`). When a program of that name is registered (an
 * applet such as `sh` or `wget`, or a stand-alone program such as `curl` or
 * `python3`) it runs, so a package installs the command the rest of the
 * userspace provides. Otherwise `--version` answers with the package's
 * version and anything else says plainly that the program is not simulated.
 */
import { defineStandaloneProgram, lookupApplet } from '../applets/registry.ts';
import { findInPath } from '../applets/exec-helper.ts';
import { decode } from '../io/text.ts';
import { O_RDONLY } from '../../fs/vfs.ts';
import { basename } from './catalogue.ts';

export const PKG_STUB = 'pkg-stub';

export const pkgStub = defineStandaloneProgram(PKG_STUB, async (io, argv) => {
  const name = basename(argv[0] ?? '');
  const self = findInPath(io.proc, argv[0] ?? '', io.proc.getenv('PATH'));
  let program = name;
  let origin = name;
  if (self !== null) {
    const vfs = io.proc.vfs;
    const fd = vfs.open(self, O_RDONLY, 0, io.proc.cred);
    const head = new Uint8Array(256);
    const n = vfs.read(fd, head, 0, head.length, 0);
    vfs.close(fd);
    const [prog, pkg, version] = (decode(head.subarray(0, n)).split('\n')[2] ?? '').split(' ');
    if (prog && pkg && version) {
      program = prog;
      origin = `${pkg} ${version}`;
    }
  }
  const real = program !== PKG_STUB ? lookupApplet(program, 'applet') : undefined;
  if (real) return real(io.proc);
  if (argv[1] === '--version' || argv[1] === '-V' || argv[1] === 'version') {
    await io.out(`${name} ${origin.split(' ')[1] ?? ''}\n`);
    return 0;
  }
  await io.proc.write(2, `${name}: Layerlab installs the files of ${origin}, but does not simulate this program\n`);
  return 126;
});
