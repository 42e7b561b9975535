/** A problem found in a learner's text (Dockerfile, shell line, lesson file), with where it is. */
export type Severity = 'error' | 'warning' | 'info';

export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column (UTF-16 code units, as editors count). */
  readonly column: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface Diagnostic {
  /** Rule or error name, e.g. BuildKit's `JSONArgsRecommended` or ours `AptGetUpdateAlone`. */
  readonly rule: string;
  readonly severity: Severity;
  /** One line, as Docker prints it where Docker has a message. */
  readonly message: string;
  readonly range: Range;
  /** Teaching explanation, by locale (`en`, `zh-CN`). */
  readonly explanation?: Readonly<Record<string, string>>;
  /** Link to the upstream rule documentation, where there is one. */
  readonly url?: string;
}
