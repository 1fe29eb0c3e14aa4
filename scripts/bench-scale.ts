/**
 * `npm run bench:scale [-- --sizes 10000,50000,100000] [--heap MB] [--keep DIR] [--generate-only]`: does the work
 * grow linearly with the input, and does memory stay bounded?
 *
 * Generates notices of the family's shape with ever more rows — for each size, a detail table (Annex 2) as TSV, as a
 * GFM pipe table and as MinerU's one-line HTML, an allocation table (Annex 1) and target tables (the seed's Annex 3
 * repeated) of that many rows — plus a notice of
 * about 30 MB (long cells), the largest notice the tool reads (MAX_INPUT_BYTES) made of allocation rows, and the seed
 * with a policy registry of 2.5 and of 10 MB, and extracts each in a child process (families
 * loaded, the notice read, extracted and its folder written), printing rows, seconds, seconds per 1k rows and the
 * child's peak RSS; then per kind the ratio of seconds per 1k rows at the largest size to that at the smallest (1 is
 * linear) and the peak RSS each added row costs. Totals in the generated tables add up, so reconciliation does its
 * usual work. `--heap MB` caps every child's V8 heap (a child that runs out is listed so, and the run goes on), to
 * show the memory a notice needs at most. `--keep DIR` writes the inputs into DIR and leaves them there (to profile one by hand),
 * `--generate-only` only writes them. A benchmark, not a test: it prints and never fails on speed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFamilies, pipelinesDir } from '../src/family/load.js';
import { runOne } from '../src/cli/runOne.js';
import { prepareOutFolder } from '../src/tool/writeAtomic.js';
import { MAX_INPUT_BYTES } from '../src/read/readInput.js';
import { projectRoot } from '../src/tool/projectRoot.js';

/** Cities of the province with their budget-code prefix and GB/T 2260 code, cycled over by the generators. */
const CITIES = [
  ['广州市', '601', '440100000'],
  ['珠海市', '603', '440400000'],
  ['汕头市', '604', '440500000'],
  ['佛山市', '605', '440600000'],
  ['韶关市', '606', '440200000'],
  ['河源市', '607', '441600000'],
  ['梅州市', '608', '441400000'],
  ['惠州市', '609', '441300000'],
] as const;

