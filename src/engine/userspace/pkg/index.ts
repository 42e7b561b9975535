/**
 * The package managers (one stand-alone program each, registered on import)
 * and the stub that installed package binaries run.
 */
import './stub.ts';
import './apk.ts';
import './apt.ts';
import './dpkg.ts';
import './dnf.ts';
import './pip.ts';
import './npm.ts';
