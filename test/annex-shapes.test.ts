import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/findings/finding.js';
import { recordsOf, extractText, seedText, withoutLines } from './support/run.js';
import {
  OTHER_BUREAUS,
  allocationInWan,
  dropDetail,
  extraAnnexes,
  markerForms,
  otherDepartment,
  parseSeed,
  render,
  reorderAnnexes,
  splitTargets,
  statedTotal,
  targetTitlesAsText,
  type ShapeNotice,
} from './support/shapes.js';

type Row = Record<string, unknown>;
const DATASETS = ['allocations', 'details', 'targets', 'indicators', 'citations'] as const;

/** A shape's extraction: its datasets and findings. */
function run(text: string): { data: Record<string, Row[]>; findings: Finding[] } {
  const result = extractText(text, 'shape');
  const data = Object.fromEntries(DATASETS.map((d) => [d, recordsOf(result, d)]));
  return { data, findings: (JSON.parse(result.files.get('report.json') ?? '{}') as { findings: Finding[] }).findings };
}

/** Records without their positions and annex label, in a fixed order, for comparing shapes of one notice. */
function comparable(rows: Row[], edit: (r: Row) => Row = (r) => r): string[] {
  return withoutLines(rows)
    .map((r) => {
      const { annex: _annex, ...rest } = edit({ ...r });
      return JSON.stringify(rest);
    })
    .sort();
}

const seed = parseSeed(seedText());
const seedRun = run(seedText());

/** Bureau names of the other department back to the seed's, so its records compare with the seed's. */
const bureauBack =
  (suffix: string) =>
  (s: unknown): unknown =>
    typeof s === 'string' ? OTHER_BUREAUS.reduce((t, b) => t.replace(new RegExp(`${b}$`), suffix), s) : s;
const fundBack = (s: unknown): unknown =>
  typeof s === 'string' ? s.replace('卫生健康专项资金', '知识产权专项资金') : s;
const otherDepartmentBack: Partial<Record<(typeof DATASETS)[number], (r: Row) => Row>> = {
  allocations: (r) => ({ ...r, project_name: fundBack(r['project_name']) }),
  details: (r) => ({
    ...r,
    recipient_name: bureauBack('市场监督管理局')(r['recipient_name']),
    project_name: fundBack(r['project_name']),
  }),
  targets: (r) => ({
    ...r,
    project_name: fundBack(r['project_name']),
    provincial_department:
      r['provincial_department'] === '广东省卫生健康委员会' ? '广东省市场监管局' : r['provincial_department'],
    local_department: bureauBack('市场监管局')(r['local_department']),
    local_department_raw: bureauBack('市场监管局')(r['local_department_raw']),
  }),
};
/** The allocation table's unit and cells as written differ in 万元; 元 amounts must not. */
const unitAside = (r: Row): Row => {
  const { unit: _unit, amount_raw: _raw, ...rest } = r;
  return rest;
};

interface Shape {
  name: string;
  notice: ShapeNotice;
  /** Label → kind of every annex, in order. */
  annexes: [string, string][];
  /** Datasets the shape leaves out. */
  without?: (typeof DATASETS)[number][];
  /** Per dataset, how a record is brought back to the seed's form. */
  back?: Partial<Record<(typeof DATASETS)[number], (r: Row) => Row>>;
}

