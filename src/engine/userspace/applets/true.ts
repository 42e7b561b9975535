import { defineApplet } from './registry.ts';

/** true and false ignore their arguments (even --help), as BusyBox's do. */
export const trueApplet = defineApplet('true', async () => 0);
export const falseApplet = defineApplet('false', async () => 1);
