/**
 * The one escape for text placed in the HTML report (element content and
 * quoted attribute values alike). Model outputs and dataset lines go through
 * it; nothing else may put text from a run into the page.
 */
export function escapeHtml(text: unknown): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/`/g, '&#96;');
}
