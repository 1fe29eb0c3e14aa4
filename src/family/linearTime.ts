/**
 * Does a regular expression run in linear time? Checked on every pattern a family declares when it
 * is loaded (a pattern that fails is a configuration error, exit 78), and by the tests on every
 * regular expression literal in src/ (test/linear-time-patterns.test.ts).
 *
 * Two checks, both our own. The shape check (`quadraticShape`) reads the pattern: two unbounded
 * repeats that can take the same characters with nothing required between them, or, unanchored, a
 * repeat every start position runs into — the quadratic and worse cases of a backtracking engine,
 * found without running anything, so the verdict does not depend on how busy the machine is. The
 * probe (`slowProbe`) runs the pattern in V8, the engine that runs it in the stages, on the inputs
 * that make a backtracking engine slow: the text leading to each quantifier, a long run of what it
 * repeats, a character that makes the match fail. It runs under `vm`'s timeout, which interrupts
 * V8's regular expression engine too, so an exponential pattern costs the bound, never a hang.
 *
 * Why not a package: a static checker such as recheck ships as a JVM jar, a native binary or a
 * multi-megabyte Scala.js bundle to start on every run; a linear engine such as re2 builds native
 * code (or downloads it), and the ports (re2js, re2-wasm) would change the flavour of every family
 * pattern (no lookbehind or lookahead, other Unicode classes) for patterns that are almost all linear.
 */
import vm from 'node:vm';

/**
 * Characters in a probe's run at family load: a cubic or exponential pattern takes seconds on it (quadratic ones the
 * shape check finds).
 */
export const PROBE_LENGTH = 2_000;
/** Milliseconds one probe may take: a linear pattern needs well under 1 ms on PROBE_LENGTH characters. */
export const PROBE_BUDGET_MS = 150;

/** A probe that took too long: what it was made of, for the message. */
export interface SlowProbe {
  /** How the probe reads (`"共计" + 20000 × " " + "\u0000"`). */
  probe: string;
  /** Milliseconds it ran before it was stopped or ended. */
  ms: number;
}

/** Samples of an escape: `\s` a space, `\d` a digit, and so on. */
function escapeSamples(c: string): string[] {
  switch (c) {
    case 's':
      return [' '];
    case 'S':
    case 'w':
    case 'W':
    case 'D':
      return ['a', '中', c === 'W' || c === 'D' ? '-' : '_'];
    case 'd':
      return ['0'];
    case 'p':
    case 'P':
      return ['中', 'a'];
    case 'n':
      return ['\n'];
    case 't':
      return ['\t'];
    case 'r':
      return ['\r'];
    default:
      return [c];
  }
}

/** Samples of a character class body (`[^\s|]`, `[0-9,.]`): members, or for a negated class the usual text. */
function classSamples(body: string): string[] {
  if (body.startsWith('^')) return ['a', '中', '0', ' ', '-', '.'];
  const out: string[] = [];
  for (let i = 0; i < body.length && out.length < 8; i++) {
    const c = body[i] ?? '';
    if (c === '\\') {
      out.push(...escapeSamples(body[i + 1] ?? ''));
      if (body[i + 1] === 'p' || body[i + 1] === 'P' || body[i + 1] === 'u') i = skipBraces(body, i + 2) - 1;
      else i++;
    } else out.push(c);
  }
  return out.length > 0 ? [...new Set(out)] : ['a'];
}

/** The index after a `{…}` at `i`, or `i` when none is there. */
function skipBraces(source: string, i: number): number {
  if (source[i] !== '{') return i;
  const end = source.indexOf('}', i);
  return end < 0 ? i : end + 1;
}

/** A piece of the pattern: a sample text that one pass through it matches, and whether it repeats. */
interface Atom {
  /**
   * What the piece is: a character or class, a group's opening, its closing (with the group's quantifier), an
   * alternation bar.
   */
  kind: 'char' | 'open' | 'close' | 'bar' | 'end';
  /** Texts one pass through the atom can match (a literal, some members of a class). */
  samples: string[];
  /** Whether a character is one the atom matches (for a group's closing: one that can start the group). */
  matches: (c: string) => boolean;
  /** Whether a character is one the atom can end with (for a group's closing: one that can end the group). */
  matchesEnd: (c: string) => boolean;
  /** How it reads in the pattern (`\s*`, `[^）)]*`). */
  text: string;
  /** The atom may be absent (`?`, `*`, `{0,…}`). */
  optional: boolean;
  /** The atom repeats without bound (`*`, `+`, `{n,}`) or a large bound. */
  repeats: boolean;
  /** For `open`: the index of its `close`; for `close`: of its `open`. */
  partner: number;
  /** Inside a lookaround: matches nothing. */
  zeroWidth: boolean;
}

