import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  labelKey,
  levelRank,
  levelVocabulary,
  resolveLevels,
  truncatedLevelWords,
  type Levels,
} from '../../src/targets/levels.js';
import { targetsSpec } from '../support/family.js';

const spec = targetsSpec();
const vocab = levelVocabulary(spec);
const none: Levels = { level1: '', level2: '' };
const resolve = (words: string[], carried: Levels = none) => resolveLevels(vocab, words, carried);

describe('levelVocabulary', () => {
  it('reads the framework of the family as data, 成本指标 under 产出指标 and as a level 1', () => {
    expect(vocab.level1).toEqual(['产出指标', '效益指标', '满意度指标', '成本指标']);
    expect(vocab.parents.get('时效指标')).toEqual(['产出指标']);
    expect(vocab.parents.get('成本指标')).toEqual(['产出指标']);
    expect(vocab.blockLabels.has('绩效指标')).toBe(true);
  });

  it('compares labels without white space and with widths folded', () => {
    expect(labelKey(' 社会 效益指标\u3000')).toBe('社会效益指标');
  });

  it('ranks a label that can be a level 2 as 2, a level 1 only as 1', () => {
    expect([levelRank(vocab, '效益指标'), levelRank(vocab, '时效指标'), levelRank(vocab, '成本指标')]).toEqual([
      1, 2, 2,
    ]);
  });
});

describe('truncatedLevelWords', () => {
  it('finds the one label a cut-short cell starts', () => {
    expect(truncatedLevelWords(vocab, '社会效益')).toEqual(['社会效益指标']);
  });
  it('finds every label an ambiguous start could be', () => {
    expect(truncatedLevelWords(vocab, '经济')).toEqual(['经济效益指标', '经济成本指标']);
  });
  it('finds none for a full label, a single character or an indicator name', () => {
    expect(truncatedLevelWords(vocab, '社会效益指标')).toEqual([]);
    expect(truncatedLevelWords(vocab, '社')).toEqual([]);
    expect(truncatedLevelWords(vocab, '提供知识产权纠纷调解')).toEqual([]);
  });
});

describe('resolveLevels', () => {
  it('takes level 1 from a level-2 label by the framework', () => {
    expect(resolve(['时效指标'])).toEqual({ levels: { level1: '产出指标', level2: '时效指标' }, conflict: false });
  });
  it('accepts a level-1 and a level-2 label that agree', () => {
    expect(resolve(['效益指标', '社会效益指标'])).toEqual({
      levels: { level1: '效益指标', level2: '社会效益指标' },
      conflict: false,
    });
  });
  it('treats the same label twice as agreement', () => {
    expect(resolve(['社会效益指标', '社会效益指标']).conflict).toBe(false);
  });
  it('carries the levels from above to a row without labels', () => {
    const carried = { level1: '效益指标', level2: '经济效益指标' };
    expect(resolve([], carried)).toEqual({ levels: carried, conflict: false });
  });
  it('keeps the carried level 2 when a level-1 label only repeats the carried level 1', () => {
    expect(resolve(['效益指标'], { level1: '效益指标', level2: '社会效益指标' }).levels).toEqual({
      level1: '效益指标',
      level2: '社会效益指标',
    });
  });
  it('clears level 2 when a level-1 label starts another level 1', () => {
    expect(resolve(['效益指标'], { level1: '产出指标', level2: '数量指标' }).levels).toEqual({
      level1: '效益指标',
      level2: '',
    });
  });
  it('reads 成本指标 as a level 2 of 产出指标 unless the carried level 1 is 成本指标', () => {
    expect(resolve(['成本指标'], { level1: '效益指标', level2: '' }).levels).toEqual({
      level1: '产出指标',
      level2: '成本指标',
    });
    expect(resolve(['成本指标'], { level1: '成本指标', level2: '' }).levels).toEqual({
      level1: '成本指标',
      level2: '',
    });
    expect(resolve(['成本指标', '经济成本指标']).levels).toEqual({ level1: '成本指标', level2: '经济成本指标' });
  });
  it('reports 效益指标 next to 时效指标 as a conflict and keeps the label nearest the name', () => {
    expect(resolve(['效益指标', '时效指标'])).toEqual({
      levels: { level1: '产出指标', level2: '时效指标' },
      conflict: true,
    });
  });
  it('reports two level-2 labels of one level 1 as a conflict', () => {
    expect(resolve(['效益指标', '社会效益指标', '经济效益指标'])).toEqual({
      levels: { level1: '效益指标', level2: '经济效益指标' },
      conflict: true,
    });
  });
  it('reports two level-1 labels as a conflict', () => {
    expect(resolve(['效益指标', '产出指标', '数量指标'])).toEqual({
      levels: { level1: '产出指标', level2: '数量指标' },
      conflict: true,
    });
  });
  it('always returns levels of the framework for any labels of the framework', () => {
    const labels = [...vocab.level1, ...vocab.parents.keys()];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...labels), { maxLength: 5 }), (words) => {
        const { levels } = resolve(words);
        if (words.length === 0) return levels.level1 === '';
        return (
          vocab.level1.includes(levels.level1) &&
          (levels.level2 === '' || (vocab.parents.get(levels.level2) ?? []).includes(levels.level1))
        );
      }),
    );
  });
});
