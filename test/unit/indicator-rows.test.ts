import { describe, expect, it } from 'vitest';
import { extractIndicators } from '../../src/targets/indicators.js';
import { levelVocabulary } from '../../src/targets/levels.js';
import { targetsSpec } from '../support/family.js';
import { Collector } from '../../src/findings/context.js';
import { tsvRow } from '../../src/grid/tsv.js';

const spec = targetsSpec();
const vocab = levelVocabulary(spec);

/** Indicator records and findings of tab-separated rows numbered from line 1. */
function run(rows: string[]) {
  const ctx = new Collector();
  const records = extractIndicators(
    rows.map((r, i) => tsvRow(r, i + 1)),
    vocab,
    { annex: '3', recipientCode: '440100000' },
    ctx,
  );
  return { records, findings: ctx.findings.map((f) => [f.code, f.source_line]) };
}

describe('extractIndicators', () => {
  it('numbers rows from 1, carries levels down and parses each value', () => {
    const { records, findings } = run(['绩效指标\t产出指标\t数量指标\t建设中心\t不少于5家', '\t\t\t形成报告\t2-3份']);
    expect(
      records.map((r) => [
        r.seq,
        r.level1,
        r.level2,
        r.name,
        r.value_comparator,
        r.value_number,
        r.value_number_max,
        r.value_unit,
        r.flags,
      ]),
    ).toEqual([
      [1, '产出指标', '数量指标', '建设中心', 'at_least', '5', '', '家', []],
      [2, '产出指标', '数量指标', '形成报告', 'between', '2', '3', '份', []],
    ]);
    expect(records[0]).toMatchObject({
      recipient_code: '440100000',
      indicator_id: '',
      source_line: 1,
      level_labels_raw: ['产出指标', '数量指标'],
    });
    expect(findings).toEqual([]);
  });
  it('flags a conflict and the unlabelled rows below it until a row names its own level', () => {
    const { records, findings } = run([
      '效益指标\t社会效益指标\t时效指标\t期限\t按期完成',
      '\t\t贯标推进\t保持稳定',
      '服务对象满意度指标\t投诉率\t不高于10%',
    ]);
    expect(records.map((r) => [r.level1, r.level2, r.flags])).toEqual([
      ['产出指标', '时效指标', ['level_conflict']],
      ['产出指标', '时效指标', ['level_after_conflict']],
      ['满意度指标', '服务对象满意度指标', []],
    ]);
    expect(findings).toEqual([
      ['targets/level-conflict', 1],
      ['targets/level-after-conflict', 2],
    ]);
  });
  it('flags a row without any level above it, without a value, or with its name as value', () => {
    const { records, findings } = run([
      '无层级指标\t1个',
      '产出指标\t只有名称',
      '\t名称相同\t名称 相同',
      '\t名称\t值\t多余',
    ]);
    expect(records.map((r) => [r.level1, r.flags])).toEqual([
      ['', ['level_missing']],
      ['产出指标', ['missing_value']],
      ['产出指标', ['value_equals_name']],
      ['产出指标', ['extra_cells']],
    ]);
    expect(records[1]).toMatchObject({ value_raw: '', value_comparator: '', value_number: '' });
    expect(findings).toEqual([
      ['targets/level-missing', 1],
      ['targets/value-missing', 2],
      ['targets/value-equals-name', 3],
      ['targets/indicator-extra-cells', 4],
    ]);
  });
  it('writes no record for a row of labels only, but carries its levels down', () => {
    const { records } = run(['绩效指标\t效益指标\t经济效益指标', '\t\t\t融资金额\t10亿元']);
    expect(records.map((r) => [r.seq, r.level1, r.level2, r.name, r.source_line])).toEqual([
      [1, '效益指标', '经济效益指标', '融资金额', 2],
    ]);
  });
});