/** A repeat bound above this is as good as unbounded for the static rules (a run of 255 per start is still linear). */
const LARGE_BOUND = 255;

/** A membership test for one piece of the pattern, compiled with the pattern's flags. */
function membership(text: string, flags: string): (c: string) => boolean {
  try {
    const re = new RegExp(`^(?:${text})$`, flags.replace(/[gy]/g, ''));
    return (c) => re.test(c);
  } catch {
    // A piece that does not compile alone (an escape cut from its context): assume it matches anything.
    return () => true;
  }
}

/**
 * The atoms of a pattern, flat, with its groups marked by `open` and `close` atoms and its
 * alternatives by `bar` atoms, which is enough to lead a probe to each quantifier and to see which
 * quantifiers can follow one another.
 */
function atomsOf(source: string, flags = 'u'): Atom[] {
  const atoms: Atom[] = [];
  /** Open groups: index of their `open` atom, and whether they are lookarounds. */
  const groups: number[] = [];
  /** Where each open group starts in the source. */
  const groupFrom: number[] = [];
  let lookarounds = 0;
  let i = 0;
  while (i < source.length) {
    const c = source[i] ?? '';
    const from = i;
    let samples: string[];
    if (c === '\\') {
      const e = source[i + 1] ?? '';
      i += 2;
      if (e === 'p' || e === 'P' || e === 'u' || e === 'k') i = skipBraces(source, i);
      else if (e === 'x') i += 2;
      else if (e === 'c') i += 1;
      if (e === 'b' || e === 'B' || /[1-9]/.test(e) || e === 'k') continue;
      const braces = source.slice(from + 2, i);
      if (e === 'u' || e === 'x') samples = [String.fromCodePoint(parseInt(braces.replace(/[{}]/g, ''), 16) || 97)];
      else if ((e === 'p' || e === 'P') && braces.includes('Han')) samples = e === 'p' ? ['中'] : ['a'];
      else samples = escapeSamples(e);
    } else if (c === '[') {
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      samples = classSamples(source.slice(i + 1, j));
      i = j + 1;
    } else if (c === '(') {
      i++;
      let look = false;
      // Skip the group's kind: (?: (?= (?! (?<= (?<! (?<name>.
      if (source[i] === '?') {
        i++;
        if (source[i] === '<' && source[i + 1] !== '=' && source[i + 1] !== '!') i = source.indexOf('>', i) + 1;
        else {
          look = source[i] !== ':';
          i += source[i] === '<' ? 2 : 1;
        }
      }
      if (look) lookarounds++;
      groups.push(atoms.length);
      groupFrom.push(from);
      atoms.push({
        kind: 'open',
        samples: [],
        matches: () => false,
        matchesEnd: () => false,
        text: source.slice(from, i),
        optional: false,
        repeats: false,
        partner: -1,
        zeroWidth: lookarounds > 0,
      });
      continue;
    } else if (c === ')') {
      const open = groups.pop() ?? 0;
      const openedAt = groupFrom.pop() ?? 0;
      const opening = atoms[open];
      i++;
      const q = quantifier(source, i);
      i = q.end;
      const inner = atoms.slice(open + 1);
      const starts = startingAtoms(inner);
      const ends = startingAtoms(reversed(inner));
      const close: Atom = {
        kind: 'close',
        // The group's text as one repeated unit.
        samples: [
          inner
            .filter((a) => a.kind === 'char' && !a.optional)
            .map((a) => a.samples[0] ?? '')
            .join(''),
        ].filter((u) => u !== ''),
        matches: (ch) => starts.some((a) => a.matches(ch)),
        matchesEnd: (ch) => ends.some((a) => a.matchesEnd(ch)),
        text: source.slice(openedAt, i),
        optional: q.optional,
        repeats: q.repeats,
        partner: open,
        zeroWidth: opening?.zeroWidth ?? false,
      };
      if (opening) {
        opening.partner = atoms.length;
        opening.optional = q.optional;
        if (opening.zeroWidth && !groups.some((g) => atoms[g]?.zeroWidth)) lookarounds = Math.max(0, lookarounds - 1);
      }
      atoms.push(close);
      continue;
    } else if (c === '|') {
      atoms.push({
        kind: 'bar',
        samples: [],
        matches: () => false,
        matchesEnd: () => false,
        text: '|',
        optional: true,
        repeats: false,
        partner: -1,
        zeroWidth: false,
      });
      i++;
      continue;
    } else if (c === '^' || c === '$') {
      if (c === '$')
        atoms.push({
          kind: 'end',
          samples: [],
          matches: () => false,
          matchesEnd: () => false,
          text: '$',
          optional: false,
          repeats: false,
          partner: -1,
          zeroWidth: true,
        });
      i++;
      continue;
    } else {
      samples = [c === '.' ? 'a' : c];
      i++;
    }
    const text = source.slice(from, i);
    const q = quantifier(source, i);
    const matches = membership(text, flags);
    atoms.push({
      kind: 'char',
      samples,
      matches,
      matchesEnd: matches,
      text: source.slice(from, q.end),
      optional: q.optional,
      repeats: q.repeats,
      partner: -1,
      zeroWidth: lookarounds > 0,
    });
    i = q.end;
  }
  return atoms;
}

