import type { ITheme } from '@xterm/xterm';
import type { Theme } from '../state/preferences.svelte.ts';

/**
 * Terminal colours with strong contrast, readable on a projector. The bright
 * variants are set too: xterm draws bold text (the prompt) in them.
 */
export function terminalTheme(theme: Theme): ITheme {
  return theme === 'dark'
    ? {
        background: '#0b0f14',
        foreground: '#e6edf3',
        cursor: '#4fb3ff',
        selectionBackground: '#264f78',
        red: '#ff7b72',
        brightRed: '#ffa198',
        green: '#3fb950',
        brightGreen: '#56d364',
        blue: '#58a6ff',
        brightBlue: '#79c0ff',
      }
    : {
        background: '#fdfdfd',
        foreground: '#17202a',
        cursor: '#0b63b6',
        selectionBackground: '#b6d7ff',
        red: '#b3261e',
        brightRed: '#b3261e',
        green: '#1a7f37',
        brightGreen: '#116329',
        blue: '#0b5cad',
        brightBlue: '#0b5cad',
        yellow: '#7d5700',
        brightYellow: '#7d5700',
        white: '#30363d',
        brightWhite: '#17202a',
      };
}
