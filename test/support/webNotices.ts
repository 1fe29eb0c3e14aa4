/**
 * Generates notices of the department as its web site publishes them (body only: plain text,
 * half-width punctuation, annexes named as files, no tables), with their own truth: the metadata
 * notice.json should hold. Several funds, years, issuers and joint notices, signature blocks with
 * dates in digits or Chinese numerals, 版记 with 印发 lines, addressee lines short, long or wrapped,
 * attachment lists on one line, over paragraphs, with a number before them, or none. Nothing here
 * is read from the seed.
 */
import { mulberry32 } from '../../scripts/random.js';

/** What notice.json should say of a generated notice. */
export interface WebNoticeTruth {
  doc_number: string;
  title: string;
  issuer: string;
  issuers: string[];
  issued_date: string;
  printed_date: string;
  budget_year: string;
  recipients: string[];
  budget_subject_code: string;
  budget_subject_name: string;
  income_subject_code: string;
  income_subject_name: string;
  attachments: string[];
  attachment_file_exts: string[];
}

/** A generated notice: its text, its truth, and the finding codes its shape must raise. */
export interface WebNotice {
  text: string;
  truth: WebNoticeTruth;
  /** Codes of findings the shape calls for (a date fallback, issuers read from the signature, …). */
  codes: string[];
  /** How the notice was drawn, for test messages. */
  shape: string;
}

/** A small seeded generator (mulberry32): the same seed gives the same notices. */
export const random = mulberry32;

/** One of a list. */
function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

/** A fund: its department's code in the number, its name, co-issuer, bureaus and subjects. */
interface Fund {
  code: string;
  name: string;
  partner: string;
  bureau: string;
  expenditure: [string, string];
  income: [string, string];
}

const FUNDS: readonly Fund[] = [
  {
    code: '科教',
    name: '省级体育事业发展专项资金',
    partner: '广东省体育局',
    bureau: '文化广电旅游体育局',
    expenditure: ['2070307', '体育场馆'],
    income: ['1100214', '文化旅游体育与传媒共同财政事权转移支付收入'],
  },
  {
    code: '农',
    name: '省级乡村振兴战略专项资金(农业产业发展)',
    partner: '广东省农业农村厅',
    bureau: '农业农村局',
    expenditure: ['2130505', '生产发展'],
    income: ['1100217', '农林水共同财政事权转移支付收入'],
  },
  {
    code: '社',
    name: '中央财政就业补助资金',
    partner: '广东省人力资源和社会保障厅',
    bureau: '人力资源和社会保障局',
    expenditure: ['2080208', '基层就业服务'],
    income: ['1100212', '社会保障和就业共同财政事权转移支付收入'],
  },
  {
    code: '社',
    name: '基本公共卫生服务补助资金',
    partner: '广东省卫生健康委员会',
    bureau: '卫生健康局',
    expenditure: ['2100408', '基本公共卫生服务'],
    income: ['1100216', '卫生健康共同财政事权转移支付收入'],
  },
  {
    code: '资环',
    name: '省级生态环境保护专项资金',
    partner: '广东省生态环境厅',
    bureau: '生态环境局',
    expenditure: ['2110402', '农村环境保护'],
    income: ['1100220', '节能环保共同财政事权转移支付收入'],
  },
  {
    code: '科教',
    name: '城乡义务教育补助经费',
    partner: '广东省教育厅',
    bureau: '教育局',
    expenditure: ['2050202', '小学教育'],
    income: ['1100213', '教育共同财政事权转移支付收入'],
  },
  {
    code: '预',
    name: '县级基本财力保障机制奖补资金',
    partner: '',
    bureau: '财政局',
    expenditure: ['2300245', '县级基本财力保障机制奖补资金支出'],
    income: ['1100245', '县级基本财力保障机制奖补资金收入'],
  },
  {
    code: '工',
    name: '省级促进经济高质量发展专项资金(商务发展)',
    partner: '广东省商务厅',
    bureau: '商务局',
    expenditure: ['2150805', '中小企业发展专项'],
    income: ['1100299', '其他一般性转移支付收入'],
  },
];