/**
 * The atoms of a group's body that can match its first character: up to the first that must match, in each alternative.
 */
function startingAtoms(inner: readonly Atom[]): Atom[] {
  const out: Atom[] = [];
  let open = true;
  let depth = 0;
  for (const a of inner) {
    if (a.kind === 'bar' && depth === 0) open = true;
    if (a.kind === 'open') depth++;
    if (a.kind === 'close') depth--;
    if (!open || (a.kind !== 'char' && a.kind !== 'close')) continue;
    out.push(a);
    if (!a.optional && depth === 0) open = false;
  }
  return out;
}

/** A group body read backwards (its opening and closing atoms swapped), to find what it can end with. */
function reversed(inner: readonly Atom[]): Atom[] {
  return [...inner]
    .reverse()
    .map((a) => (a.kind === 'open' ? { ...a, kind: 'close' } : a.kind === 'close' ? { ...a, kind: 'open' } : a));
}

/** Characters tried when asking whether two pieces can match the same character, besides their own samples. */
const ALPHABET = [
  ' ',
  '\u3000',
  '\t',
  '\n',
  '0',
  '9',
  '０',
  'a',
  'Z',
  '_',
  '-',
  '.',
  ',',
  '，',
  '。',
  '中',
  '一',
  '（',
  '(',
  ')',
  '）',
  '：',
  ':',
  '、',
  '|',
  '#',
  '*',
  '/',
  '"',
  '“',
  '年',
  '页',
];

/** Whether what `a` can end with is a character `b` can start with. */
function overlap(a: Atom, b: Atom): boolean {
  return [...a.samples, ...b.samples, ...ALPHABET].some((c) => [...c].length === 1 && a.matchesEnd(c) && b.matches(c));
}

/**
 * Why a pattern can take quadratic time or worse on a backtracking engine, found from its shape, or
 * null: two unbounded repeats that can match the same characters with nothing required between them
 * (`\s*[：:]?\s*`), or, in a pattern not anchored at its start, an unbounded repeat that every
 * start position reaches (`\s*#*\s*$`, `[（(][^）)]*` on a run of `（`).
 */
