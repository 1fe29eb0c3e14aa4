import { memoByText } from './memo.js';

/**
 * A text as words are compared: widths folded (NFKC) and white space removed, so OCR spacing and
 * full-width forms never decide a comparison. Remembered per text: table cells, titles and names are
 * compared many times over.
 */
export const compactKey: (text: string) => string = memoByText((text) => text.normalize('NFKC').replace(/\s+/g, ''));
