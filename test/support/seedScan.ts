/**
 * Helpers of the citation and indicator tests (canonical policies and indicators, the review loop): independent
 * scans of the seed's raw text, and temporary copies of the pipelines folder to change registries in.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { loadFamilies, pipelinesDir } from '../../src/family/load.js';
import { extractNotice } from '../../src/pipeline.js';
import { freezeCurated, seedText } from './run.js';

/** The bundled CLI users run; `npm test` builds it before running the tests. */
const cli = new URL('../../dist/bin/cli.js', import.meta.url).pathname;
/** The seed's text and its lines. */
export const SEED = seedText();
const LINES = SEED.split('\n');

/** A review sheet: rows by column name. */
export type Sheet = Record<string, string>[];
/** A review.csv as rows by column name. */
export const readSheet = (text: string | undefined): Sheet => parse(text ?? '', { columns: true, bom: true }) as Sheet;

/** The 政策依据 cells of the seed, found by a plain scan of its lines (not by the table reader). */
export const policyCells = LINES.flatMap((line, i) =>
  line.startsWith('政策依据\t') ? [{ line: i + 1, raw: line.slice('政策依据\t'.length) }] : [],
);

/** Independent count of citations in a cell: list items, else written numbers, else adjacent titles; plus titles fused with 、. */
export function independentCount(cell: string): number {
  const items = (cell.match(/<li>/g) ?? []).length;
  const numbers = (cell.match(/(?:^|[>》）)；\s])\d{1,2}[.、]/g) ?? []).length;
  return (items || numbers || (cell.match(/》《/g) ?? []).length + 1) + (cell.match(/》、《/g) ?? []).length;
}

/** Each standard indicator and a plain pattern for its name in the raw text. */
export const STANDARD: [string, RegExp][] = [
  ['I-纠纷调解', /知识产权纠纷调解/u],
  ['I-维权援助服务站点', /维权援助服务站/u],
  ['I-行政裁决培训班', /行政裁决培训班/u],
  ['I-行政裁决案例评选', /行政裁决案例评选/u],
  ['I-行政裁决案件量', /行政裁决案件量/u],
  ['I-重点展会', /进驻当地重点/u],
  ['I-展会现场咨询', /展会.*现场咨询/u],
  ['I-专业市场抽查', /专业市场知识产权保护状况抽查/u],
  ['I-专业市场专项行动', /专业市场等重点领域知识产权保护专项行动/u],
  ['I-规范化市场', /规范化市场/u],
  ['I-侵权责任险培训次数', /开展海外知识产权保护.侵权责任险?.(培训)?次数/u],
  ['I-侵权责任险培训企业', /参加海外知识产权保护.侵权责任险?.培训企业/u],
  ['I-侵权责任险投保企业', /购买海外知识产权侵权责任险?的企业/u],
  ['I-地理标志专用标志', /提出地理标志产品专用标志使用申请/u],
  ['I-地理标志专用标志申请窗口', /专用标志使用申请窗口/u],
  ['I-地理标志产品培育', /地理标志产品培育并提出申报/u],
  ['I-地理标志保护培训', /组织开展地理标志保护培训/u],
  ['I-高价值专利培育布局中心', /建设高价值专利培育布局中心/u],
  ['I-电商领域保护', /电商领域知识产权保护工作/u],
  ['I-项目完成期限', /项目完成期限/u],
  ['I-有效投诉率', /有效投诉率/u],
  ['I-保护中心快速服务', /知识产权保护中心提供快速预审/u],
  ['I-快维中心快速服务', /知识产权(快维|维权)中心提供快速预审/u],
];

/** Lines of Annex 3 with a tab-separated cell the pattern finds, metadata rows left out. */
export function linesWhere(pattern: RegExp): number[] {
  const annex3 = LINES.findIndex((l) => /^#+\s*附件\s*3/u.test(l));
  return LINES.flatMap((line, i) =>
    i > annex3 && !/^(总体绩效目标|支出内容|政策依据)\t/u.test(line) && line.split('\t').some((c) => pattern.test(c))
      ? [i + 1]
      : [],
  );
}

/** A copy of the pipelines folder, so tests can change registries without touching the real ones. */
export function pipelinesCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'notice-extract-pipelines-'));
  cpSync(pipelinesDir(), dir, { recursive: true });
  freezeCurated(dir);
  return dir;
}

/** Extract the seed with the families of a pipelines folder. */
export function extractWith(dir: string) {
  return extractNotice('seed.md', 'seed', Buffer.from(SEED, 'utf8'), loadFamilies(dir), {
    bom: true,
    allowPartial: false,
  });
}

/** Run the compiled CLI. */
export function runCli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Write a review sheet with decisions filled in. */
export function writeSheet(dir: string, rows: Sheet): string {
  const file = join(dir, 'review.csv');
  writeFileSync(file, '\uFEFF' + stringify(rows, { header: true, record_delimiter: '\r\n' }));
  return file;
}
