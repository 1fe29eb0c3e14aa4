/** Any whitespace run; JS `\s` covers U+3000, U+00A0 and line breaks. */
const WHITESPACE_RUN = /\s+/g;

/** Trim, and collapse every whitespace run (incl. U+3000, U+00A0, newlines) to one space. */
export function collapseWhitespace(s: string): string {
  return s.replace(WHITESPACE_RUN, ' ').trim();
}
