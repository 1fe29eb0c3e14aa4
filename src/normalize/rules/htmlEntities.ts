import { decodeHTMLStrict } from 'entities';
import { foldFullWidthAscii } from '../width.js';

/**
 * A character reference, also when OCR or an earlier full-width pass spelled it
 * in full-width forms (＆ｌｔ;): width-fold runs after this rule and would
 * otherwise turn such text into a fresh entity, breaking idempotence.
 * The semicolon is required (strict decoding): `R&D` and `&amp` stay as written.
 */
const ENTITY = /[&\uFF06][#\uFF03]?[0-9A-Za-z\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]{1,32};/g;

/** Quick pre-check so entity-free cells (nearly all of them) cost one scan. */
const AMPERSAND = /[&\uFF06]/;

/** Full-width ASCII forms of one entity token folded to ASCII. */
function foldToken(token: string): string {
  return foldFullWidthAscii(token);
}

/** One decoding pass over every entity token; non-entities stay exactly as written. */
function decodeOnce(s: string): string {
  return s.replace(ENTITY, (token) => {
    const folded = foldToken(token);
    const decoded = decodeHTMLStrict(folded);
    return decoded === folded ? token : decoded;
  });
}

/**
 * Decode HTML character references (&lt; &gt; &amp; &quot; &#39; &nbsp; &#x..; &#..;)
 * until none is left, so double-encoded `&amp;lt;` ends as `<`. Terminates because
 * every decode shortens the text.
 */
export function decodeEntities(s: string): string {
  if (!AMPERSAND.test(s)) return s;
  let current = s;
  for (let next = decodeOnce(current); next !== current; next = decodeOnce(current)) current = next;
  return current;
}
