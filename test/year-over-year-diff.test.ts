import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiffJson } from '../schemas/diff.js';
import { readNoticeFolder, writeNoticeFolder, type NoticeFolderData, type YearPlan } from '../scripts/noticeYears.js';
import { amountOf, SEED_OUT, threeYears, writeLaterYears, type Year } from './support/laterYears.js';

/** The bundled CLI (`npm test` builds it first). */
const cli = new URL('../dist/bin/cli.js', import.meta.url).pathname;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** What a plan says the diff must list, as sortable lines: the generator's truth. */
function planted(before: NoticeFolderData, plan: YearPlan) {
  const money = [
    ...[...plan.amounts].map(([code, yuan]) => `changed ${code} ${amountOf(before, code)} -> ${yuan}`),
    ...plan.removed.map((code) => `removed ${code} ${amountOf(before, code)} -> `),
    ...plan.added.map((a) => `added ${a.code}  -> ${a.yuan}`),
  ].sort();
  const tables = [...plan.removed.map((c) => `removed ${c}`), ...plan.added.map((a) => `added ${a.code}`)].sort();
  const indicators = [
    ...plan.indicatorValues.map((c) => `changed ${c.code} ${c.key}`),
    ...plan.indicatorsRemoved.map((c) => `removed ${c.code} ${c.key}`),
    ...plan.indicatorsAdded.map((c) => `added ${c.code} ${c.name}`),
  ].sort();
  const citations = [
    ...plan.citationsRemoved.map((c) => `removed ${c.code} ${c.policyId}`),
    ...plan.citationsAdded.map((c) => `added ${c.code} ${c.policyId}`),
  ].sort();
  return { money, tables, indicators, citations };
}

/** The same lines read from diff.json. */
function listed(diff: DiffJson) {
  return {
    money: diff.money.map((m) => `${m.change} ${m.recipient_code} ${m.old_yuan} -> ${m.new_yuan}`).sort(),
    tables: diff.target_tables.map((t) => `${t.change} ${t.recipient_code}`).sort(),
    indicators: diff.indicators.map((i) => `${i.change} ${i.recipient_code} ${i.indicator_id || i.name}`).sort(),
    citations: diff.citations.map((c) => `${c.change} ${c.recipient_code} ${c.policy_id}`).sort(),
  };
}