/** The seed notice's lines: its head (before Annex 1) and its target tables (Annex 3 on). */
function seedParts(): { head: string[]; annex3: string[] } {
  const lines = readFileSync(join(projectRoot(), 'raw', 'yue-cai-gong-2023-126.md'), 'utf8').split('\n');
  const a1 = lines.findIndex((l) => /^#+\s*附件\s*1\s*$/.test(l));
  const a3 = lines.findIndex((l) => /^#+\s*附件\s*3\s*$/.test(l));
  return { head: lines.slice(0, a1), annex3: lines.slice(a3) };
}

/** An allocation table (Annex 1) of `rows` item rows under city subtotals, in 元. */
function allocationTable(rows: number, filler = ''): string[] {
  const out: string[] = [];
  let total = 0;
  const body: string[] = [];
  for (let start = 0, c = 0; start < rows; c++) {
    const [city, , code] = CITIES[c % CITIES.length] ?? CITIES[0];
    const n = Math.min(10, rows - start);
    let sub = 0;
    const items: string[] = [];
    for (let k = 0; k < n; k++) {
      const amount = 10000 * (1 + ((start + k) % 97));
      sub += amount;
      items.push(
        `${city}本级\t${code}\t知识产权专项资金下放市县任务${filler}\t${code} ${city}本级\tW 无\t否\t2011409 知识产权宏观管理\t${amount}.00\t`,
      );
    }
    body.push(`${city}小计\t${code}\t\t\t\t\t\t${sub}.00\t`, ...items);
    total += sub;
    start += n;
  }
  out.push('## 附件1', '', '## 知识产权创造、运用和保护—提前下达分配情况表', '', '单位：元', '');
  out.push('地区\t地区编码\t二级项目名称\t分配单位\t三保目录\t是否直拨“三保”专户\t功能分类科目\t金额\t备注');
  // Concatenated, not spread into push: a table at the input cap has more rows than a call takes arguments.
  return out.concat([`合计\t\t\t\t\t\t\t${total}.00\t`], body, ['']);
}

/** A detail table (Annex 2) of `rows` item rows under numbered city subtotals, in 万元. */
function detailTable(rows: number, filler = ''): string[] {
  const body: string[] = [];
  let total = 0;
  for (let start = 0, c = 0; start < rows; c++) {
    const [city, prefix] = CITIES[c % CITIES.length] ?? CITIES[0];
    const n = Math.min(10, rows - start);
    const items: string[] = [];
    let sub = 0;
    for (let k = 0; k < n; k++) {
      const amount = 1 + ((start + k) % 89);
      sub += amount;
      items.push(`\t\t${city}市场监督管理局\t2024 年下放市县审批权限知识产权专项资金${filler}\t${amount}`);
    }
    body.push(`${c + 1}\t${prefix}${String(1 + (c % 999)).padStart(3, '0')}\t${city}小计\t\t${sub}`, ...items);
    total += sub;
    start += n;
  }
  return [
    '## 附件 2',
    '',
    '## 2024 年市场监督管理（知识产权创造、运用和保护） 转移市县资金明细分配表',
    '',
    '单位：万元',
    '',
    '序号\t预算代码\t地区（单位）\t项目名称\t资金额（万元）',
    `合计\t\t\t\t${total}`,
    ...body,
    '',
  ];
}

/** A table's TSV lines as a GFM pipe table (a delimiter row after the first), other lines kept. */
function asPipeTable(lines: readonly string[]): string[] {
  const out: string[] = [];
  let first = true;
  for (const line of lines) {
    if (!line.includes('\t')) {
      out.push(line);
      continue;
    }
    const cells = line.split('\t');
    out.push(`| ${cells.join(' | ')} |`);
    if (first) out.push(`|${'---|'.repeat(cells.length)}`);
    first = false;
  }
  return out;
}

/** A table's TSV lines as MinerU writes a table: one line of HTML, other lines kept. */
function asHtmlTable(lines: readonly string[]): string[] {
  const rows = lines.filter((l) => l.includes('\t'));
  const html = rows
    .map(
      (l) =>
        `<tr>${l
          .split('\t')
          .map((c) => `<td>${c}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  const at = lines.findIndex((l) => l.includes('\t'));
  return [...lines.slice(0, at), `<table>${html}</table>`, ...lines.filter((l, i) => i > at && !l.includes('\t'))];
}

/** One case: a notice (and optionally a pipelines folder with a larger registry) and the rows it holds. */
interface Case {
  /** What grows: the table kind, or the notice's size, or the registry's. */
  kind: string;
  name: string;
  rows: number;
  text: string;
  pipelines?: string;
  /** The policy registry's size, for the registry cases. */
  registryMb?: number;
}

/** A copy of pipelines/ whose policy registry is padded to about `bytes` with generated policies. */
function bigRegistry(work: string, bytes: number): string {
  const dir = join(work, 'pipelines');
  cpSync(pipelinesDir(), dir, { recursive: true });
  for (const family of ['gd-special-transfer']) {
    const file = join(dir, family, 'policies.json');
    const policies = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
    for (let i = 0, size = JSON.stringify(policies).length; size < bytes; i++) {
      const policy = {
        id: `P-生成-${i}`,
        title: `关于生成第${i}号测试政策文件的通知`,
        issuer: '',
        doc_number: '',
        aliases: [`生成第${i}号测试政策文件`],
      };
      policies.push(policy);
      size += JSON.stringify(policy).length + 1;
    }
    writeFileSync(file, JSON.stringify(policies, null, 2));
  }
  return dir;
}

/** Target tables (Annex 3 on) of about `rows` table rows: the seed's tables repeated, its closing lines once after. */
function targetTables(annex3: readonly string[], rows: number): { lines: string[]; rows: number } {
  const [heading = '# 附件3', ...block] = annex3;
  const end = block.length - [...block].reverse().findIndex((l) => l.includes('\t'));
  const tables = block.slice(0, end);
  const perCopy = tables.filter((l) => l.includes('\t')).length;
  const copies = Math.max(1, Math.round(rows / perCopy));
  return {
    lines: [heading, ...Array.from({ length: copies }, () => tables).flat(), ...block.slice(end)],
    rows: copies * perCopy,
  };
}

function cases(work: string, sizes: number[]): Case[] {
  const { head, annex3 } = seedParts();
  const notice = (a1: string[], a2: string[], a3: readonly string[] = annex3): string =>
    [...head, ...a1, ...a2, ...a3].join('\n');
  const seedA1 = allocationTable(60);
  const seedA2 = detailTable(60);
  const out: Case[] = [];
  for (const n of sizes) {
    const detail = detailTable(n);
    out.push({ kind: 'detail', name: `detail ${n / 1000}k rows`, rows: n, text: notice(seedA1, detail) });
    // The same table as converters write it: a GFM pipe table, and MinerU's HTML on one line.
    out.push({
      kind: 'detail as pipe table',
      name: `detail ${n / 1000}k rows as pipe table`,
      rows: n,
      text: notice(seedA1, asPipeTable(detail)),
    });
    out.push({
      kind: 'detail as HTML table',
      name: `detail ${n / 1000}k rows as HTML table`,
      rows: n,
      text: notice(seedA1, asHtmlTable(detail)),
    });
    out.push({
      kind: 'allocation',
      name: `allocation ${n / 1000}k rows`,
      rows: n,
      text: notice(allocationTable(n), seedA2),
    });
    const targets = targetTables(annex3, n);
    out.push({
      kind: 'targets',
      name: `targets ${n / 1000}k rows`,
      rows: targets.rows,
      text: notice(seedA1, seedA2, targets.lines),
    });
  }
  // About 30 MB: a detail table whose project names are long.
  const filler = '（含知识产权运营服务体系建设、专利导航、高价值专利培育与保护）'.repeat(4);
  const rows30 = Math.round(
    (30 * 1024 * 1024) /
      Buffer.byteLength(`\t\t广州市市场监督管理局\t2024 年下放市县审批权限知识产权专项资金${filler}\t12\n`),
  );
  out.push({ kind: '30 MB', name: '30 MB notice', rows: rows30, text: notice(seedA1, detailTable(rows30, filler)) });
  // The largest notices the tool reads (MAX_INPUT_BYTES): of allocation rows (the most memory a row) and of detail
  // rows (the most rows).
  const atCap = (kind: string, table: (rows: number) => string[], a1: string[], a2: string[]): Case => {
    const notice1 = (rows: number) =>
      notice(kind === 'allocation' ? table(rows) : a1, kind === 'detail' ? table(rows) : a2);
    const base = Buffer.byteLength(notice1(0));
    const perRow = (Buffer.byteLength(notice1(10000)) - base) / 10000;
    const rows = Math.floor(((MAX_INPUT_BYTES - base) / perRow) * 0.99);
    return {
      kind: `${kind} at the input cap`,
      name: `${kind} ${Math.round(rows / 1000)}k rows at the input cap`,
      rows,
      text: notice1(rows),
    };
  };
  out.push(atCap('allocation', allocationTable, seedA1, seedA2), atCap('detail', detailTable, seedA1, seedA2));
  for (const mb of [2.5, 10])
    out.push({
      kind: 'registry',
      name: `${mb} MB registry`,
      rows: 0,
      registryMb: mb,
      text: notice(seedA1, seedA2),
      pipelines: bigRegistry(join(work, `registry-${mb}`), mb * 1024 * 1024),
    });
  return out;
}

/** The child: load the families, extract one notice and write its folder; print seconds and peak RSS. */
function child(file: string, pipelines: string, out: string): void {
  const started = performance.now();
  const families = loadFamilies(pipelines);
  prepareOutFolder(out);
  void runOne(file, basename(file, '.md'), families, { out, bom: true, force: true, allowPartial: true }).then(
    (outcome) => {
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(
        JSON.stringify({ seconds, rssMb: process.resourceUsage().maxRSS / 1024, status: outcome.status }) + '\n',
      );
    },
  );
}

/** A measured case. */
interface Measured {
  kind: string;
  rows: number;
  seconds: number;
  rssMb: number;
  registryMb?: number | undefined;
}

/**
 * Per table kind, seconds per 1k rows at the largest size over that at the smallest (1 is linear), and the peak RSS
 * each added row costs between them.
 */
function linearity(measured: readonly Measured[]): string {
  const lines = [
    '| kind | rows | s per 1k rows | ratio | peak RSS MB | KB per added row |',
    '| --- | --- | --- | ---: | --- | ---: |',
  ];
  for (const kind of [...new Set(measured.map((m) => m.kind))]) {
    const runs = measured.filter((m) => m.kind === kind && m.rows > 0).sort((a, b) => a.rows - b.rows);
    const small = runs[0];
    const large = runs[runs.length - 1];
    if (!small || !large || small === large) continue;
    const perK = (m: Measured) => m.seconds / (m.rows / 1000);
    const kbPerRow = ((large.rssMb - small.rssMb) * 1024) / (large.rows - small.rows);
    lines.push(
      `| ${kind} | ${small.rows} → ${large.rows} | ${perK(small).toFixed(3)} → ${perK(large).toFixed(3)} | ` +
        `${(perK(large) / perK(small)).toFixed(2)} | ${Math.round(small.rssMb)} → ${Math.round(large.rssMb)} | ` +
        `${kbPerRow.toFixed(1)} |`,
    );
  }
  const registries = measured.filter((m) => m.registryMb !== undefined).sort((a, b) => a.seconds - b.seconds);
  const [small, large] = [registries[0], registries[registries.length - 1]];
  if (small?.registryMb && large?.registryMb && small !== large)
    lines.push(
      '',
      `Registry ${small.registryMb} → ${large.registryMb} MB: ${small.seconds.toFixed(1)} → ${large.seconds.toFixed(1)} s ` +
        `(${(large.seconds / small.seconds).toFixed(2)}× the time for ${(large.registryMb / small.registryMb).toFixed(1)}× the size)`,
    );
  return `${lines.join('\n')}\n`;
}

function main(): void {
  const at = process.argv.indexOf('--child');
  if (at >= 0)
    return child(process.argv[at + 1] ?? '', process.argv[at + 2] ?? pipelinesDir(), process.argv[at + 3] ?? 'out');
  const sizesAt = process.argv.indexOf('--sizes');
  const sizes = (sizesAt >= 0 ? (process.argv[sizesAt + 1] ?? '') : '10000,100000')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const keepAt = process.argv.indexOf('--keep');
  const keep = keepAt >= 0 ? (process.argv[keepAt + 1] ?? '') : '';
  const onlyAt = process.argv.indexOf('--generate-only');
  // --heap MB: every child runs with V8's heap capped there, so the run shows the memory a notice needs at most.
  const heapAt = process.argv.indexOf('--heap');
  const heapFlag = heapAt >= 0 ? [`--max-old-space-size=${Number(process.argv[heapAt + 1])}`] : [];
  if (heapFlag.length > 0)
    process.stdout.write(`Each child's V8 heap is capped at ${heapFlag[0]?.split('=')[1]} MB.\n\n`);
  const work = keep ? keep : mkdtempSync(join(tmpdir(), 'notice-bench-scale-'));
  if (keep) mkdirSync(keep, { recursive: true });
  const self = fileURLToPath(import.meta.url);
  process.stdout.write(
    '| input | rows | MB | seconds | s per 1k rows | peak RSS MB |\n| --- | ---: | ---: | ---: | ---: | ---: |\n',
  );
  const measured: Measured[] = [];
  try {
    for (const c of cases(work, sizes)) {
      const file = join(work, `${c.name.replace(/\W+/g, '-')}.md`);
      writeFileSync(file, c.text);
      if (onlyAt >= 0) {
        process.stdout.write(`${file}\n`);
        continue;
      }
      const result = spawnSync(
        process.execPath,
        [...heapFlag, self, '--child', file, c.pipelines ?? pipelinesDir(), join(work, 'out')],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      const m = JSON.parse(result.stdout.trim().split('\n').pop() || '{}') as {
        seconds?: number;
        rssMb?: number;
        status?: string;
      };
      if (result.status !== 0 && /heap out of memory/.test(result.stderr)) {
        process.stdout.write(`| ${c.name} | ${c.rows} | – | out of memory | – | – |\n`);
        continue;
      }
      if (result.status !== 0 || m.seconds === undefined || m.status !== 'extracted')
        throw new Error(
          `${c.name}: exited ${result.status}, ${m.status ?? 'no outcome'}: ${result.stderr.slice(-400)}`,
        );
      const mb = Buffer.byteLength(c.text) / 1024 / 1024;
      measured.push({ kind: c.kind, rows: c.rows, seconds: m.seconds, rssMb: m.rssMb ?? 0, registryMb: c.registryMb });
      const perK = c.rows > 0 ? (m.seconds / (c.rows / 1000)).toFixed(3) : '–';
      process.stdout.write(
        `| ${c.name} | ${c.rows} | ${mb.toFixed(1)} | ${m.seconds.toFixed(1)} | ${perK} | ${Math.round(m.rssMb ?? 0)} |\n`,
      );
    }
    if (onlyAt < 0) process.stdout.write(`\n${linearity(measured)}`);
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}

main();