const SHAPES: Shape[] = [
  {
    name: '(a) two annexes, no detail table',
    notice: dropDetail(seed),
    annexes: [
      ['1', 'allocation'],
      ['2', 'targets'],
    ],
    without: ['details'],
  },
  {
    name: '(b) target tables split 3-1 cities / 3-2 counties',
    notice: splitTargets(seed),
    annexes: [
      ['1', 'allocation'],
      ['2', 'detail'],
      ['3-1', 'targets'],
      ['3-2', 'targets'],
    ],
  },
  {
    name: '(c) allocation table in 万元 titled 安排表',
    notice: allocationInWan(seed),
    annexes: [
      ['1', 'allocation'],
      ['2', 'detail'],
      ['3', 'targets'],
    ],
    back: { allocations: unitAside },
  },
  {
    name: '(d) another department (卫生健康局, 教育局, …, unlisted 中心 and 办公室)',
    notice: otherDepartment(seed),
    annexes: [
      ['1', 'allocation'],
      ['2', 'detail'],
      ['3', 'targets'],
    ],
    back: otherDepartmentBack,
  },
  {
    name: '(e) annexes in another order: targets before detail',
    notice: reorderAnnexes(seed, [0, 2, 1]),
    annexes: [
      ['1', 'allocation'],
      ['2', 'targets'],
      ['3', 'detail'],
    ],
  },
  {
    name: '(e) annexes in another order: detail first',
    notice: reorderAnnexes(seed, [1, 2, 0]),
    annexes: [
      ['1', 'detail'],
      ['2', 'targets'],
      ['3', 'allocation'],
    ],
  },
  {
    name: '(f) markers bold, plain, 附件一 and target titles bold/plain',
    notice: targetTitlesAsText(markerForms(seed, ['chinese', 'bold', 'plain'])),
    annexes: [
      ['1', 'allocation'],
      ['2', 'detail'],
      ['3', 'targets'],
    ],
  },
  {
    name: '(f) markers with the title on their line, and as list items',
    notice: markerForms(seed, ['inline-title', 'list', 'inline-title']),
    annexes: [
      ['1', 'allocation'],
      ['2', 'detail'],
      ['3', 'targets'],
    ],
  },
  {
    name: '(g) the body states the total',
    notice: statedTotal(seed),
    annexes: [
      ['1', 'allocation'],
      ['2', 'detail'],
      ['3', 'targets'],
    ],
  },
  {
    name: '(a+c+f+g) two annexes, 安排表 in 万元, bold/plain markers, stated total',
    notice: statedTotal(markerForms(allocationInWan(dropDetail(seed)), ['bold', 'plain'])),
    annexes: [
      ['1', 'allocation'],
      ['2', 'targets'],
    ],
    without: ['details'],
    back: { allocations: unitAside },
  },
  {
    name: '(b+d+e+f) split targets before the detail table, another department, markers 附件一 / list',
    notice: markerForms(otherDepartment(reorderAnnexes(splitTargets(seed), [0, 2, 3, 1])), [
      'chinese',
      'list',
      'inline-title',
      'plain',
    ]),
    annexes: [
      ['1', 'allocation'],
      ['2-1', 'targets'],
      ['2-2', 'targets'],
      ['3', 'detail'],
    ],
    back: otherDepartmentBack,
  },
];

describe('the seed, for reference', () => {
  it('has 65 allocation rows (42 recipients), 63 detail rows, 42 target tables, 787 indicators and 1014 citations', () => {
    expect(DATASETS.map((d) => seedRun.data[d]?.length)).toEqual([65, 63, 42, 787, 1014]);
    expect(seedRun.data['allocations']?.filter((r) => r['row_type'] === 'item')).toHaveLength(42);
  });
});

for (const shape of SHAPES) {
  describe(`notice shape ${shape.name}`, () => {
    const text = render(shape.notice);
    const { data, findings } = run(text);
    const allocationItems = (data['allocations'] ?? []).filter((r) => r['row_type'] === 'item');
    const recipients = allocationItems.map((r) => r['recipient_code']).sort();

    it('has no error finding', () => {
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    });

    it('labels each annex by its marker and classifies it by kind', () => {
      const labels = (d: string): string[] => [...new Set((data[d] ?? []).map((r) => String(r['annex'])))];
      const byKind = { allocation: labels('allocations'), detail: labels('details'), targets: labels('targets') };
      for (const [kind, found] of Object.entries(byKind)) {
        expect(found.sort(), kind).toEqual(
          shape.annexes
            .filter(([, k]) => k === kind)
            .map(([l]) => l)
            .sort(),
        );
      }
    });

    it("gives the seed's records, every amount exact", () => {
      for (const d of DATASETS) {
        const expected = shape.without?.includes(d)
          ? []
          : comparable(
              seedRun.data[d] ?? [],
              d === 'allocations' && shape.back?.allocations === unitAside ? unitAside : undefined,
            );
        expect(comparable(data[d] ?? [], shape.back?.[d]), d).toEqual(expected);
      }
      const grand = (data['allocations'] ?? []).find((r) => r['row_type'] === 'grand_total');
      expect(grand?.['amount_yuan']).toBe('172850000.00');
      expect(allocationItems).toHaveLength(42);
      expect(data['targets']).toHaveLength(42);
      expect(data['indicators']).toHaveLength(787);
      expect(data['citations']).toHaveLength(1014);
      expect(data['details']).toHaveLength(shape.without?.includes('details') ? 0 : 63);
    });

    it('joins every recipient across the kinds present', () => {
      expect(new Set(recipients).size).toBe(42);
      expect((data['targets'] ?? []).map((r) => r['recipient_code']).sort()).toEqual(recipients);
      if (!shape.without?.includes('details')) {
        expect(
          (data['details'] ?? [])
            .filter((r) => r['row_type'] === 'item')
            .map((r) => r['recipient_code'])
            .sort(),
        ).toEqual(recipients);
      }
      for (const d of ['indicators', 'citations'])
        expect((data[d] ?? []).filter((r) => r['recipient_code'] === '')).toEqual([]);
    });
  });
}

