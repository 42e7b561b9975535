/**
 * The Monaco adapter: one editor showing one workspace file at a time. The
 * rest of the app sees open/markers/theme calls and a change callback, never
 * Monaco itself (it is a multi-megabyte lazy chunk).
 */
import type { Theme } from '../state/preferences.svelte.ts';
import { languageOf } from '../workspace/file-kinds.ts';
import type { MarkerData } from './markers.ts';

type MonacoModule = typeof import('./monaco-setup.ts');

export interface CodeEditorOptions {
  readonly theme: Theme;
  readonly fontSize: number;
  readonly ariaLabel: string;
  readonly onChange: (path: string, text: string) => void;
}

const themeName = (theme: Theme) => (theme === 'dark' ? 'vs-dark' : 'vs');

export class CodeEditor {
  private path: string | null = null;

  private constructor(
    private readonly m: MonacoModule,
    private readonly editor: import('monaco-editor/editor').editor.IStandaloneCodeEditor,
  ) {}

  /** Loads Monaco (first call only) and creates the editor in `host`. */
  static async create(host: HTMLElement, options: CodeEditorOptions): Promise<CodeEditor> {
    const m = await import('./monaco-setup.ts');
    const editor = m.monaco.editor.create(host, {
      model: null,
      theme: themeName(options.theme),
      fontSize: options.fontSize,
      automaticLayout: true,
      minimap: { enabled: false },
      ariaLabel: options.ariaLabel,
      scrollBeyondLastLine: false,
      // Enter always starts a new line and Tab takes a suggestion: a learner typing line by line
      // would otherwise lose newlines to suggestions that pop up while they type.
      acceptSuggestionOnEnter: 'off',
      // Hovers and suggestions may extend past the pane, which clips its overflow.
      fixedOverflowWidgets: true,
      // The default dims the last line's number below readable contrast (axe: color-contrast).
      renderFinalNewline: 'on',
      // Tab moves focus out of the editor after Ctrl-M, as Monaco's accessibility help describes.
      tabFocusMode: false,
    });
    const adapter = new CodeEditor(m, editor);
    editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      if (adapter.path !== null && model) options.onChange(adapter.path, model.getValue());
    });
    return adapter;
  }

  /** Shows `text` as the file at `path`, replacing whatever was open; `readOnly` for a note in place of a binary file. */
  open(path: string, text: string, readOnly = false): void {
    const previous = this.editor.getModel();
    this.path = path;
    const model = this.m.monaco.editor.createModel(text, readOnly ? 'plaintext' : languageOf(path));
    this.editor.updateOptions({ readOnly, wordWrap: readOnly ? 'on' : 'off' });
    this.editor.setModel(model);
    previous?.dispose();
  }

  get openPath(): string | null {
    return this.path;
  }

  getText(): string {
    return this.editor.getModel()?.getValue() ?? '';
  }

  setMarkers(markers: readonly MarkerData[]): void {
    const model = this.editor.getModel();
    if (!model) return;
    const S = this.m.monaco.MarkerSeverity;
    const severity = { error: S.Error, warning: S.Warning, info: S.Info } as const;
    this.m.monaco.editor.setModelMarkers(
      model,
      'layerlab',
      markers.map((mk) => ({
        ...mk,
        severity: severity[mk.severity],
        code: typeof mk.code === 'string' ? mk.code : { value: mk.code.value, target: this.m.monaco.Uri.parse(mk.code.target) },
      })),
    );
  }

  /** Reformats the open Dockerfile with the language service, and goes back to typing. */
  format(): void {
    this.editor.focus();
    void this.editor.getAction('editor.action.formatDocument')?.run();
  }

  /** Moves to the next problem and opens its explanation inline (what F8 does). */
  nextProblem(): void {
    this.editor.focus();
    void this.editor.getAction('editor.action.marker.next')?.run();
  }

  setTheme(theme: Theme): void {
    this.m.monaco.editor.setTheme(themeName(theme));
  }

  setFontSize(size: number): void {
    this.editor.updateOptions({ fontSize: size });
  }

  focus(): void {
    this.editor.focus();
  }

  dispose(): void {
    this.editor.getModel()?.dispose();
    this.editor.dispose();
  }
}
