import type { MessageKey } from '../state/messages.ts';

/** The keyboard map shown in the Keyboard tab (the handlers live with each pane). */
export const SHORTCUTS: readonly { title: MessageKey; keys: readonly { keys: string; what: MessageKey }[] }[] = [
  {
    title: 'kbGlobal',
    keys: [
      { keys: 'Alt+1 … Alt+5', what: 'kbPanes' },
      { keys: 'Tab / Shift+Tab', what: 'kbTab' },
      { keys: '← → (splitter)', what: 'kbSplitter' },
    ],
  },
  {
    title: 'terminal',
    keys: [
      { keys: 'Tab', what: 'kbComplete' },
      { keys: '↑ ↓', what: 'kbHistory' },
      { keys: 'Ctrl+R', what: 'kbSearch' },
      { keys: 'Ctrl+Shift+C', what: 'kbCopy' },
      { keys: 'Ctrl+Shift+V', what: 'kbPaste' },
      { keys: 'Ctrl+C', what: 'kbInterrupt' },
      { keys: 'Ctrl+L', what: 'kbClear' },
      { keys: 'Ctrl+A / Ctrl+E', what: 'kbLineEnds' },
    ],
  },
  {
    title: 'editor',
    keys: [
      { keys: 'Ctrl+Space', what: 'kbSuggest' },
      { keys: 'F8', what: 'kbNextProblem' },
      { keys: 'Shift+Alt+F', what: 'kbFormat' },
      { keys: 'Ctrl+M', what: 'kbTabFocus' },
    ],
  },
  {
    title: 'visualise',
    keys: [
      { keys: '← →', what: 'kbVizStep' },
      { keys: 'Home / End', what: 'kbVizEnds' },
      { keys: 'Space', what: 'kbVizPlay' },
    ],
  },
  {
    title: 'files',
    keys: [
      { keys: '↑ ↓ Home End', what: 'kbTreeMove' },
      { keys: 'Enter', what: 'kbTreeOpen' },
      { keys: 'F2', what: 'rename' },
      { keys: 'Delete', what: 'delete' },
    ],
  },
];
