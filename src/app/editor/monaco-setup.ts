/**
 * Monaco, slim and lazy: the core editor API plus the features the workspace
 * editor uses, our Dockerfile grammar and the Dockerfile language service.
 * Imported only through a dynamic import() so it is its own chunk, never in
 * the initial bundle.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/suggest/register';
// 0.57's features/suggest/register brings only inline completions; the suggest widget itself lives here.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/languages/definitions/shell/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { dockerfileConfiguration, dockerfileLanguage } from './dockerfile-grammar.ts';
import { registerDockerfileServices } from './dockerfile-services.ts';

(self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = { getWorker: () => new EditorWorker() };

export const DOCKERFILE = 'dockerfile';
monaco.languages.register({ id: DOCKERFILE, filenames: ['Dockerfile'], filenamePatterns: ['Dockerfile.*', '*.Dockerfile', '*.dockerfile'], aliases: ['Dockerfile'] });
monaco.languages.setMonarchTokensProvider(DOCKERFILE, dockerfileLanguage);
monaco.languages.setLanguageConfiguration(DOCKERFILE, dockerfileConfiguration);
registerDockerfileServices(DOCKERFILE);

export { monaco };
