import { formatDiagnostic, type Diagnostic } from '../domain/diagnostic.js';
import { msg } from '../messages/messages.js';
import type { Streams } from './io-streams.js';

/** Prints warnings and errors, errors last with a count, so the summary line is what the eye lands on. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], io: Streams): void {
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  const errors = diagnostics.filter((d) => d.severity !== 'warning');
  for (const d of warnings) io.err(formatDiagnostic(d));
  for (const d of errors) io.err(formatDiagnostic(d));
  if (errors.length) io.err(msg.problemsFound(errors.length));
}
