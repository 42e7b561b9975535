/**
 * Our Monarch grammar for Dockerfiles. Monaco's built-in one only knows
 * upper-case instructions and nothing of heredocs or flags; BuildKit accepts
 * `run` as well as `RUN`, and `RUN <<EOF … EOF` bodies are common in lessons.
 * Token names are Monaco's standard ones, so both built-in themes colour them.
 */
import type * as Monaco from 'monaco-editor/editor';

const INSTRUCTIONS = [
  'from', 'run', 'cmd', 'label', 'maintainer', 'expose', 'env', 'add', 'copy', 'entrypoint',
  'volume', 'user', 'workdir', 'arg', 'stopsignal', 'healthcheck', 'shell',
];

/** A token that, at the end of a line, also ends the instruction (no `\` continuation). */
function untilEol(token: string): Monaco.languages.IMonarchLanguageAction {
  return { cases: { '@eos': { token, next: '@pop' }, '@default': token } };
}

export const dockerfileLanguage: Monaco.languages.IMonarchLanguage = {
  ignoreCase: true,
  defaultToken: '',
  tokenPostfix: '.dockerfile',
  tokenizer: {
    root: [
      [/^\s*#\s*(syntax|escape|check)\s*=.*$/, 'metatag'],
      [/^\s*#.*$/, 'comment'],
      [/^\s*onbuild\b/, 'keyword'],
      [new RegExp(`\\s*(${INSTRUCTIONS.join('|')})\\b`), { cases: { '@eos': 'keyword', '@default': { token: 'keyword', next: '@args' } } }],
      [/.+/, ''],
    ],
    args: [
      // A comment line inside a continuation is dropped by the parser; show it as one.
      [/^\s*#.*$/, 'comment'],
      [/\\\s*$/, 'operator'],
      [/<<-?\s*(["']?)([A-Za-z_][\w]*)\1/, { token: 'string.heredoc.delimiter', next: '@heredoc.$2' }],
      [/--[a-z][\w-]*=?/, untilEol('attribute.name')],
      [/\$\{?[A-Za-z_]\w*\}?/, untilEol('variable')],
      [/"([^"\\]|\\.)*"/, untilEol('string')],
      [/'[^']*'/, untilEol('string')],
      [/[[\],]/, untilEol('delimiter')],
      [/[^\s"'$\\[\],]+/, untilEol('')],
      [/\s+/, untilEol('')],
      [/./, untilEol('')],
    ],
    heredoc: [
      [/^(\t*)(\w+)\s*$/, { cases: { '$2==$S2': { token: 'string.heredoc.delimiter', next: '@popall' }, '@default': 'string.heredoc' } }],
      [/.+/, 'string.heredoc'],
    ],
  },
};

export const dockerfileConfiguration: Monaco.languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [
    ['[', ']'],
    ['{', '}'],
  ],
  autoClosingPairs: [
    { open: '[', close: ']' },
    { open: '{', close: '}' },
    { open: '"', close: '"' },
  ],
};