describe('shape details', () => {
  it('splits the target tables into 20 cities (3-1) and 22 directly administered counties (3-2)', () => {
    const { data } = run(render(splitTargets(seed)));
    const count = (label: string): number => (data['targets'] ?? []).filter((r) => r['annex'] === label).length;
    expect([count('3-1'), count('3-2')]).toEqual([20, 22]);
  });

  it('reads the 安排表 in 万元: unit 万元, cells as written, amounts in 元 unchanged', () => {
    const { data } = run(render(allocationInWan(seed)));
    const rows = data['allocations'] ?? [];
    expect(new Set(rows.map((r) => r['unit']))).toEqual(new Set(['万元']));
    expect(rows[0]).toMatchObject({ row_type: 'grand_total', amount_raw: '17285', amount_yuan: '172850000.00' });
    expect(rows.find((r) => r['recipient_name'] === '连州市')).toMatchObject({
      amount_raw: '8',
      amount_yuan: '80000.00',
    });
  });

  it("joins another department's bureaus by place: listed ones exactly, unlisted ones with an info finding each", () => {
    const { data, findings } = run(render(otherDepartment(seed)));
    const educationBureaus = (data['details'] ?? []).filter((r) => /教育局$/.test(String(r['recipient_name'])));
    expect(educationBureaus.length).toBeGreaterThan(0);
    expect(educationBureaus.filter((r) => !/^\d{9}$/.test(String(r['recipient_code'])))).toEqual([]);
    const targetMatches = new Set(
      (data['targets'] ?? [])
        .filter((r) => /(卫生健康局|教育局|疾病预防控制中心)$/.test(String(r['local_department'])))
        .map((r) => r['recipient_match']),
    );
    expect(targetMatches).toEqual(new Set(['exact']));
    // 42 detail items, then the 40 target tables whose department ends in 市场监管局, take the 7 bureaus in
    // turn: the 6th (…中心) and 7th (…办公室) fall 6 + 6 times on the items and 5 + 5 times on the tables.
    const unlisted = findings.filter((f) => f.code === 'join/bureau-unlisted');
    expect(unlisted).toHaveLength(22);
    expect(
      unlisted.every((f) => f.severity === 'info' && /"(疾病预防控制中心|爱国卫生运动委员会办公室)"/.test(f.message)),
    ).toBe(true);
  });

  it('reports a body total that the tables do not add up to, once per money kind', () => {
    const { findings } = run(render(statedTotal(seed, '17286万元')));
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.code, f.annex, f.actual, f.expected])).toEqual([
      ['reconcile/stated-total-mismatch', '1', '172850000.00 元', '172860000.00 元'],
      ['reconcile/stated-total-mismatch', '2', '172850000.00 元', '172860000.00 元'],
    ]);
    expect(errors[0]?.message).toContain('共计17286万元');
  });

  it("extracts five annexes whose last two are of no kind: rules as a warning, a form's two rows as an error, the seed's records", () => {
    const { data, findings } = run(render(extraAnnexes(seed)));
    for (const d of DATASETS) expect(comparable(data[d] ?? []), d).toEqual(comparable(seedRun.data[d] ?? []));
    const located = findings.filter((f) => f.code.startsWith('locate/annex-'));
    expect(located.map((f) => [f.code, f.severity, f.annex, f.actual])).toEqual([
      ['locate/annex-text-only', 'warning', '4', '专项资金使用管理要求'],
      ['locate/annex-unclassified', 'error', '5', '回执'],
    ]);
    expect(located[1]?.message).toContain('its 2 table rows are not extracted');
    expect(findings.filter((f) => f.severity === 'error')).toHaveLength(1);
  });

  it('warns when the body lists an annex that is not there, and not when a listed annex comes split', () => {
    const lines = seedText().split('\n');
    const from = lines.indexOf('## 附件 2');
    const to = lines.indexOf('# 附件3');
    expect([from > 0, to > from]).toEqual([true, true]);
    const { data, findings } = run([...lines.slice(0, from), ...lines.slice(to)].join('\n'));
    expect(data['details']).toHaveLength(0);
    expect(
      findings.filter((f) => f.code === 'locate/annex-listed-missing').map((f) => [f.severity, f.annex, f.actual]),
    ).toEqual([['warning', '2', '2024年市场监督管理(知识产权创造、运用和保护)转移市县资金明细分配表']]);
    // The seed as it is, and its targets split into 3-1/3-2 under a list that says 3: nothing listed is missing.
    expect(seedRun.findings.filter((f) => f.code === 'locate/annex-listed-missing')).toEqual([]);
    expect(run(render(splitTargets(seed))).findings.filter((f) => f.code === 'locate/annex-listed-missing')).toEqual(
      [],
    );
  });

  it('reads a city with one bureau written without its subtotal row as a group of its own', () => {
    // Annex 2: each subtotal followed by exactly one item becomes that item carrying the subtotal's 序号 and 预算代码.
    const lines = seedText().split('\n');
    const subtotal = /^(\d+)\t(\d{6})\t(\S+)小计\t\t\S+$/u;
    const item = /^\t\t(\S+)\t(.*)$/u;
    const out: string[] = [];
    const cities: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const s = subtotal.exec(lines[i] ?? '');
      const it = item.exec(lines[i + 1] ?? '');
      if (s && it && !item.test(lines[i + 2] ?? '')) {
        out.push(`${s[1]}\t${s[2]}\t${it[1]}\t${it[2]}`);
        cities.push(s[3] ?? '');
        i++;
      } else out.push(lines[i] ?? '');
    }
    expect(cities.length).toBeGreaterThan(5);
    const { data, findings } = run(out.join('\n'));
    expect(data['details']).toHaveLength(63 - cities.length);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.code === 'details/item-opens-group')).toHaveLength(cities.length);
    const alone = (data['details'] ?? []).filter(
      (r) =>
        r['row_type'] === 'item' &&
        cities.includes(String(r['city'])) &&
        (data['details'] ?? []).filter((x) => x['seq'] === r['seq']).length === 1,
    );
    expect(alone.map((r) => r['city']).sort()).toEqual([...cities].sort());
  });

  it('keeps the closing block (版记) out of the last annex when a converter writes it as a table', () => {
    const text = seedText().replace(
      '广东省财政厅办公室\n\n2023年12月28日印发',
      '| 广东省财政厅办公室 | 2023年12月28日印发 |\n|---|---|',
    );
    expect(text).toContain('| 2023年12月28日印发 |');
    const { data, findings } = run(text);
    expect(data['indicators']).toHaveLength(787);
    expect(
      (data['indicators'] ?? []).filter(
        (r) => /办公室|印发$/.test(String(r['name'])) || /印发/.test(String(r['value_raw'])),
      ),
    ).toEqual([]);
    expect(findings.filter((f) => f.code === 'locate/closing-block').map((f) => [f.severity, f.annex])).toEqual([
      ['info', '3'],
    ]);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('accepts a stated total written in 元 with thousands separators', () => {
    const { findings } = run(render(statedTotal(seed, '172,850,000.00元')));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
