import { describe, expect, it } from 'vitest';
import type { NoticeMeta } from '../../src/locate/metadata.js';
import { extractText, recordsOf, seedText, withoutLines } from '../support/run.js';

/**
 * The notice metadata read from a body (src/locate/metadata.ts, patterns from family.json
 * `metadata`), on small bodies written by hand. A body alone has no annexes, so it is extracted
 * under --allow-partial; only notice.json and the metadata findings are looked at.
 */
type Notice = NoticeMeta;

function metadataOf(lines: string[]): {
  meta: Notice;
  missing: string[];
  codes: string[];
  repairs: Record<string, number>;
} {
  const result = extractText(lines.join('\n'), 'meta', { allowPartial: true });
  const meta = JSON.parse(result.files.get('notice.json') ?? '{}') as Notice;
  const report = JSON.parse(result.files.get('report.json') ?? '{}') as {
    findings: { code: string; params?: Record<string, string>; message: string }[];
    repairs: Record<string, number>;
  };
  const findings = report.findings;
  const missing = findings
    .filter((f) => f.code === 'locate/metadata-missing')
    .map((f) => /notice (\S+) not found/.exec(f.message)?.[1] ?? '');
  return {
    meta,
    missing,
    codes: findings.filter((f) => f.code.startsWith('locate/')).map((f) => f.code),
    repairs: report.repairs,
  };
}

/** A body as the seed writes it: masthead, number, title heading, addressees, text, attachments, 印发 line. */
const HEADED = [
  '# 广东省财政厅文件',
  '',
  '粤财科教〔2024〕51号',
  '',
  '## 广东省财政厅关于下达 2025 年度 省级科技创新专项资金的通知',
  '',
  '各地级以上市财政局：',
  '',
  '现下达 2025 年度专项资金（详见附件）。此项资金支出列 2060299 “其他基础研究支出”科目。',
  '',
  '- 附件：1. 分配表  ',
  '2. 绩效目标表',
  '',
  '广东省财政厅',
  '',
  '2024年11月3日印发',
];