const CITIES = [
  '广州市',
  '深圳市',
  '珠海市',
  '汕头市',
  '佛山市',
  '韶关市',
  '河源市',
  '梅州市',
  '惠州市',
  '汕尾市',
  '东莞市',
  '中山市',
  '江门市',
  '阳江市',
  '湛江市',
  '茂名市',
  '肇庆市',
  '清远市',
  '潮州市',
  '揭阳市',
  '云浮市',
];
const CHINESE_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** A number 1–31 in Chinese numerals (十, 二十八, 三十一). */
function chineseNumber(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n] ?? '';
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十${n % 10 === 0 ? '' : CHINESE_DIGITS[n % 10]}`;
}

/** A date as the notice writes it: `2024年11月3日` or `二〇二四年十一月三日`. */
function written(date: Date, chinese: boolean): string {
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  if (!chinese) return `${y}年${m}月${d}日`;
  return `${[...String(y)].map((c) => CHINESE_DIGITS[Number(c)]).join('')}年${chineseNumber(m)}月${chineseNumber(d)}日`;
}

/** YYYY-MM-DD. */
function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** How a generated notice is shaped; every field drawn at random unless given. */
export interface WebNoticeShape {
  joint: boolean;
  /** The title names its issuers (else a bare 关于… title). */
  issuerInTitle: boolean;
  /** Where the document number stands: its own line after the title, only before the attachment list, or nowhere. */
  number: 'line' | 'attachments' | 'none';
  addressees: 'short' | 'long' | 'wrapped';
  subject: 'quoted-code' | 'code-in-quotes' | 'with-income' | 'unquoted' | 'none';
  attachments: 'none' | 'single' | 'one-line' | 'paragraphs' | 'lines';
  signature: 'lines' | 'one-line' | 'none';
  chineseDates: boolean;
  imprint: boolean;
  /** Days between signature and 印发. */
  printedAfter: number;
  sourceLine: boolean;
  /** The body cites another notice by its number (in brackets, as a sentence does). */
  cites: boolean;
}

/** Draw a shape. */
export function drawShape(rand: () => number): WebNoticeShape {
  const number = pick(rand, ['line', 'line', 'line', 'attachments', 'none'] as const);
  const attachments =
    number === 'attachments'
      ? pick(rand, ['single', 'one-line'] as const)
      : pick(rand, ['none', 'single', 'one-line', 'paragraphs', 'lines'] as const);
  return {
    joint: rand() < 0.4,
    // A notice with no number of its own names its issuer in the title: else no family would know it.
    issuerInTitle: number === 'none' || rand() < 0.8,
    number,
    addressees: pick(rand, ['short', 'long', 'wrapped'] as const),
    subject: pick(rand, ['quoted-code', 'code-in-quotes', 'with-income', 'unquoted', 'none'] as const),
    attachments,
    signature: pick(rand, ['lines', 'lines', 'one-line', 'none'] as const),
    chineseDates: rand() < 0.4,
    imprint: rand() < 0.7,
    printedAfter: Math.floor(rand() * 4),
    sourceLine: rand() < 0.5,
    cites: rand() < 0.5,
  };
}

/** Generate one notice of a shape. */
export function webNotice(rand: () => number, shape: WebNoticeShape): WebNotice {
  const fund = pick(
    rand,
    FUNDS.filter((f) => !shape.joint || f.partner),
  );
  const year = 2018 + Math.floor(rand() * 8);
  const serial = 1 + Math.floor(rand() * 300);
  const docNumber = `粤财${fund.code}〔${year}〕${serial}号`;
  const budgetYear = String(year + (rand() < 0.5 ? 1 : 0));
  const advance = budgetYear !== String(year);
  // Joint notices: the department leads, or the partner does.
  const issuers = shape.joint
    ? rand() < 0.6
      ? ['广东省财政厅', fund.partner]
      : [fund.partner, '广东省财政厅']
    : ['广东省财政厅'];
  const subjectTitle = `关于${advance ? '提前下达' : '下达'}${budgetYear}年${fund.name}的通知`;
  const title = shape.issuerInTitle ? `${issuers.join(' ')}${subjectTitle}` : subjectTitle;
  const signed = new Date(Date.UTC(year, Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)));
  const printed = new Date(signed.getTime() + shape.printedAfter * 86400000);
  const published = new Date(printed.getTime() + 2 * 86400000);
  const cities = [...CITIES].sort(() => rand() - 0.5);
  const recipients = addresseesOf(shape.addressees, cities, fund.bureau);
  const attachments = attachmentsOf(shape.attachments, budgetYear, fund.name);
  const lines: string[] = ['首页 > 政务公开 > 通知公告', '', title, ''];
  if (shape.sourceLine) lines.push(`${written(published, false)} 来源:本网`, '');
  if (shape.number === 'line') lines.push(docNumber, '');
  lines.push(...recipientLines(shape.addressees, recipients), '');
  const cited = shape.cites ? `(粤财预〔${year - 3}〕15号)` : '';
  lines.push(
    `根据《广东省省级财政专项资金管理办法》${cited}有关规定,现${advance ? '提前' : ''}下达${budgetYear}年${fund.name}${attachments.length === 0 ? ',具体额度详见附件' : ''}。`,
  );
  lines.push('');
  const subjects = subjectSentence(shape.subject, fund);
  if (subjects.text) lines.push(`${subjects.text}请按规定及时拨付资金,加强资金监管,提高资金使用效益。`, '');
  lines.push('请各地严格落实全面实施预算绩效管理的要求,对照绩效目标做好绩效运行监控。', '');
  const attachmentBlock = attachmentLines(
    shape.attachments,
    attachments,
    shape.number === 'attachments' ? docNumber : '',
  );
  const signatureBlock = signatureLines(shape.signature, issuers, written(signed, shape.chineseDates));
  // The web page lists attachments after the signature as often as before it.
  if (rand() < 0.5) lines.push(...attachmentBlock, ...signatureBlock);
  else lines.push(...signatureBlock, ...attachmentBlock);
  if (shape.imprint) {
    lines.push(
      '公开方式:主动公开',
      '',
      `抄送:${issuers.length > 1 ? '' : `${fund.partner || '省审计厅'},`}省审计厅。`,
      '',
    );
    lines.push(
      `${issuers[0] === '广东省财政厅' ? '广东省财政厅' : issuers[0]}办公室　　　　${written(printed, shape.chineseDates)}印发`,
      '',
    );
  }
  const codes: string[] = [];
  let issued = shape.signature === 'none' ? '' : iso(signed);
  if (!issued && shape.imprint) {
    issued = iso(printed);
    codes.push('locate/issued-date-fallback');
  } else if (!issued && shape.sourceLine) {
    issued = iso(published);
    codes.push('locate/issued-date-fallback');
  }
  let truthIssuers = shape.issuerInTitle ? issuers : [];
  if (truthIssuers.length === 0 && shape.signature !== 'none') {
    truthIssuers = issuers;
    codes.push('locate/issuers-from-signature');
  }
  if (shape.number === 'attachments') codes.push('locate/doc-number-from-attachments');
  const truth: WebNoticeTruth = {
    doc_number: shape.number === 'none' ? '' : docNumber,
    title,
    issuer: truthIssuers[0] ?? '',
    issuers: truthIssuers,
    issued_date: issued,
    printed_date: shape.imprint ? iso(printed) : '',
    budget_year: budgetYear,
    recipients,
    budget_subject_code: subjects.expenditure?.[0] ?? '',
    budget_subject_name: subjects.expenditure?.[1] ?? '',
    income_subject_code: subjects.income?.[0] ?? '',
    income_subject_name: subjects.income?.[1] ?? '',
    attachments: attachments.map((a) => a.title),
    attachment_file_exts: attachments.map((a) => a.ext),
  };
  return { text: lines.join('\n') + '\n', truth, codes, shape: JSON.stringify(shape) };
}

/** The addressees of a shape: the cities' bureaus, many of them for a long line. */
function addresseesOf(kind: WebNoticeShape['addressees'], cities: readonly string[], bureau: string): string[] {
  if (kind === 'short') return ['各地级以上市财政局', '财政省直管县(市)财政局'];
  // 12 cities' bureaus and the counties': a line of 90 characters or more.
  return [...cities.slice(0, 12).map((c) => `${c}${bureau}`), `有关市县${bureau}`];
}

/** The addressee line, or the same names wrapped over two or three lines. */
function recipientLines(kind: WebNoticeShape['addressees'], names: readonly string[]): string[] {
  const line = `${names.join('、')}:`;
  if (kind !== 'wrapped') return [line];
  const third = Math.ceil(names.length / 3);
  return [
    names.slice(0, third).join('、') + '、',
    names.slice(third, 2 * third).join('、') + '、',
    `${names.slice(2 * third).join('、')}:`,
  ];
}

/** The sentence naming the subjects, and the subjects it names. */
function subjectSentence(
  kind: WebNoticeShape['subject'],
  fund: Fund,
): { text: string; expenditure?: [string, string]; income?: [string, string] } {
  const [code, name] = fund.expenditure;
  const [incomeCode, incomeName] = fund.income;
  switch (kind) {
    case 'quoted-code':
      return { text: `此项资金支出列 ${code} "${name}"科目。`, expenditure: fund.expenditure };
    case 'code-in-quotes':
      return { text: `支出列"${code}${name}"一般公共预算支出功能科目。`, expenditure: fund.expenditure };
    case 'with-income':
      return {
        text: `市县收入列"${incomeCode}${incomeName}"科目,支出列"${code}${name}"科目。`,
        expenditure: fund.expenditure,
        income: fund.income,
      };
    case 'unquoted':
      return { text: `该项资金列入${code}${name}科目。`, expenditure: fund.expenditure };
    case 'none':
      return { text: '' };
  }
}

/** One attachment as listed: its title and file extension. */
interface Listed {
  title: string;
  ext: string;
}

/** The attachments of a shape. */
function attachmentsOf(kind: WebNoticeShape['attachments'], year: string, fund: string): Listed[] {
  const all: Listed[] = [
    { title: `${year}年${fund}分配表`, ext: 'xls' },
    { title: `${year}年${fund}绩效目标表`, ext: 'doc' },
    { title: '资金管理要求(分发)', ext: 'pdf' },
  ];
  if (kind === 'none') return [];
  if (kind === 'single') return all.slice(0, 1);
  if (kind === 'one-line') return all.slice(0, 2);
  return all;
}

/** The attachment list as written: one line, several paragraphs or lines, a number before it. */
function attachmentLines(kind: WebNoticeShape['attachments'], items: readonly Listed[], number: string): string[] {
  const file = (a: Listed): string => `${a.title}.${a.ext}`;
  const before = number ? `(${number})` : '';
  switch (kind) {
    case 'none':
      return [];
    case 'single':
      return [`${before}附件:${file(items[0] as Listed)}`, ''];
    case 'one-line':
      return [`${before}附件:${items.map((a, i) => `${i + 1}.${file(a)}`).join(' ')}`, ''];
    case 'paragraphs':
      return items.flatMap((a, i) => [i === 0 ? `附件:${i + 1}.${file(a)}` : `${i + 1}.${file(a)}`, '']);
    case 'lines':
      return ['附件:', ...items.map((a, i) => `${i + 1}. ${file(a)}`), ''];
  }
}

/** The signature block: each organ on its line then the date, or organs and date on one line, or nothing. */
function signatureLines(kind: WebNoticeShape['signature'], issuers: readonly string[], date: string): string[] {
  if (kind === 'none') return [];
  if (kind === 'one-line') return [`${issuers.join('　　')}　　${date}`, ''];
  return [...issuers.flatMap((i) => [i, '']), date, ''];
}
