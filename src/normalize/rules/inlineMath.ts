/**
 * MinerU writes what it reads as a formula as inline LaTeX (`$\geqslant 85\%$`, `$\geq 8 5 \%$`,
 * `$&gt; 85\%$`, `$\mathrm{m}^{2}$`), and HTML tables sometimes as `<eq>…</eq>`. This rule turns
 * each such span into the text it stands for (≥85%, ≥85%, >85%, m²); text outside a span is left
 * exactly as written.
 *
 * Spans: `$` opens and the next `$` on the same text closes, as TeX pairs them (1st with 2nd, 3rd with
 * 4th); `\$` is an escaped dollar, never a delimiter, and a `$` left over at the end stays as written.
 * A pair becomes text only when its content is math: it holds a command (`\geq`, `\%`), or it is a
 * figure (digits, spaces, `.,%+-=<>()/:`) or a script (`m^2`, `K_b`) with no space just inside either
 * `$` and no digit right after the closing one (Pandoc's rule, so `$5 and $10` stays). Pairing by
 * position keeps the rule idempotent: a span's text holds no `$`, so the pairs left as written pair
 * the same way again.
 *
 * Inside a span, as in TeX math mode, spaces mean nothing (`8 5 . 3` is 85.3) except in text groups
 * (`\text{…}`, `\mathrm{…}`, `\mbox{…}`), braces only group, `^`/`_` raise and lower (digits become
 * ² ₂, others stay plain), and the entities an HTML cell escapes math with are decoded (`&gt;` is >).
 * A span whose text would hold a delimiter or the start of an entity (`<eq>`, `&lt` …) is left as
 * written, so a second pass finds nothing new. Display math (`$$…$$`) is not read.
 */

/** Commands that stand for one character or word. */
const SYMBOLS: Readonly<Record<string, string>> = {
  geqslant: '≥',
  geq: '≥',
  ge: '≥',
  leqslant: '≤',
  leq: '≤',
  le: '≤',
  neq: '≠',
  ne: '≠',
  gt: '>',
  lt: '<',
  times: '×',
  pm: '±',
  mp: '∓',
  sim: '~',
  approx: '≈',
  cdot: '·',
  div: '÷',
  circ: '°',
  degree: '°',
  infty: '∞',
  permil: '‰',
  textperthousand: '‰',
  partial: '∂',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  Delta: 'Δ',
  mu: 'μ',
  pi: 'π',
  sigma: 'σ',
  cdots: '…',
  ldots: '…',
  dots: '…',
  quad: ' ',
  qquad: ' ',
  enspace: ' ',
  thinspace: '',
};

/** Commands whose brace group is text: its spaces are kept. */
const TEXT_COMMANDS: ReadonlySet<string> = new Set([
  'text',
  'mathrm',
  'textrm',
  'mbox',
  'rm',
  'mathit',
  'textit',
  'mathbf',
  'textbf',
  'boldsymbol',
  'mathsf',
  'textsf',
  'mathtt',
  'texttt',
  'operatorname',
  'textnormal',
  'hbox',
]);

/** Commands that only size or place what follows: dropped. */
const DROPPED_COMMANDS: ReadonlySet<string> = new Set([
  'left',
  'right',
  'big',
  'Big',
  'bigg',
  'Bigg',
  'bigl',
  'bigr',
  'Bigl',
  'Bigr',
  'displaystyle',
  'textstyle',
  'scriptstyle',
  'mathord',
  'mathrel',
  'mathbin',
  'limits',
  'nolimits',
]);

/** `\` before one of these writes the character itself (`\%` is %); `\,` `\;` `\:` `\!` are spacing. */
const ESCAPED: Readonly<Record<string, string>> = {
  '%': '%',
  '{': '{',
  '}': '}',
  _: '_',
  '#': '#',
  '&': '&',
  ',': '',
  ';': '',
  ':': '',
  '!': '',
  ' ': ' ',
  '>': '>',
  '<': '<',
  '|': '|',
  '\\': ' ',
};

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '+': '⁺',
  '-': '⁻',
  '=': '⁼',
  '(': '⁽',
  ')': '⁾',
  n: 'ⁿ',
  '°': '°',
};
const SUBSCRIPT: Readonly<Record<string, string>> = {
  '0': '₀',
  '1': '₁',
  '2': '₂',
  '3': '₃',
  '4': '₄',
  '5': '₅',
  '6': '₆',
  '7': '₇',
  '8': '₈',
  '9': '₉',
  '+': '₊',
  '-': '₋',
  '=': '₌',
  '(': '₍',
  ')': '₎',
};

