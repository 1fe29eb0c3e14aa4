/**
 * Derives notices of other shapes from the seed, as the department's other notices of the same kind
 * are shaped: an annex dropped, target tables split into 3-1/3-2, the allocation table in 万元 titled
 * 安排表, another department's bureaus, annexes in another order, annex markers and table titles
 * written in other forms, a body that states the total. Each shape is a function from a notice to a
 * notice; `render` writes the Markdown. Test support: it knows the seed's layout.
 */
import { Decimal } from 'decimal.js';

/** The kinds of annex the seed has, and `other`: an annex of no kind of the family (rules, a form). */
export type SeedKind = 'allocation' | 'detail' | 'targets' | 'other';

/** One annex: its label, kind, the title the body's list gives it, and its lines after the marker. */
export interface ShapeAnnex {
  label: string;
  kind: SeedKind;
  /** The title in the body's list of attachments. */
  listTitle: string;
  /** The lines after the marker line, up to the next marker. */
  lines: string[];
  /** How the marker is written (`heading` as in the seed). */
  marker: MarkerForm;
}

/** A seed-shaped notice split into body, annexes and the closing lines (公开方式, 抄送, 印发). */
export interface ShapeNotice {
  /** Lines before the list of attachments. */
  head: string[];
  /** Lines between the list of attachments and the first annex. */
  beforeAnnexes: string[];
  annexes: ShapeAnnex[];
  trailer: string[];
}

/** How an annex marker line is written. */
export type MarkerForm = 'heading' | 'bold' | 'plain' | 'chinese' | 'inline-title' | 'list';

const MARKER = /^#+\s*附件\s*(\d+)\s*$/;
const TARGET_TITLE = /^#+\s*(省财政专项转移支付绩效目标表.*)$/;
const KINDS: SeedKind[] = ['allocation', 'detail', 'targets'];

/**
 * Five annexes: after the seed's three, the fund's management rules (text only) and a 回执 form
 * (a table of no kind the family knows, two rows), as notices that carry rules or forms beside their tables.
 */
export function extraAnnexes(n: ShapeNotice): ShapeNotice {
  const rules: ShapeAnnex = {
    label: '',
    kind: 'other',
    listTitle: '专项资金使用管理要求',
    lines: [
      '',
      '## 专项资金使用管理要求',
      '',
      '一、各地应按规定及时分解下达资金。',
      '',
      '二、加强绩效运行监控，确保完成绩效目标。',
      '',
    ],
    marker: 'heading',
  };
  const form: ShapeAnnex = {
    label: '',
    kind: 'other',
    listTitle: '回执',
    lines: ['', '## 回执', '', '单位名称\t联系人\t联系电话', '广州市市场监督管理局\t\t', ''],
    marker: 'heading',
  };
  return { ...n, annexes: renumber([...n.annexes, rules, form]) };
}

/** Split the seed's text into its parts. */
export function parseSeed(md: string): ShapeNotice {
  const lines = md.split('\n');
  const markers = lines.flatMap((l, i) => (MARKER.test(l) ? [i] : []));
  const trailerAt = lines.findIndex((l) => l.startsWith('**公开方式'));
  const listAt = lines.findIndex((l) => /^- 附件：/.test(l));
  let listEnd = listAt + 1;
  while (/^\d+\.\s/.test(lines[listEnd] ?? '')) listEnd++;
  const listTitles = lines.slice(listAt, listEnd).map((l) =>
    l
      .replace(/^- 附件：/, '')
      .replace(/^\d+\.\s*/, '')
      .trim(),
  );
  const annexes = markers.map((start, i) => ({
    label: MARKER.exec(lines[start] ?? '')?.[1] ?? '',
    kind: KINDS[i] as SeedKind,
    listTitle: listTitles[i] ?? '',
    lines: lines.slice(start + 1, markers[i + 1] ?? trailerAt),
    marker: 'heading' as MarkerForm,
  }));
  return {
    head: lines.slice(0, listAt),
    beforeAnnexes: lines.slice(listEnd, markers[0]),
    annexes,
    trailer: lines.slice(trailerAt),
  };
}

