import { memoByText } from './memo.js';
import { foldCompatibility } from './width.js';

/**
 * A text as words are compared: widths folded (foldCompatibility, NFKC) and white space removed, so OCR spacing and
 * full-width forms never decide a comparison. Remembered per text: table cells, titles and names are
 * compared many times over.
 */
export const compactKey: (text: string) => string = memoByText((text) => foldCompatibility(text).replace(/\s+/g, ''));