/** A figure as MinerU writes one (`2 0 2 3`, `90% - 100%`, `1{,}000.5`): at least one digit among these. */
const FIGURE = /^[0-9\s.,%+\-=<>()/:~{}]+$/;
/** A bare script (`m^2`, `m^{2}`, `K_b`). */
const SCRIPTED = /^[A-Za-z0-9\s.,+\-()^_{}]+$/;
const DIGIT = /[0-9]/;
const SCRIPT_MARK = /[\^_]/;
const WHITE = /\s/;
/** A command name: letters right after the backslash (sticky, so no copy of the text is made). */
const COMMAND_NAME = /[A-Za-z]{1,32}/y;

/** Quick pre-check: text without `$` or `<eq` (nearly all of it) costs one scan. */
const MAY_HOLD_MATH = /\$|<eq>/i;
/** The tags of MinerU's `<eq>…</eq>` formula in an HTML cell. */
const EQ_TAG = /<(\/?)eq>/gi;
/** The entities an HTML cell escapes math with, decoded once (`&amp;gt;` stays `&gt;`). */
const MATH_ENTITY = /&(gt|lt|amp|nbsp|quot);/g;
const ENTITY_TEXT: Readonly<Record<string, string>> = { gt: '>', lt: '<', amp: '&', nbsp: ' ', quot: '"' };
/** What a span's text must not hold: a delimiter of its own, or an `&` that may start an entity. */
const UNSAFE_TEXT = /<\/?eq>|&(?:[#A-Za-z0-9]|$)/i;

/** Turn every inline math span (`$…$`, `<eq>…</eq>`) into the text it stands for; other text stays as written. */
export function inlineMathToText(s: string): string {
  if (!MAY_HOLD_MATH.test(s)) return s;
  return dollarSpans(eqSpans(s));
}

/** Replace each `<eq>…</eq>` by its text, pairing tags in order: the first `<eq>` opens, the next `</eq>` closes. */
function eqSpans(s: string): string {
  let out = '';
  let from = 0;
  let open = -1;
  let openEnd = -1;
  for (const tag of s.matchAll(EQ_TAG)) {
    const closing = tag[1] === '/';
    if (!closing && open === -1) {
      open = tag.index;
      openEnd = tag.index + tag[0].length;
    } else if (closing && open !== -1) {
      const text = spanText(s.slice(openEnd, tag.index));
      if (text !== null) {
        out += s.slice(from, open) + text;
        from = tag.index + tag[0].length;
      }
      open = -1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

/** A span's text, or null when it is empty or would hold what a second pass reads (see UNSAFE_TEXT). */
function spanText(content: string): string | null {
  if (content.trim() === '') return null;
  const text = mathText(content);
  return UNSAFE_TEXT.test(text) ? null : text;
}

/** Offsets of the unescaped `$` signs of a text. */
function dollarOffsets(s: string): number[] {
  const offsets: number[] = [];
  for (let i = s.indexOf('$'); i !== -1; i = s.indexOf('$', i + 1)) if (!escaped(s, i)) offsets.push(i);
  return offsets;
}

/** True when the character at `i` follows an odd run of backslashes. */
function escaped(s: string, i: number): boolean {
  let slashes = 0;
  for (let p = i - 1; p >= 0 && s[p] === '\\'; p--) slashes++;
  return slashes % 2 === 1;
}

/** Replace each `$…$` pair whose content is math by its text. */
function dollarSpans(s: string): string {
  const offsets = dollarOffsets(s);
  if (offsets.length < 2) return s;
  let out = '';
  let from = 0;
  for (let k = 0; k + 1 < offsets.length; k += 2) {
    const open = offsets[k] as number;
    const close = offsets[k + 1] as number;
    const content = s.slice(open + 1, close);
    const text = isMath(content, s[close + 1]) ? spanText(content) : null;
    if (text === null) continue;
    out += s.slice(from, open) + text;
    from = close + 1;
  }
  return out + s.slice(from);
}

/** Whether a pair's content is math (see the module comment); `after` is the character after the closing `$`. */
function isMath(written: string, after: string | undefined): boolean {
  if (written.trim() === '') return false;
  if (written.includes('\\')) return true;
  // An HTML cell escapes `$&gt; 85$`: the figure is judged as it reads.
  const content = decodeMathEntities(written);
  if (WHITE.test(content[0] ?? '') || WHITE.test(content[content.length - 1] ?? '')) return false;
  if (after !== undefined && DIGIT.test(after)) return false;
  if (FIGURE.test(content)) return DIGIT.test(content);
  return SCRIPTED.test(content) && SCRIPT_MARK.test(content);
}

/** The entities an HTML cell escapes math with, decoded once. */
function decodeMathEntities(content: string): string {
  return content.includes('&')
    ? content.replace(MATH_ENTITY, (_entity, name: string) => ENTITY_TEXT[name] ?? '')
    : content;
}

/** How a brace group's text is finished when it closes. */
type Script = 'none' | 'sup' | 'sub';

/** An open brace group: whether its spaces count, how it is finished, and its text so far. */
interface Frame {
  text: boolean;
  script: Script;
  out: string;
  /** Whether `out` ends in a space (kept apart: asking the string would flatten it on every space). */
  spaced: boolean;
}

/** Add a piece to a group's text. */
function append(frame: Frame, piece: string): void {
  if (piece === '') return;
  frame.out += piece;
  frame.spaced = piece.endsWith(' ');
}

/** The text a math span stands for. Linear: one pass with a stack of open groups, never recursion. */
export function mathText(content: string): string {
  const src = decodeMathEntities(content);
  const stack: Frame[] = [{ text: false, script: 'none', out: '', spaced: false }];
  const top = (): Frame => stack[stack.length - 1] as Frame;
  // What the next group or character is: a text group after \text, a script after ^ or _.
  let pendingText = false;
  let pendingScript: Script = 'none';
  const emit = (piece: string): void => {
    if (pendingScript !== 'none') {
      append(top(), scripted(piece, pendingScript));
      pendingScript = 'none';
    } else append(top(), piece);
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === '\\') {
      COMMAND_NAME.lastIndex = i + 1;
      const name = COMMAND_NAME.exec(src)?.[0] ?? '';
      if (name === '') {
        const next = src[i + 1];
        if (next !== undefined) emit(next === '$' ? '\\$' : (ESCAPED[next] ?? next));
        i += 2;
        continue;
      }
      i += 1 + name.length;
      if (TEXT_COMMANDS.has(name)) pendingText = true;
      else if (!DROPPED_COMMANDS.has(name)) emit(SYMBOLS[name] ?? name);
      continue;
    }
    i += 1;
    if (ch === '{') {
      stack.push({ text: pendingText || top().text, script: pendingScript, out: '', spaced: false });
      pendingText = false;
      pendingScript = 'none';
    } else if (ch === '}') {
      if (stack.length > 1) closeGroup(stack);
    } else if (ch === '^' || ch === '_') {
      pendingScript = ch === '^' ? 'sup' : 'sub';
    } else if (WHITE.test(ch)) {
      if (top().text && !top().spaced) append(top(), ' ');
    } else emit(ch === '$' ? '\\$' : ch);
  }
  while (stack.length > 1) closeGroup(stack);
  return (stack[0] as Frame).out.trim();
}

/** Close the innermost group: its text, raised or lowered when it was a script, joins its parent's. */
function closeGroup(stack: Frame[]): void {
  const frame = stack.pop() as Frame;
  const parent = stack[stack.length - 1] as Frame;
  append(parent, scripted(frame.text ? frame.out.trim() : frame.out, frame.script));
}

/** A script's text: raised or lowered character by character when every character has that form, else plain. */
function scripted(text: string, script: Script): string {
  if (script === 'none') return text;
  const forms = script === 'sup' ? SUPERSCRIPT : SUBSCRIPT;
  const chars = [...text];
  return chars.every((c) => forms[c] !== undefined) ? chars.map((c) => forms[c]).join('') : text;
}