const CHINESE = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** The notice as Markdown: the body's list of attachments rebuilt from the annexes, each marker in its form. */
export function render(notice: ShapeNotice): string {
  const list = notice.annexes.map((a, i) => `${i === 0 ? '- 附件：' : ''}${a.label}. ${a.listTitle}  `);
  const annexLines = notice.annexes.flatMap((a) => {
    const content = [...a.lines];
    let marker: string;
    switch (a.marker) {
      case 'heading':
        marker = `## 附件${a.label}`;
        break;
      case 'bold':
        marker = `**附件${a.label}**`;
        break;
      case 'plain':
        marker = `附件${a.label}`;
        break;
      case 'chinese':
        marker = `## 附件${a.label
          .split('-')
          .map((d) => CHINESE[Number(d)] ?? d)
          .join('-')}`;
        break;
      case 'list':
        marker = `- 附件${a.label}`;
        break;
      case 'inline-title': {
        // The title moves onto the marker line; a target annex keeps its first table's own title line.
        const at = content.findIndex((l) => l.trim() !== '');
        const title = (content[at] ?? '').replace(/^#+\s*/, '').trim();
        if (a.kind !== 'targets') content.splice(at, 1);
        marker = `附件 ${a.label}：${a.kind === 'targets' ? a.listTitle : title}`;
        break;
      }
    }
    return ['', marker, ...content];
  });
  return [...notice.head, ...list, ...notice.beforeAnnexes, ...annexLines.slice(1), ...notice.trailer].join('\n');
}

/** Number the annexes 1, 2, … in their order (a split pair keeps its `-1`/`-2`). */
function renumber(annexes: ShapeAnnex[]): ShapeAnnex[] {
  let n = 0;
  let last = '';
  return annexes.map((a) => {
    const [main = '', sub] = a.label.split('-');
    if (!sub || main !== last) n++;
    last = main;
    return { ...a, label: sub ? `${n}-${sub}` : String(n) };
  });
}

/** (a) No detail table: two annexes, renumbered 1, 2. */
export function dropDetail(n: ShapeNotice): ShapeNotice {
  return { ...n, annexes: renumber(n.annexes.filter((a) => a.kind !== 'detail')) };
}

/** The seed's directly administered counties: the allocation rows after the 各直管县合计 row. */
export function seedCounties(n: ShapeNotice): string[] {
  const rows = n.annexes.find((a) => a.kind === 'allocation')?.lines ?? [];
  const from = rows.findIndex((l) => l.startsWith('二、各直管县合计'));
  return rows
    .slice(from + 1)
    .filter((l) => /^\S+\t44\d{7}\t/.test(l))
    .map((l) => l.split('\t')[0] ?? '');
}

/** (b) Target tables split into 3-1 (cities) and 3-2 (counties), each under its own title. */
export function splitTargets(n: ShapeNotice): ShapeNotice {
  const counties = seedCounties(n);
  const annexes = n.annexes.flatMap((a) => {
    if (a.kind !== 'targets') return [a];
    const tables: string[][] = [];
    for (const line of a.lines) {
      if (TARGET_TITLE.test(line)) tables.push([]);
      tables.at(-1)?.push(line);
    }
    const isCounty = (table: string[]): boolean => {
      const dept = table.find((l) => l.startsWith('省级主管部门\t'))?.split('\t')[3] ?? '';
      return counties.some((c) => dept.startsWith(c));
    };
    const part = (sub: string, title: string, rows: string[][]): ShapeAnnex => ({
      ...a,
      label: `${a.label}-${sub}`,
      listTitle: title,
      lines: ['', `## ${title}`, '', ...rows.flat()],
    });
    return [
      part(
        '1',
        '省财政专项转移支付绩效目标表（地级以上市）',
        tables.filter((t) => !isCounty(t)),
      ),
      part('2', '省财政专项转移支付绩效目标表（省直管县）', tables.filter(isCounty)),
    ];
  });
  return { ...n, annexes };
}

/** 元 → 万元, exactly (`12390000.00` → `1239`, `80000.00` → `8`). */
export function yuanToWan(yuan: string): string {
  return new Decimal(yuan).dividedBy(10_000).toString();
}

/** (c) The allocation table in 万元 and titled 安排表. */
export function allocationInWan(n: ShapeNotice): ShapeNotice {
  const annexes = n.annexes.map((a) => {
    if (a.kind !== 'allocation') return a;
    const lines = a.lines.map((l) => {
      if (l === '单位：元') return '单位：万元';
      if (l.startsWith('## ')) return l.replace('分配情况表', '安排表');
      if (!l.includes('\t')) return l;
      const cells = l.split('\t');
      if (cells[0] === '地区') cells[7] = '金额（万元）';
      else if (/^\d+\.\d{2}$/.test(cells[7] ?? '')) cells[7] = yuanToWan(cells[7] ?? '');
      return cells.join('\t');
    });
    return { ...a, lines, listTitle: a.listTitle.replace('分配情况表', '安排表') };
  });
  return { ...n, annexes };
}

/** Bureaus another department's notice names, in turn: listed ones and two only the family's patterns know. */
export const OTHER_BUREAUS = [
  '卫生健康局',
  '教育局',
  '科学技术局',
  '住房和城乡建设局',
  '农业农村局',
  '疾病预防控制中心',
  '爱国卫生运动委员会办公室',
];

/** (d) Another department: local bureaus in turn instead of 市场监督管理局/市场监管局, its provincial department and fund name. */
export function otherDepartment(n: ShapeNotice, bureaus: readonly string[] = OTHER_BUREAUS): ShapeNotice {
  let turn = 0;
  const next = (): string => bureaus[turn++ % bureaus.length] ?? '';
  const fund = (s: string): string => s.replace('知识产权专项资金', '卫生健康专项资金');
  const annexes = n.annexes.map((a) => {
    const lines = a.lines.map((l) => {
      const cells = l.split('\t');
      if (a.kind === 'allocation' && cells.length > 3) cells[2] = fund(cells[2] ?? '');
      if (a.kind === 'detail' && /市场监督管理局$/.test(cells[2] ?? '')) {
        cells[2] = (cells[2] ?? '').replace(/市场监督管理局$/, next());
        cells[3] = fund(cells[3] ?? '');
      }
      if (a.kind === 'targets' && cells[0] === '省级主管部门') {
        cells[1] = (cells[1] ?? '').replace(/^广东省市场监管局$/, '广东省卫生健康委员会');
        cells[3] = (cells[3] ?? '').replace(/市场监管局$/, () => next());
      }
      if (a.kind === 'targets' && cells[0] === '项目名称') cells[1] = fund(cells[1] ?? '');
      return cells.join('\t');
    });
    return { ...a, lines };
  });
  return { ...n, annexes };
}

/** (e) The annexes in another order (`order[i]` is the old index of new annex i), renumbered. */
export function reorderAnnexes(n: ShapeNotice, order: readonly number[]): ShapeNotice {
  return { ...n, annexes: renumber(order.map((i) => n.annexes[i] as ShapeAnnex)) };
}

/** (f) Each annex marker written in the given form, in turn. */
export function markerForms(n: ShapeNotice, forms: readonly MarkerForm[]): ShapeNotice {
  return { ...n, annexes: n.annexes.map((a, i) => ({ ...a, marker: forms[i % forms.length] ?? 'heading' })) };
}

/** (f) Target-table titles written as bold and plain lines in turn instead of headings. */
export function targetTitlesAsText(n: ShapeNotice): ShapeNotice {
  let turn = 0;
  const annexes = n.annexes.map((a) => ({
    ...a,
    lines: a.lines.map((l) => {
      const title = TARGET_TITLE.exec(l)?.[1];
      if (!title) return l;
      return turn++ % 2 === 0 ? `**${title}**` : title;
    }),
  }));
  return { ...n, annexes };
}

/** (g) The body states the total: `共计17285万元` (or any amount) after the fund's name. */
export function statedTotal(n: ShapeNotice, amount = '17285万元'): ShapeNotice {
  const head = n.head.map((l) => l.replace('专项资金（详见附件', `专项资金，共计${amount}（详见附件`));
  if (head.join('\n') === n.head.join('\n')) throw new Error('no sentence to state the total in');
  return { ...n, head };
}
