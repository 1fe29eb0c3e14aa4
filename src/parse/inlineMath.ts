import type { StageContext } from '../findings/context.js';
import { RULES } from '../normalize/rules.js';

/** Quick pre-check: a source without `$` or `<eq` (most of them) is returned as it is. */
const MAY_HOLD_MATH = /\$|<eq>/i;

/**
 * The source as every reader should see it: MinerU's inline math (`$\geqslant 85\%$`, `<eq>…</eq>`)
 * read as the text it stands for (≥85%), in body lines and table cells alike, before the family is
 * chosen or any table, value or amount is parsed. It runs line by line: a span never crosses a line,
 * lines are neither joined nor split, so every line number still points into the file as written.
 * Each changed line counts once under the rule's name (`inline-math`), as the normalization rules count.
 */
export function mathAsText(text: string, ctx: StageContext): string {
  if (!MAY_HOLD_MATH.test(text)) return text;
  const rule = RULES['inline-math'];
  let changed = 0;
  const lines = text.split('\n').map((line) => {
    if (!MAY_HOLD_MATH.test(line)) return line;
    const read = rule(line);
    if (read !== line) changed++;
    return read;
  });
  if (changed > 0) ctx.count('inline-math', changed);
  return lines.join('\n');
}
