import type { ITheme } from '@xterm/xterm';
import type { Theme } from '../state/preferences.svelte.ts';

/** Terminal colours with strong contrast, readable on a projector. */
export function terminalTheme(theme: Theme): ITheme {
  return theme === 'dark'
    ? { background: '#0b0f14', foreground: '#e6edf3', cursor: '#4fb3ff', selectionBackground: '#264f78', red: '#ff7b72', green: '#3fb950', blue: '#58a6ff' }
    : { background: '#fdfdfd', foreground: '#17202a', cursor: '#0b63b6', selectionBackground: '#b6d7ff', red: '#c0362c', green: '#1a7f37', blue: '#0b63b6', brightWhite: '#17202a', white: '#30363d' };
}
