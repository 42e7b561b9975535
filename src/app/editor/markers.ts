/**
 * Engine diagnostics → editor markers. The marker's message carries the
 * teaching explanation in the learner's language, and its code links to the
 * rule's documentation, so Monaco's own marker hover shows all three.
 */
import type { Diagnostic, Severity } from '../../api/index.ts';
import type { Locale } from '../state/preferences.svelte.ts';

export interface MarkerData {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
  readonly message: string;
  readonly severity: Severity;
  readonly source: string;
  readonly code: string | { readonly value: string; readonly target: string };
}

export function markersFor(diagnostics: readonly Diagnostic[], locale: Locale): MarkerData[] {
  return diagnostics.map((d) => {
    const explanation = d.explanation?.[locale] ?? d.explanation?.en;
    const start = d.range.start;
    // A zero-width range would draw no squiggle: widen it to the rest of the line.
    const sameSpot = d.range.end.line === start.line && d.range.end.column <= start.column;
    return {
      startLineNumber: start.line,
      startColumn: start.column,
      endLineNumber: d.range.end.line,
      endColumn: sameSpot ? 1000 : d.range.end.column,
      message: explanation ? `${d.message}\n\n${explanation}` : d.message,
      severity: d.severity,
      source: 'Layerlab',
      code: d.url ? { value: d.rule, target: d.url } : d.rule,
    };
  });
}
