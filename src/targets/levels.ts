import type { IndicatorColumnRole, TargetsAnnex } from '../family/spec.js';
import { compactKey } from '../normalize/compact.js';
import { valueUnits, type ValueUnits } from './valueUnits.js';
import { memoByOwnerAndText } from '../normalize/memo.js';

/** The two indicator levels of a row; '' where unknown. */
export interface Levels {
  /** Level-1 label (产出指标 …), or ''. */
  level1: string;
  /** Level-2 label (数量指标 …), or ''. */
  level2: string;
}

/** The family's vocabulary of indicator tables (framework, header words, value units), compiled for look-ups. */
export interface LevelVocabulary {
  /** Level-1 labels in framework order. */
  level1: readonly string[];
  /** Level-2 label → the level-1 labels it sits under (成本指标 may sit under 产出指标). */
  parents: ReadonlyMap<string, readonly string[]>;
  /** Cells that label the whole block (绩效指标). */
  blockLabels: ReadonlySet<string>;
  /** Header word (一级指标, 年度指标值 …) → the role of the column it names. */
  header: ReadonlyMap<string, IndicatorColumnRole>;
  /** Shortest cell read as a truncated level label. */
  minTruncated: number;
  /** The units indicator values are written in (family.json valueUnits), compiled. */
  valueUnits: ValueUnits;
}

/** A cell's text as compared with the vocabulary: widths folded, white space removed. */
export const labelKey = compactKey;

/** Compile the framework of a target-table annex. */
export function levelVocabulary(spec: TargetsAnnex): LevelVocabulary {
  const parents = new Map<string, string[]>();
  for (const { level1, level2 } of spec.framework) {
    for (const word of level2) parents.set(labelKey(word), [...(parents.get(labelKey(word)) ?? []), level1]);
  }
  return {
    level1: spec.framework.map((f) => labelKey(f.level1)),
    parents,
    blockLabels: new Set(spec.blockLabels.map(labelKey)),
    header: new Map(spec.indicatorHeader.flatMap((c) => c.synonyms.map((w) => [labelKey(w), c.role] as const))),
    minTruncated: spec.truncatedLabelMinLength,
    valueUnits: valueUnits(spec.valueUnits),
  };
}

/** How a header cell reads: the role it names, and the family's word it was taken for when it is not one of them. */
export interface HeaderWord {
  /** Role of the column. */
  role: IndicatorColumnRole;
  /**
   * The family's header word it holds when the cell is longer than that word (`2024年指标值` → 指标值); absent for an exact
   * word.
   */
  guessedFrom?: string;
}

/** Longest cell (characters, white space removed) read as a header word that contains a family word (`2024年指标值`). */
const HEADER_CELL_MAX = 24;

/**
 * The column a header cell names: a header word of the family, or failing that the longest one the cell
 * contains (a guess the caller reports); null when it names none, or contains words of two roles equally long.
 */
export function headerWord(vocab: LevelVocabulary, text: string): HeaderWord | null {
  // Every cell of every target-table row is asked; cells repeat across the tables.
  return knownHeaderWord(vocab, text);
}

const knownHeaderWord = memoByOwnerAndText(readHeaderWord, 20_000);

function readHeaderWord(vocab: LevelVocabulary, text: string): HeaderWord | null {
  const key = labelKey(text);
  const exact = vocab.header.get(key);
  if (exact) return { role: exact };
  // A header cell is a few words; a long cell (a policy list, a goal) holds a header word only by chance.
  if (key === '' || key.length > HEADER_CELL_MAX || vocab.blockLabels.has(key) || isLevelWord(vocab, key)) return null;
  const inside = [...vocab.header].filter(([word]) => key.includes(word)).sort((a, b) => b[0].length - a[0].length);
  const [best, next] = inside;
  if (!best || (next && next[0].length === best[0].length && next[1] !== best[1])) return null;
  return { role: best[1], guessedFrom: best[0] };
}

/** True when a cell is a level label of the framework, of either level. */
export function isLevelWord(vocab: LevelVocabulary, text: string): boolean {
  const key = labelKey(text);
  return vocab.level1.includes(key) || vocab.parents.has(key);
}

/** The level labels a cell may be the cut-short start of (`社会效益` → 社会效益指标); [] when none or too short. */
export function truncatedLevelWords(vocab: LevelVocabulary, text: string): string[] {
  const key = labelKey(text);
  if ([...key].length < vocab.minTruncated) return [];
  return [...vocab.level1, ...vocab.parents.keys()].filter(
    (w, i, all) => w !== key && w.startsWith(key) && all.indexOf(w) === i,
  );
}

/** The level a label names: 2 when it can be a level-2 label (成本指标 can be both), else 1. */
export function levelRank(vocab: LevelVocabulary, word: string): 1 | 2 {
  return vocab.parents.has(labelKey(word)) ? 2 : 1;
}

/** The ways a label can be read: a level-1 alone, or a level-2 under each of its parents. */
function readings(vocab: LevelVocabulary, word: string): Levels[] {
  const asLevel2 = (vocab.parents.get(word) ?? []).map((level1) => ({ level1, level2: word }));
  return vocab.level1.includes(word) ? [...asLevel2, { level1: word, level2: '' }] : asLevel2;
}

/** The levels a row ends up with, and whether its own labels contradicted each other. */
export interface ResolvedLevels {
  /** The row's levels, which also carry down to the rows below. */
  levels: Levels;
  /** True when the row's own labels contradicted each other. */
  conflict: boolean;
}

/**
 * Levels of a row from the labels found in it (in row order) and the levels carried down from above.
 * Labels that agree give one level-1 (and at most one level-2); level1 follows from level2 by the framework;
 * a label that only repeats the carried level-1 keeps the carried level-2. Labels that disagree are a
 * conflict: the reading of the label nearest the name (the last one) is kept, and the caller flags it.
 */
export function resolveLevels(vocab: LevelVocabulary, words: readonly string[], carried: Levels): ResolvedLevels {
  if (words.length === 0) return { levels: carried, conflict: false };
  const order = [carried.level1, ...vocab.level1].filter((l, i, all) => l !== '' && all.indexOf(l) === i);
  for (const level1 of order) {
    const level2s = new Set<string>();
    const fits = words.every((w) => {
      const reading = readings(vocab, w).find((r) => r.level1 === level1);
      if (reading?.level2) level2s.add(reading.level2);
      return reading !== undefined;
    });
    if (fits && level2s.size <= 1)
      return { levels: { level1, level2: [...level2s][0] ?? keptLevel2(level1, carried) }, conflict: false };
  }
  const last = words[words.length - 1] ?? '';
  const options = readings(vocab, last);
  const reading = options.find((r) => r.level1 === carried.level1) ?? options[0] ?? { level1: '', level2: '' };
  return {
    levels: { level1: reading.level1, level2: reading.level2 || keptLevel2(reading.level1, carried) },
    conflict: true,
  };
}

/** A level-1 label alone keeps the carried level-2 when it repeats the carried level-1, and clears it otherwise. */
function keptLevel2(level1: string, carried: Levels): string {
  return level1 === carried.level1 ? carried.level2 : '';
}

/** The level-1 labels each level-2 label sits under, in framework order, as a lookup. */
export function levelParents(spec: Omit<TargetsAnnex, 'label'>): (level2: string) => readonly string[] {
  const vocab = levelVocabulary({ ...spec, label: '' });
  return (level2) => vocab.parents.get(labelKey(level2)) ?? [];
}