describe('notice metadata from the body', () => {
  it('reads every field of a body written with headings', () => {
    const { meta, missing } = metadataOf(HEADED);
    expect(meta).toMatchObject({
      doc_number: '粤财科教〔2024〕51号',
      title: '广东省财政厅关于下达2025年度省级科技创新专项资金的通知',
      title_raw: '广东省财政厅关于下达 2025 年度 省级科技创新专项资金的通知',
      issuer: '广东省财政厅',
      issued_date: '2024-11-03',
      budget_year: '2025',
      recipients: ['各地级以上市财政局'],
      budget_subject_code: '2060299',
      budget_subject_name: '其他基础研究支出',
      attachments: ['分配表', '绩效目标表'],
    });
    expect(missing).toEqual([]);
  });

  it('restores the 号 OCR dropped from the number on a line of its own, and counts it', () => {
    for (const written of ['粤财科教〔2024〕51', '粤财科教[2024] 51 ']) {
      const { meta, repairs } = metadataOf(HEADED.map((l) => (l === '粤财科教〔2024〕51号' ? written : l)));
      expect(meta.doc_number, written).toBe('粤财科教〔2024〕51号');
      expect(repairs['doc-number-hao-restored']).toBe(1);
    }
    // A number cited inside a sentence gets no 号 restored: it is not the notice's own.
    const { meta } = metadataOf(
      HEADED.map((l) => (l === '粤财科教〔2024〕51号' ? '' : l.startsWith('现下达') ? `${l}依据粤财科教〔2023〕7` : l)),
    );
    expect(meta.doc_number).toBe('');
  });

  it('writes a document number in its canonical brackets whatever brackets and spaces OCR gave it', () => {
    for (const written of [
      '粤财科教[2024]51号',
      '粤财科教（2024）51号',
      '粤财科教 〔 2024 〕 51 号',
      '粤财科教［2024］51号',
    ]) {
      const { meta } = metadataOf(HEADED.map((l) => (l === '粤财科教〔2024〕51号' ? written : l)));
      expect(meta.doc_number, written).toBe('粤财科教〔2024〕51号');
    }
  });

  it('reads a web copy: the title from a plain line, the issuer from the title, the date from its 来源 line', () => {
    const { meta, codes, repairs } = metadataOf([
      '首页 > 政务公开 > 通知公告',
      '',
      '广东省财政厅关于下达2025年度省级科技创新专项资金的通知',
      '',
      '2024年11月3日 来源：本网',
      '',
      '粤财科教〔2024〕51号',
      '',
      '各地级以上市财政局、财政省直管县（市）财政局：',
      '',
      '现下达2025年度专项资金。此项资金支出列 2060299 “其他基础研究支出”科目。',
      '',
      '附件：1. 分配表',
    ]);
    expect(meta).toMatchObject({
      doc_number: '粤财科教〔2024〕51号',
      title: '广东省财政厅关于下达2025年度省级科技创新专项资金的通知',
      issuer: '广东省财政厅',
      issued_date: '2024-11-03',
      budget_year: '2025',
      recipients: ['各地级以上市财政局', '财政省直管县（市）财政局'],
    });
    expect(codes).toContain('locate/title-from-line');
    // The date is written in ASCII digits: no repair, whatever else the line folds (来源：).
    expect(repairs['date-digits']).toBeUndefined();
  });

  it('takes the budget year from the body when the title names none', () => {
    const lines = HEADED.map((l) =>
      l.startsWith('## ')
        ? '## 广东省财政厅关于提前下达省级科技创新专项资金的通知'
        : l.startsWith('现下达')
          ? '现提前下达 2025 年度专项资金。'
          : l,
    );
    expect(metadataOf(lines).meta.budget_year).toBe('2025');
  });

  it('reports each field it cannot find, and leaves it empty', () => {
    const { meta, missing } = metadataOf([
      '## 广东省财政厅关于下达专项资金的通知',
      '',
      '粤财科教〔2024〕51号',
      '',
      '现下达专项资金。',
      '',
      '附件：1. 分配表',
    ]);
    expect(meta).toMatchObject({
      doc_number: '粤财科教〔2024〕51号',
      issuer: '广东省财政厅',
      issued_date: '',
      budget_year: '',
      recipients: [],
      budget_subject_code: '',
      budget_subject_name: '',
    });
    expect(missing.sort()).toEqual([
      'budget_subject_code',
      'budget_subject_name',
      'budget_year',
      'issued_date',
      'printed_date',
      'recipients',
    ]);
  });

  it('does not take a sentence or a paragraph ending in 如下： for the addressees', () => {
    const lines = HEADED.filter((l) => l !== '各地级以上市财政局：').map((l) =>
      l.startsWith('现下达') ? `${l}有关事项通知如下：` : l,
    );
    const { meta, missing } = metadataOf(lines);
    expect(meta.recipients).toEqual([]);
    expect(missing).toContain('recipients');
  });

  /** HEADED with one line replaced (by none, one or several lines). */
  const replaced = (lines: readonly string[], from: string, to: string[]): string[] =>
    lines.flatMap((l) => (l === from ? to : [l]));
  /** A sentence citing another document by its number, as the seed's body does. */
  const CITING = '请按照《广东省促进经济高质量发展专项资金管理办法》（粤财工〔2019〕122号）管理和使用资金。';

  it('leaves the document number empty when the notice has none, rather than take one its body cites', () => {
    const lines = replaced(HEADED, '粤财科教〔2024〕51号', []).map((l) =>
      l.startsWith('现下达') ? `${l}${CITING}` : l,
    );
    const { meta, missing } = metadataOf(lines);
    expect(meta.doc_number).toBe('');
    expect(missing).toEqual(['doc_number']);
  });

  it('takes the notice own number, not a cited one, however OCR wrote its brackets, spaces and zero-width marks', () => {
    const written = [
      '粤财科教【2024】51号',
      '粤 财科教〔2024〕51号',
      '粤财 科教〔2024〕51号',
      '粤\u200b财科教〔2024〕\u200b51号',
      '\ufeff粤财科教\u2060〔2024〕51号',
      '粤财科教〔2024〕51号        签发人：张三',
    ];
    for (const number of written) {
      // Without a cited number the family's recognise pattern must accept the notice's own.
      for (const cited of [false, true]) {
        const lines = replaced(HEADED, '粤财科教〔2024〕51号', [number]).map((l) =>
          cited && l.startsWith('现下达') ? `${l}${CITING}` : l,
        );
        expect(metadataOf(lines).meta.doc_number, `${number} cited:${cited}`).toBe('粤财科教〔2024〕51号');
      }
    }
  });

  it('takes the number a title closes with in parentheses when no line holds it alone', () => {
    const lines = replaced(HEADED, '粤财科教〔2024〕51号', []).map((l) =>
      l.startsWith('## ') ? `${l}（粤财科教〔2024〕51号）` : l,
    );
    const { meta, missing } = metadataOf(lines);
    expect(meta.doc_number).toBe('粤财科教〔2024〕51号');
    expect(meta.title).toBe('广东省财政厅关于下达2025年度省级科技创新专项资金的通知');
    expect(missing).toEqual([]);
  });

  it('reads the 印发 date written in Chinese numerals or full-width digits', () => {
    const dates: [string, string][] = [
      ['二〇二四年十一月三日印发', '2024-11-03'],
      ['二○二三年十二月二十八日印发', '2023-12-28'],
      ['二零二四年十月三十一日印发', '2024-10-31'],
      ['二〇二四年十月十日 印发', '2024-10-10'],
      ['２０２４年１１月３日印发', '2024-11-03'],
    ];
    for (const [written, date] of dates) {
      const { meta, repairs } = metadataOf(replaced(HEADED, '2024年11月3日印发', [written]));
      expect(meta.issued_date, written).toBe(date);
      expect(repairs['date-digits'], written).toBe(1);
    }
  });

  /** HEADED with two annexes after the body: a table each, Annex 1 followed by a plain date line. */
  const withAnnexes = (imprint: string[]): string[] => [
    ...HEADED.slice(0, HEADED.indexOf('广东省财政厅')),
    '广东省财政厅',
    '',
    '2024年11月1日',
    '',
    '## 附件1',
    '',
    '## 分配表',
    '',
    '地区\t金额',
    '广州市\t100.00',
    '',
    '2024年10月20日',
    '',
    '## 附件2',
    '',
    '## 绩效目标表',
    '',
    '项目名称\t科技创新',
    '2024年10月25日\t备注',
    '',
    ...imprint,
  ];

  it('takes the 成文日期 under the signature and the 印发日期 from the 版记, wherever the 印发 line stands', () => {
    for (const imprint of [
      ['广东省财政厅办公室', '', '二〇二四年十一月三日印发'],
      ['广东省财政厅办公室        2024年11月3日印发'],
      ['| 广东省财政厅办公室 | 2024年11月3日印发 |', '|---|---|'],
    ]) {
      const { meta, codes } = metadataOf(withAnnexes(imprint));
      // 2024-11-01 is the signature's; 10-20 and 10-25 stand inside annexes.
      expect(meta.issued_date, imprint.join(' / ')).toBe('2024-11-01');
      expect(meta.printed_date, imprint.join(' / ')).toBe('2024-11-03');
      expect(codes, imprint.join(' / ')).not.toContain('locate/issued-date-fallback');
    }
  });

  it('falls back from a missing signature date to the 印发 date, else a date line after the last annex, saying so', () => {
    const unsigned = (imprint: string[]): string[] => withAnnexes(imprint).filter((l) => l !== '2024年11月1日');
    const printed = metadataOf(unsigned(['广东省财政厅办公室        2024年11月3日印发']));
    expect(printed.meta).toMatchObject({ issued_date: '2024-11-03', printed_date: '2024-11-03' });
    expect(printed.codes).toContain('locate/issued-date-fallback');
    // 2024-11-02 stands after Annex 2's table, with no 印发: a fallback too, never a date inside an annex.
    const trailing = metadataOf(unsigned(['2024年11月2日']));
    expect(trailing.meta).toMatchObject({ issued_date: '2024-11-02', printed_date: '' });
    expect(trailing.codes).toContain('locate/issued-date-fallback');
    // The signature date wins over the trailing one.
    expect(metadataOf(withAnnexes(['2024年11月2日'])).meta.issued_date).toBe('2024-11-01');
  });

  it('joins a title split over two headings, or a heading and the line below it', () => {
    const splits: string[][] = [
      ['## 广东省财政厅关于下达 2025 年度', '', '## 省级科技创新专项资金的通知'],
      ['## 广东省财政厅关于下达 2025 年度 省级科技创新专项资金', '## 的通知'],
      ['## 广东省财政厅关于下达 2025 年度', '省级科技创新专项资金的通知'],
      ['广东省财政厅关于下达 2025 年度', '省级科技创新专项资金的通知'],
    ];
    for (const split of splits) {
      const { meta, codes, repairs } = metadataOf(
        replaced(HEADED, '## 广东省财政厅关于下达 2025 年度 省级科技创新专项资金的通知', split),
      );
      expect(meta.title, split.join(' / ')).toBe('广东省财政厅关于下达2025年度省级科技创新专项资金的通知');
      expect(meta.issuer, split.join(' / ')).toBe('广东省财政厅');
      expect(meta.recipients, split.join(' / ')).toEqual(['各地级以上市财政局']);
      expect(repairs['title-lines-joined'], split.join(' / ')).toBe(1);
      // Only a title of headings alone is read from headings.
      expect(codes.includes('locate/title-from-line'), split.join(' / ')).toBe(
        !split.filter(Boolean).every((l) => l.startsWith('## ')),
      );
    }
  });

  it('does not join the masthead or the document number to a title that reads as one', () => {
    const lines = replaced(HEADED, '粤财科教〔2024〕51号', []);
    const { meta, repairs } = metadataOf(
      [...lines.slice(0, 1), ...lines.slice(2)].map((l) => (l.startsWith('现下达') ? `${l}${CITING}` : l)),
    );
    expect(meta.title).toBe('广东省财政厅关于下达2025年度省级科技创新专项资金的通知');
    expect(repairs['title-lines-joined']).toBeUndefined();
  });

  it('joins an addressee line wrapped over two lines and splits addressees on 、，,', () => {
    const cases: [string[], string[]][] = [
      [
        ['各地级以上市财政局、财政省直管县（市）', '财政局：'],
        ['各地级以上市财政局', '财政省直管县（市）财政局'],
      ],
      [['各地级以上市财政局，财政省直管县（市）财政局：'], ['各地级以上市财政局', '财政省直管县（市）财政局']],
      [
        ['各地级以上市财政局, 财政省直管县（市）财政局、省科技厅：'],
        ['各地级以上市财政局', '财政省直管县（市）财政局', '省科技厅'],
      ],
    ];
    for (const [written, names] of cases) {
      const { meta, repairs } = metadataOf(replaced(HEADED, '各地级以上市财政局：', written));
      expect(meta.recipients, written.join(' / ')).toEqual(names);
      expect(repairs['addressee-lines-joined'] ?? 0, written.join(' / ')).toBe(written.length - 1);
    }
  });

  it('recognises a web copy that names no issuer by its 粤财 number, and reports the issuer missing', () => {
    const { meta, missing } = metadataOf([
      '粤财科教〔2024〕51号',
      '',
      '## 关于下达2025年度省级科技创新专项资金的通知',
      '',
      '各地级以上市财政局：',
      '',
      '附件：1. 分配表',
    ]);
    expect(meta).toMatchObject({
      doc_number: '粤财科教〔2024〕51号',
      issuer: '',
      budget_year: '2025',
      recipients: ['各地级以上市财政局'],
    });
    expect(missing).toContain('issuer');
  });
});

