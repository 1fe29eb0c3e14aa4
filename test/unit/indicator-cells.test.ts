import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indicatorCells } from '../../src/targets/indicatorCells.js';
import { isLevelWord, levelVocabulary } from '../../src/targets/levels.js';
import { targetsSpec } from '../support/family.js';
import type { GridRow } from '../../src/grid/grid.js';
import { tsvRow } from '../../src/grid/tsv.js';

const spec = targetsSpec();
const vocab = levelVocabulary(spec);
const read = (line: string) => {
  const cells = indicatorCells(tsvRow(line, 1), vocab);
  return {
    words: cells.levelWords,
    labels: cells.labelsRaw,
    name: cells.name?.text,
    value: cells.value?.text,
    extra: cells.extra.map((c) => c.text),
  };
};

describe('indicatorCells', () => {
  it('drops the 绩效指标 block label and takes level labels out of a full row', () => {
    expect(read('绩效指标\t产出指标\t数量指标\t建设高价值专利培育布局中心\t不少于5家')).toEqual({
      words: ['产出指标', '数量指标'],
      labels: ['产出指标', '数量指标'],
      name: '建设高价值专利培育布局中心',
      value: '不少于5家',
      extra: [],
    });
  });
  it('reads a name OCR shifted into column 1 or 0, with its value next to it', () => {
    expect(read('\t培育知识产权保护规范化市场（家）\t不少于2家\t\t')).toMatchObject({
      words: [],
      name: '培育知识产权保护规范化市场（家）',
      value: '不少于2家',
    });
    expect(read('开展海外知识产权纠纷案件业务指导\t不少于20次\t\t\t')).toMatchObject({
      words: [],
      name: '开展海外知识产权纠纷案件业务指导',
      value: '不少于20次',
    });
  });
  it('reads a label shifted right of its usual column as a label', () => {
    expect(read('\t\t\t时效指标\t项目完成期限符合相关要求\t按合同要求限期完成')).toMatchObject({
      words: ['时效指标'],
      name: '项目完成期限符合相关要求',
      value: '按合同要求限期完成',
    });
  });
  it('leaves the value undefined when a row has a name only', () => {
    expect(read('\t\t\t时效指标\t项目完成期限符合相关要求')).toMatchObject({
      name: '项目完成期限符合相关要求',
      value: undefined,
    });
  });
  it('skips empty cells between the name and its value', () => {
    expect(read('服务对象有效投诉率\t\t不高于10%\t\t')).toMatchObject({
      name: '服务对象有效投诉率',
      value: '不高于10%',
    });
  });
  it('reads a cut-short label before a name and a value as that label', () => {
    const cells = indicatorCells(tsvRow('\t效益指标\t社会效益\t企业知识产权贯标推进\t贯标企业数量保持稳定', 1), vocab);
    expect(cells.levelWords).toEqual(['效益指标', '社会效益指标']);
    expect(cells.truncated).toEqual([expect.objectContaining({ words: ['社会效益指标'], counted: true })]);
    expect(cells.name?.text).toBe('企业知识产权贯标推进');
  });
  it('drops a cut-short label but takes no level from it when a full level-2 label is in the row', () => {
    const cells = indicatorCells(
      tsvRow('效益指标\t时效指标\t经济\t项目完成期限符合相关要求\t按合同要求限期完成', 1),
      vocab,
    );
    expect(cells.levelWords).toEqual(['效益指标', '时效指标']);
    expect(cells.labelsRaw).toEqual(['效益指标', '时效指标', '经济']);
    expect(cells.truncated[0]?.counted).toBe(false);
    expect([cells.name?.text, cells.value?.text]).toEqual(['项目完成期限符合相关要求', '按合同要求限期完成']);
  });
  it('keeps a name that starts a label when only it and its value remain', () => {
    expect(read('服务对象满意度指标\t服务对象满意度\t0.8\t\t')).toMatchObject({
      words: ['服务对象满意度指标'],
      name: '服务对象满意度',
      value: '0.8',
    });
  });
  it('skips the empty copies that rowspan and colspan leave in HTML rows', () => {
    const spanned = { text: '', raw: '', line: 3, column: 0, spanned: true };
    const row: GridRow = {
      line: 3,
      encoding: 'html',
      cells: [
        spanned,
        spanned,
        spanned,
        { text: '形成产业专利导航报告', raw: '形成产业专利导航报告', line: 3, column: 9 },
        { text: '不少于3份', raw: '不少于3份', line: 3, column: 30 },
      ],
    };
    expect(indicatorCells(row, vocab)).toMatchObject({
      levelWords: [],
      name: { text: '形成产业专利导航报告' },
      value: { text: '不少于3份' },
    });
  });
  it('keeps cells after the value as extra', () => {
    expect(read('名称\t值\t多余')).toMatchObject({ name: '名称', value: '值', extra: ['多余'] });
  });
  it('sets aside the cell under a header word the family does not name, reading the others by column in order', () => {
    const columns = [
      { role: 'name', text: '三级指标' },
      { role: 'value', text: '指标值' },
      { role: null, text: '备注' },
    ] as const;
    const withRemark = indicatorCells(tsvRow('\t\t名称\t值\t说明', 1), vocab, columns);
    expect([
      withRemark.name?.text,
      withRemark.value?.text,
      withRemark.extra,
      withRemark.ignored.map((i) => [i.cell.text, i.header]),
    ]).toEqual(['名称', '值', [], [['说明', '备注']]]);
    // OCR shifted the row left: still name, value, remark in that order.
    expect(indicatorCells(tsvRow('名称\t值\t说明\t\t', 1), vocab, columns).ignored.map((i) => i.cell.text)).toEqual([
      '说明',
    ]);
    // Fewer cells than columns (no remark): name and value as ever.
    const plain = indicatorCells(tsvRow('产出指标\t名称\t值', 1), vocab, columns);
    expect([plain.name?.text, plain.value?.text, plain.ignored]).toEqual(['名称', '值', []]);
  });
  it('never throws and never reads a level label as the name or the value', () => {
    const labels = ['绩效指标', '产出指标', '数量指标', '社会效益', '经济', '社会效益指标', '服务对象满意度指标', ''];
    const cell = fc.oneof(
      fc.constantFrom(...labels),
      fc.string({ maxLength: 8 }).map((s) => s.replace(/[\t\n]/g, '')),
    );
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 7 }), (cells) => {
        const read = indicatorCells(tsvRow(cells.join('\t'), 1), vocab);
        return [read.name, read.value].every((c) => c === undefined || !isLevelWord(vocab, c.text));
      }),
    );
  });
});
