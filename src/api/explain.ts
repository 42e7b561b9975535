/**
 * One decision an engine rule made, as plain data for the UI's step-by-step
 * explanations (final argv, cache misses, copy-ups, …).
 *
 * `rule` is a stable identifier (`run.entrypoint-flag`, `merge.inherit-cmd`)
 * that the UI keys its translations on; `detail` holds the values the text
 * mentions, so a translation can re-render the sentence; `text` is the English
 * rendering, for logs, the CLI and locales without a translation.
 */
export interface ExplainStep {
  readonly rule: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly text: string;
}

/** Build an ExplainStep; `detail` defaults to empty. */
export function explainStep(rule: string, text: string, detail: Readonly<Record<string, unknown>> = {}): ExplainStep {
  return { rule, detail, text };
}