describe('dates, issuers, subjects and attachments as the department writes them', () => {
  /** A notice's datasets and metadata under --allow-partial or not. */
  const run = (text: string, allowPartial = false) => {
    const result = extractText(text, 'meta', { allowPartial });
    const report = JSON.parse(result.files.get('report.json') ?? '{}') as {
      findings: { code: string }[];
      repairs: Record<string, number>;
    };
    return {
      result,
      meta: JSON.parse(result.files.get('notice.json') ?? '{}') as Notice,
      codes: report.findings.map((f) => f.code),
      repairs: report.repairs,
    };
  };

  it('gives the seed issued_date 2023-12-28 from its 印发 line, with the fallback finding, and the same printed_date', () => {
    const { meta, codes } = run(seedText());
    expect(meta).toMatchObject({
      issued_date: '2023-12-28',
      printed_date: '2023-12-28',
      issuer: '广东省财政厅',
      issuers: ['广东省财政厅'],
    });
    expect(codes.filter((c) => c === 'locate/issued-date-fallback')).toHaveLength(1);
  });

  it('takes the seed signed two days before printing as signed then, its records unchanged', () => {
    const lines = seedText().split('\n');
    const firstAnnex = lines.indexOf('## 附件1');
    const signed = [
      ...lines.slice(0, firstAnnex),
      '广东省财政厅',
      '',
      '二〇二三年十二月二十六日',
      '',
      ...lines.slice(firstAnnex),
    ].join('\n');
    const before = run(seedText());
    const after = run(signed);
    expect(after.meta).toMatchObject({
      issued_date: '2023-12-26',
      printed_date: '2023-12-28',
      issuers: ['广东省财政厅'],
    });
    expect(after.codes).not.toContain('locate/issued-date-fallback');
    for (const dataset of ['allocations', 'details', 'targets', 'indicators', 'citations']) {
      expect(withoutLines(recordsOf(after.result, dataset)), dataset).toEqual(
        withoutLines(recordsOf(before.result, dataset)),
      );
    }
  });

  /** A joint notice as OCR gives it: joint masthead, title, signature on two lines, date, 版记. */
  const joint = (title: string, signature: string[]): string[] => [
    '# 广东省财政厅 广东省卫生健康委员会文件',
    '',
    '粤财社〔2025〕88号',
    '',
    `## ${title}`,
    '',
    '各地级以上市财政局、卫生健康局：',
    '',
    '现下达2026年基本公共卫生服务补助资金。市县收入列“1100216卫生健康共同财政事权转移支付收入”科目，支出列“2100408基本公共卫生服务”科目。',
    '',
    '附件：1. 资金分配表',
    '',
    ...signature,
    '',
    '公开方式：主动公开',
    '',
    '广东省财政厅办公室　　　　2025年11月21日印发',
  ];

  it('lists both organs of a joint notice in title order, the title keeping one space between them', () => {
    const signature = ['广东省财政厅　　　　广东省卫生健康委员会', '', '2025年11月20日'];
    const { meta, codes } = run(
      joint('广东省财政厅 广东省卫生健康委员会关于下达2026年基本公共卫生服务补助资金的通知', signature).join('\n'),
      true,
    );
    expect(meta).toMatchObject({
      issuer: '广东省财政厅',
      issuers: ['广东省财政厅', '广东省卫生健康委员会'],
      title: '广东省财政厅 广东省卫生健康委员会关于下达2026年基本公共卫生服务补助资金的通知',
      issued_date: '2025-11-20',
      printed_date: '2025-11-21',
      budget_subject_code: '2100408',
      budget_subject_name: '基本公共卫生服务',
      income_subject_code: '1100216',
      income_subject_name: '卫生健康共同财政事权转移支付收入',
    });
    expect(codes).not.toContain('locate/signature-issuers-differ');
  });

  it('keeps the 、 a joint title writes between its organs, and joins an OCR space inside one organ', () => {
    const signature = ['广东省财政厅　　广东省卫生健康委员会', '', '2025年11月20日'];
    const { meta } = run(
      joint('广东省 财政厅、广东省卫生健康委员会关于下达2026年基本公共卫生服务补助资金的通知', signature).join('\n'),
      true,
    );
    expect(meta.issuers).toEqual(['广东省财政厅', '广东省卫生健康委员会']);
    expect(meta.title).toBe('广东省财政厅、广东省卫生健康委员会关于下达2026年基本公共卫生服务补助资金的通知');
  });

  it('splits organs the title writes together where the signature writes them apart', () => {
    const signature = ['广东省财政厅', '', '广东省卫生健康委员会', '', '二〇二五年十一月二十日'];
    const { meta, repairs } = run(
      joint('广东省财政厅广东省卫生健康委员会关于下达2026年基本公共卫生服务补助资金的通知', signature).join('\n'),
      true,
    );
    expect(meta.issuers).toEqual(['广东省财政厅', '广东省卫生健康委员会']);
    expect(meta.issued_date).toBe('2025-11-20');
    expect(repairs['issuers-split-by-signature']).toBe(1);
  });

  it('reads the expenditure subject of 支出列…科目 sentences, code and name, and the income subject beside it', () => {
    const cases: [string, Partial<Notice>][] = [
      [
        '此项资金支出列“2070307体育场馆”一般公共预算支出功能科目。',
        { budget_subject_code: '2070307', budget_subject_name: '体育场馆', income_subject_code: '' },
      ],
      [
        '支出列"2070307体育场馆"一般公共预算支出功能科目.',
        { budget_subject_code: '2070307', budget_subject_name: '体育场馆' },
      ],
      ['该项资金列入2130505生产发展科目。', { budget_subject_code: '2130505', budget_subject_name: '生产发展' }],
      [
        '收入列“1100217农林水共同财政事权转移支付收入”科目，支出列“2130505生产发展”科目。',
        {
          budget_subject_code: '2130505',
          budget_subject_name: '生产发展',
          income_subject_code: '1100217',
          income_subject_name: '农林水共同财政事权转移支付收入',
        },
      ],
    ];
    for (const [sentence, expected] of cases) {
      const lines = HEADED.map((l) =>
        l.startsWith('现下达') ? `现下达 2025 年度专项资金（详见附件）。${sentence}` : l,
      );
      expect(metadataOf(lines).meta, sentence).toMatchObject(expected);
    }
  });

  it('recognises a web copy whose title names no issuer and whose number stands only before its attachment file', () => {
    const text = [
      '关于预下达2018年县级基本财力保障机制奖补资金的通知',
      '',
      '各地级以上市财政局,各县(市)财政局:',
      '',
      '为提高县级财政保障能力,现预下达2018年县级基本财力保障机制奖补资金。',
      '',
      '(粤财预〔2018〕124号)附件:预下达2018年县级基本财力保障机制奖补资金情况表(分发).xls',
      '',
      '广东省财政厅',
      '',
      '2018年3月9日',
    ].join('\n');
    const { meta, codes } = run(text, true);
    expect(meta).toMatchObject({
      doc_number: '粤财预〔2018〕124号',
      issuer: '广东省财政厅',
      issued_date: '2018-03-09',
      printed_date: '',
      budget_year: '2018',
      recipients: ['各地级以上市财政局', '各县(市)财政局'],
      attachments: ['预下达2018年县级基本财力保障机制奖补资金情况表(分发)'],
      attachment_file_exts: ['xls'],
    });
    expect(codes).toEqual(
      expect.arrayContaining(['locate/doc-number-from-attachments', 'locate/issuers-from-signature']),
    );
  });

  it('reads attachments on one line, over paragraphs, numbered in parts, each without its file extension', () => {
    const cases: [string[], string[], string[]][] = [
      [['附件：1.分配表.xlsx 2.绩效目标表.docx'], ['分配表', '绩效目标表'], ['xlsx', 'docx']],
      [
        ['附件：1. 分配表', '', '2. 绩效目标表.wps', '', '3. 说明.pdf'],
        ['分配表', '绩效目标表', '说明'],
        ['', 'wps', 'pdf'],
      ],
      [
        ['附件：', '1. 分配表.et', '2-1. 绩效目标表（一）', '2-2. 绩效目标表（二）'],
        ['分配表', '绩效目标表（一）', '绩效目标表（二）'],
        ['et', '', ''],
      ],
      [
        ['附件1：分配表.xls', '附件2：绩效目标表.doc'],
        ['分配表', '绩效目标表'],
        ['xls', 'doc'],
      ],
    ];
    for (const [list, titles, exts] of cases) {
      const lines = HEADED.flatMap((l) => (l === '- 附件：1. 分配表  ' ? list : l === '2. 绩效目标表' ? [] : [l]));
      const { meta } = metadataOf(lines);
      expect(meta.attachments, list.join(' / ')).toEqual(titles);
      expect(meta.attachment_file_exts, list.join(' / ')).toEqual(exts);
    }
  });

  it('reads metadata of adversarial long lines in linear time', () => {
    const long = 40_000;
    const lines = [
      ...HEADED,
      `列${'入'.repeat(long)}`,
      `${'支出列 1234567 '.repeat(long / 10)}`,
      `${'　'.repeat(long)}2024年1月1日`,
      `附件：${'1. '.repeat(long / 3)}`,
      `${'广东省财政厅 '.repeat(long / 7)}文件`,
      `${'各地、'.repeat(long / 3)}：`,
    ];
    const started = performance.now();
    metadataOf(lines);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