let dir: string;
let years: Year[];
let folders: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'notice-extract-diff-'));
  years = threeYears();
  folders = [SEED_OUT, ...writeLaterYears(join(dir, 'out'), years)];
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('diff of two notice folders of one fund', () => {
  it('lists exactly the planted changes of each generated year, and nothing else', () => {
    for (const i of [1, 2]) {
      const out = join(dir, `diff-${i}`);
      const result = run('diff', folders[i - 1] as string, folders[i] as string, '--out', out);
      expect(result.code, result.stderr).toBe(0);
      const diff = DiffJson.parse(JSON.parse(readFileSync(join(out, 'diff.json'), 'utf8')));
      const year = years[i] as Year;
      expect(listed(diff)).toEqual(planted((years[i - 1] as Year).data, year.plan as YearPlan));
      expect(diff.same_fund).toBe(true);
      expect(diff.findings).toEqual([]);
    }
  });

  it('says which way a changed figure went, and treats another spelling of the same value as no change', () => {
    const out = join(dir, 'diff-1');
    const diff = DiffJson.parse(JSON.parse(readFileSync(join(out, 'diff.json'), 'utf8')));
    const plan = (years[1] as Year).plan as YearPlan;
    const [lowered, raised] = plan.indicatorValues;
    const byKey = (code: string, key: string) =>
      diff.indicators.find((i) => i.recipient_code === code && (i.indicator_id || i.name) === key);
    expect(byKey(lowered?.code ?? '', lowered?.key ?? '')?.number_change).toBe('down');
    expect(byKey(raised?.code ?? '', raised?.key ?? '')?.number_change).toBe('up');
    const respelled = plan.indicatorRespelled[0];
    expect(respelled?.value_raw).toMatch(/\.0 /);
    expect(byKey(respelled?.code ?? '', respelled?.key ?? '')).toBeUndefined();
  });

  it('sums money per recipient and gives the change in percent of the old amount', () => {
    const diff = DiffJson.parse(JSON.parse(readFileSync(join(dir, 'diff-1', 'diff.json'), 'utf8')));
    const before = (years[0] as Year).data;
    const after = (years[1] as Year).data;
    const items = (d: NoticeFolderData) =>
      d.allocations
        .filter((r) => r.row_type === 'item')
        .reduce((s, r) => s + Math.round(Number(r.amount_yuan) * 100), 0);
    expect(Math.round(Number(diff.summary.old_total_yuan) * 100)).toBe(items(before));
    expect(Math.round(Number(diff.summary.new_total_yuan) * 100)).toBe(items(after));
    const down = diff.money.find(
      (m) => m.change === 'changed' && Number(m.change_yuan) < 0 && m.change_percent === '-30.00',
    );
    expect(down, 'the recipient planted at 70 % of its amount').toBeDefined();
  });

  it('writes the same changes to diff.csv, one row each, and a JSON valid against the committed JSON Schema', () => {
    const out = join(dir, 'diff-1');
    const diff = DiffJson.parse(JSON.parse(readFileSync(join(out, 'diff.json'), 'utf8')));
    const rows = parse(readFileSync(join(out, 'diff.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const lines = (section: string) =>
      rows
        .filter((r) => r.section === section)
        .map((r) => `${r.change} ${r.recipient_code} ${r.item_id || r.item_name}`.trim())
        .sort();
    const expected = listed(diff);
    expect(lines('money').length).toBe(expected.money.length);
    expect(lines('target_table')).toEqual(expected.tables);
    expect(lines('indicator')).toEqual(expected.indicators);
    expect(lines('citation')).toEqual(expected.citations);
    const schema = JSON.parse(readFileSync(new URL('../schemas/json/diff.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(diff), JSON.stringify(validate.errors)).toBe(true);
  });

  it('writes diff.csv without a BOM by default, as extract writes CSV, and with one under --bom', () => {
    const plain = readFileSync(join(dir, 'diff-1', 'diff.csv'));
    expect([...plain.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const result = run('diff', folders[0] as string, folders[1] as string, '--bom', '--out', join(dir, 'diff-bom'));
    expect(result.code).toBe(0);
    const marked = readFileSync(join(dir, 'diff-bom', 'diff.csv'));
    expect([...marked.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(marked.subarray(3).equals(plain)).toBe(true);
  });

  it('prints one summary line per section on stderr', () => {
    const result = run('diff', folders[0] as string, folders[1] as string, '--out', join(dir, 'diff-again'));
    const plan = (years[1] as Year).plan as YearPlan;
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^fund: .+专项资金 \(same in both\)/);
    expect(lines[1]).toContain(
      `money: ${plan.amounts.size} recipient(s) changed, ${plan.added.length} added, ${plan.removed.length} removed`,
    );
    expect(lines[2]).toContain(
      `indicators ${plan.indicatorValues.length} changed, ${plan.indicatorsAdded.length} added, ${plan.indicatorsRemoved.length} removed`,
    );
    expect(lines[3]).toBe(
      `citations: ${plan.citationsAdded.length} policy citation(s) added, ${plan.citationsRemoved.length} removed`,
    );
  });

  it('reports two notices of different funds instead of passing them off as years of one', () => {
    const other = join(dir, 'other-fund');
    const data = JSON.parse(readFileSync(join(folders[1] as string, 'notice.json'), 'utf8'));
    const copy = readNoticeFolder(folders[1] as string);
    copy.notice = {
      ...data,
      notice_id: 'other-fund',
      title: data.title.replace('市场监管管理（知识产权创造、运用和保护）', '农业产业发展'),
    };
    writeNoticeFolder(other, copy);
    const result = run('diff', folders[0] as string, other, '--out', join(dir, 'diff-other'));
    expect(result.code).toBe(0);
    const diff = DiffJson.parse(JSON.parse(readFileSync(join(dir, 'diff-other', 'diff.json'), 'utf8')));
    expect(diff.same_fund).toBe(false);
    expect(diff.findings.map((f) => f.code)).toEqual(['diff/fund-differs']);
    expect(result.stderr).toMatch(/fund: NOT the same/);
  });

  it('refuses a folder that is not a notice with one line naming it and exit 2', () => {
    const result = run('diff', folders[0] as string, join(dir, 'nowhere'), '--out', join(dir, 'diff-none'));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      `notice-extract diff: ${join(dir, 'nowhere')}: no such notice folder (or give --corpus DIR to name years)`,
    ]);
  });
});
