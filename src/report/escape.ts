/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Escapes text for a Markdown table cell (pipes, line breaks) and neutralises HTML; quotes stay
 * as they are (绿色制造"521"), since Markdown text is never inside an attribute.
 */
export function escapeMarkdownCell(s: string): string {
  return s
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}