export function quadraticShape(source: string, flags = 'u'): string | null {
  const atoms = atomsOf(source, flags);
  const unbounded = (a: Atom | undefined): a is Atom =>
    a !== undefined && !a.zeroWidth && (a.kind === 'char' || a.kind === 'close') && a.repeats;
  for (let i = 0; i < atoms.length; i++) {
    const first = atoms[i];
    if (!unbounded(first)) continue;
    for (const j of followers(atoms, i)) {
      const next = atoms[j];
      if (unbounded(next) && overlap(first, next) && !takesTheRest(atoms, j))
        return `${first.text} and ${next.text} can match the same characters one after another`;
    }
  }
  if (!source.startsWith('^') && !/^\(\?:\^/.test(source)) {
    // From the start: each atom that must match, while what it matches is also what a later repeat takes.
    const reached: Atom[] = [];
    for (let i = 0; i < atoms.length; i++) {
      const a = atoms[i];
      if (!a || a.zeroWidth || a.kind === 'open') continue;
      if (a.kind === 'bar') break;
      if (unbounded(a) && reached.every((r) => overlap(r, a)) && somethingRequiredAfter(atoms, i)) {
        return `${a.text} is tried from every start position (the pattern is not anchored with ^)`;
      }
      if (a.kind === 'char' && !a.optional) reached.push(a);
      if (reached.length > 2) break;
    }
  }
  return null;
}

/**
 * Whether the pattern, after atom `i`, still needs something that can fail (a required atom, or `$`): else the first
 * start that reaches `i` matches.
 */
function somethingRequiredAfter(atoms: readonly Atom[], i: number): boolean {
  let depth = 0;
  for (let j = i + 1; j < atoms.length; j++) {
    const a = atoms[j];
    if (!a) break;
    if (a.kind === 'open') {
      if (a.optional && a.partner > j) j = a.partner;
      else depth++;
      continue;
    }
    if (a.kind === 'close') {
      depth = Math.max(0, depth - 1);
      if (!a.optional) return true;
      continue;
    }
    if (a.kind === 'bar' && depth === 0) return false;
    if (a.kind === 'end' || (a.kind === 'char' && !a.optional && !a.zeroWidth)) return true;
  }
  return false;
}

/**
 * Whether `.*` or `.+` ends the pattern (only `$` after it): it takes the rest of a line whatever it
 * holds, so what comes before it is never tried again on the lines the stages test.
 */
function takesTheRest(atoms: readonly Atom[], j: number): boolean {
  const a = atoms[j];
  if (!a || !/^\.[*+]\??$/.test(a.text)) return false;
  return atoms.slice(j + 1).every((b) => b.kind === 'end' || b.kind === 'close');
}

/** The atoms that can come right after atom `i` with only optional atoms between them. */
function followers(atoms: readonly Atom[], i: number): number[] {
  const out: number[] = [];
  const self = atoms[i];
  // A repeated group is followed by its own start again; skip its body.
  let j = i + 1;
  while (j < atoms.length) {
    const a = atoms[j];
    if (!a) break;
    if (a.zeroWidth && a.kind !== 'close') {
      j++;
      continue;
    }
    if (a.kind === 'bar') {
      // The end of this alternative: continue after the enclosing group, if any.
      let depth = 0;
      let k = j + 1;
      for (; k < atoms.length; k++) {
        const b = atoms[k];
        if (b?.kind === 'open') depth++;
        if (b?.kind === 'close') {
          if (depth === 0) break;
          depth--;
        }
      }
      if (k >= atoms.length) break;
      j = k;
      continue;
    }
    if (a.kind === 'open') {
      if (a.optional && a.partner > j) {
        // An optional group: its first atoms may follow, and so may what comes after it.
        out.push(...startingIndexes(atoms, j + 1, a.partner));
        j = a.partner + 1;
        continue;
      }
      j++;
      continue;
    }
    if (a.kind === 'close') {
      if (a.partner < i || self?.kind === 'close') {
        // Leaving a group that holds `i`; when it repeats, its start follows too.
        if (a.repeats && a.partner < i) out.push(...startingIndexes(atoms, a.partner + 1, j));
        j++;
        continue;
      }
      j++;
      continue;
    }
    if (a.kind === 'end') break;
    out.push(j);
    // A required single character that the first repeat also takes (`[^()]*\p{Script=Han}[^()]*`) does not separate
    // them.
    if (!a.optional && !(self && a.kind === 'char' && !a.repeats && a.samples.every((c) => self.matches(c)))) break;
    j++;
  }
  return out;
}

/** Indexes of the atoms between `from` and `to` that can match first. */
function startingIndexes(atoms: readonly Atom[], from: number, to: number): number[] {
  const starts = new Set(startingAtoms(atoms.slice(from, to)));
  const out: number[] = [];
  for (let k = from; k < to; k++) if (starts.has(atoms[k] as Atom)) out.push(k);
  return out;
}

/** The quantifier at `i`, if any: whether it allows none and whether it repeats without a small bound. */
function quantifier(source: string, i: number): { optional: boolean; repeats: boolean; end: number } {
  const c = source[i];
  let out = { optional: false, repeats: false, end: i };
  if (c === '*') out = { optional: true, repeats: true, end: i + 1 };
  else if (c === '+') out = { optional: false, repeats: true, end: i + 1 };
  else if (c === '?') out = { optional: true, repeats: false, end: i + 1 };
  else if (c === '{') {
    const m = /^\{([0-9]*)(?:(,)([0-9]*))?\}/.exec(source.slice(i, i + 24));
    if (m) {
      const min = Number(m[1] || '0');
      const max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
      out = { optional: min === 0, repeats: max > LARGE_BOUND, end: i + m[0].length };
    }
  }
  // A lazy or possessive-looking mark after the quantifier.
  if (out.end > i && source[out.end] === '?') out.end++;
  return out;
}

/**
 * The probes of a pattern: for each repeated atom, the text leading to it, a long run of what it repeats, a failing
 * end.
 */
export function probesOf(
  source: string,
  length = PROBE_LENGTH,
  samplesPerAtom = length > PROBE_LENGTH ? 8 : 2,
): { text: string; shown: string }[] {
  const atoms = atomsOf(source);
  const probes = new Map<string, string>();
  const add = (prefix: string, unit: string): void => {
    if (unit === '') return;
    // Prefix, the run, then a character that makes almost every pattern fail there.
    const key = `${prefix}\u0000${unit}`;
    const shown = `${JSON.stringify(prefix)} + ${length} × ${JSON.stringify(unit)} + "\\u0000"`;
    if (!probes.has(key)) probes.set(key, shown);
  };
  let prefix = '';
  let previous: Atom | undefined;
  for (const atom of atoms) {
    if (atom.kind === 'open' || atom.kind === 'bar' || atom.zeroWidth) continue;
    if (atom.repeats) {
      // What the atom repeats, and what the atom before it matches (`（` of `[（(][^）)]*`: every start of a run of `（`
      // scans the rest).
      for (const unit of [...atom.samples.slice(0, samplesPerAtom), ...(previous?.samples.slice(0, 1) ?? [])]) {
        add(prefix, unit);
        add('', unit);
      }
    }
    if (!atom.optional && atom.kind === 'char') prefix += atom.samples[0] ?? '';
    previous = atom;
  }
  return [...probes].map(([key, shown]) => {
    const [prefix = '', unit = ''] = key.split('\u0000');
    return { text: prefix + unit.repeat(Math.ceil(length / unit.length)) + '\u0000', shown };
  });
}

const context = vm.createContext({ re: /./, texts: [] as string[] });
const runAll = new vm.Script('for (const text of texts) { re.lastIndex = 0; re.exec(text); } re.lastIndex = 0;');

/** Run `re` on every text under one timeout; the milliseconds taken, or null when it was stopped. */
function timed(re: RegExp, texts: string[], budgetMs: number): number | null {
  context['re'] = re;
  context['texts'] = texts;
  const started = performance.now();
  try {
    runAll.runInContext(context, { timeout: budgetMs });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
    return null;
  } finally {
    context['texts'] = [];
  }
  const ms = performance.now() - started;
  return ms > budgetMs ? null : ms;
}

/**
 * The first probe on which `re` takes longer than `budgetMs` (interrupted there), or null when it
 * runs all of them in time. All probes run at once first (a linear pattern passes them all in a few
 * milliseconds); only when that is slow is each probe timed alone, and a slow one timed three times,
 * so a machine busy for a moment does not make a linear pattern a configuration error.
 */
export function slowProbe(re: RegExp, length = PROBE_LENGTH, budgetMs = PROBE_BUDGET_MS): SlowProbe | null {
  const probes = probesOf(re.source, length);
  if (
    probes.length === 0 ||
    timed(
      re,
      probes.map((p) => p.text),
      budgetMs,
    ) !== null
  )
    return null;
  for (const probe of probes) {
    let slow = 0;
    for (let attempt = 0; attempt < 3 && slow === attempt; attempt++)
      if (timed(re, [probe.text], budgetMs) === null) slow++;
    if (slow === 3) return { probe: probe.shown, ms: budgetMs };
  }
  return null;
}

/** Why a pattern (compiled with `flags`) may not run in linear time, or null: its shape first, then the probes. */
export function linearTimeProblem(source: string, flags = 'u'): string | null {
  const shape = quadraticShape(source, flags);
  if (shape) return `may take quadratic time or worse: ${shape}`;
  const slow = slowProbe(new RegExp(source, flags));
  if (slow)
    return (
      `backtracks catastrophically: on ${slow.probe} it ran over ${PROBE_BUDGET_MS} ms ` +
      '(a linear pattern takes < 1 ms)'
    );
  return null;
}
