import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALL_RULES,
  RULES,
  collapseWhitespace,
  decodeEntities,
  foldWidth,
  joinCjkSpaces,
  normalizeText,
  replaceLatinConjunction,
  toSimplified,
  unifyQuotesAndDashes,
  type RuleCounts,
  type RuleName,
} from '../../src/normalize/rules.js';

/** Pieces that exercise every rule when strung together at random. */
const PIECES = [
  '中',
  '文',
  '知识产权',
  '意見',
  '乾',
  '縣',
  '反',
  '覆',
  '坏',
  '年',
  ' ',
  '  ',
  '\u3000',
  '\u00a0',
  '\n',
  '\t',
  'and',
  ' and ',
  ' or ',
  'W',
  'x',
  'lt',
  '1',
  '2024',
  '１２３',
  '．',
  'Ａ',
  '＆',
  'ｌｔ',
  ';',
  '；',
  '&',
  '#',
  '&lt;',
  '&gt;',
  '&amp;',
  '&#x4E2D;',
  '&#65313;',
  '&nbsp;',
  '"',
  '“',
  '”',
  "'",
  '‘',
  '’',
  '「',
  '」',
  '『',
  '』',
  '<',
  '>',
  '＜',
  '＞',
  '〈',
  '〉',
  '《',
  '》',
  '-',
  '—',
  '－',
  '–',
  '─',
  '（',
  '）',
  '、',
  '，',
  '。',
  '〔',
  '〕',
  '&#12288;',
  '&#xFF1C;',
  'ＡＮＤ',
  'Or',
  '\u2028',
  '…',
  '〇',
  '薴',
  '於',
  '則',
  'li',
  '/',
  '=',
  '(',
  // MinerU's inline math: delimiters, commands, groups, scripts, escapes, entities and spaced digits.
  '$',
  '$',
  '＄',
  '\\',
  '\\geqslant',
  '\\leq ',
  '\\%',
  '\\$',
  '\\&',
  '\\text{',
  '\\mathrm',
  '{',
  '}',
  '^',
  '_',
  '8 5',
  ' . ',
  '&#36;',
  '&#92;',
  '<eq>',
  '</eq>',
  '\\sim',
  '\\,',
  '＼',
  '2',
];

/** Random texts built from the pieces above. */
const cjkText = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

/** Any UTF-16 string, lone surrogates included. */
const anyUtf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });

/** Any string of whole code points. */
const anyUnicode = fc.string({ unit: 'binary' });

describe('html-entities', () => {
  it('decodes the escaped title marks of the seed', () => {
    expect(decodeEntities('印发&lt;广东省强化海外知识产权保护工作方案&gt;的通知')).toBe(
      '印发<广东省强化海外知识产权保护工作方案>的通知',
    );
  });

  it('decodes quotes, apostrophes, no-break spaces and numeric references', () => {
    expect(decodeEntities('&quot;a&quot; &#39;b&#39; c&nbsp;d &#x4E2D;&#25991; R&amp;D')).toBe(
      '"a" \'b\' c\u00a0d 中文 R&D',
    );
  });

  it('decodes double-encoded text down to the character', () => {
    expect(decodeEntities('&amp;lt;关于&amp;gt;')).toBe('<关于>');
  });

  it('decodes entities spelled in full-width forms', () => {
    expect(decodeEntities('＆ｌｔ;关于＆ｇｔ;')).toBe('<关于>');
  });

  it('leaves ampersands that are not entities alone', () => {
    expect(decodeEntities('R&D &foo; &amp AT&T；')).toBe('R&D &foo; &amp AT&T；');
  });
});

describe('width-fold', () => {
  it('folds full-width digits, decimal points and Latin letters', () => {
    expect(foldWidth('１２３．００')).toBe('123.00');
    expect(foldWidth('ＩＰ')).toBe('IP');
    expect(foldWidth('９５％ ＋ －')).toBe('95% + -');
  });

  it('turns the ideographic space into a plain space', () => {
    expect(foldWidth('广州市\u3000本级')).toBe('广州市 本级');
  });

  it('keeps Chinese prose punctuation as written', () => {
    const prose = '（知识产权创造、运用和保护），：；！？。';
    expect(foldWidth(prose)).toBe(prose);
  });

  it('keeps document-number brackets and list numerals that NFKC would change', () => {
    expect(foldWidth('粤财工〔2023〕126号 ① ㈠ ￥')).toBe('粤财工〔2023〕126号 ① ㈠ ￥');
  });
});

describe('traditional-to-simplified', () => {
  it('converts the traditional words found in the seed', () => {
    expect(toSimplified('《关于强化知识产权保护的意見》')).toBe('《关于强化知识产权保护的意见》');
  });

  it('uses mainland vocabulary rather than the Taiwan variant', () => {
    expect(toSimplified('規劃')).toBe('规划');
    expect(toSimplified('指標')).toBe('指标');
  });

  it('passes simplified text through unchanged', () => {
    for (const word of ['知识产权', '干部', '发展', '里面', '坏账', '著作', '一只', '乾隆']) {
      expect(toSimplified(word)).toBe(word);
    }
    const title = '广东省财政厅关于提前下达2024年度省级市场监管管理（知识产权创造、运用和保护）专项资金的通知';
    expect(toSimplified(title)).toBe(title);
  });

  it('documents that OpenCC rewrites a few simplified phrases it reads as traditional', () => {
    // Known OpenCC t→cn behaviour, accepted: rare place names and phrases only.
    expect(toSimplified('乾县')).toBe('干县');
    expect(toSimplified('打坏')).toBe('打坯');
  });

  it('converts until stable, so a phrase-protected character ends like its simplified spelling', () => {
    expect(toSimplified('乾縣')).toBe(toSimplified('乾县'));
  });
});

describe('cjk-space-join', () => {
  it('joins words that OCR split inside Chinese text', () => {
    expect(joinCjkSpaces('连南瑶族 自治县')).toBe('连南瑶族自治县');
    expect(joinCjkSpaces('2011409 知识产权 宏观管理')).toBe('2011409知识产权宏观管理');
  });

  it('joins across Chinese punctuation', () => {
    expect(joinCjkSpaces('（知识产权创造、 运用和保护） 转移市县资金')).toBe(
      '（知识产权创造、运用和保护）转移市县资金',
    );
  });

  it('joins digits to the ideographs around them', () => {
    expect(joinCjkSpaces('提前下达 2024 年度')).toBe('提前下达2024年度');
  });

  it('keeps the space between a Latin letter and Chinese', () => {
    expect(joinCjkSpaces('W 无')).toBe('W 无');
  });

  it('keeps the space between two numbers', () => {
    expect(joinCjkSpaces('440100000 12390000.00')).toBe('440100000 12390000.00');
  });
});

describe('latin-conjunction', () => {
  it('turns a stray and between Chinese words into 和', () => {
    expect(replaceLatinConjunction('提供快速预审、快速确权 and 快速维权服务')).toBe(
      '提供快速预审、快速确权和快速维权服务',
    );
  });

  it('turns a stray or between Chinese words into 或', () => {
    expect(replaceLatinConjunction('省级 or 市级')).toBe('省级或市级');
  });

  it('reads Chinese sentence punctuation as a neighbour', () => {
    expect(replaceLatinConjunction('（甲） and （乙）')).toBe('（甲）和（乙）');
  });

  it('does not read quotes or title marks as neighbours, since quote-dash writes them later', () => {
    expect(replaceLatinConjunction('《甲》 and 《乙》 〈 or 〉')).toBe('《甲》 and 《乙》 〈 or 〉');
  });

  it('leaves English conjunctions next to Latin text alone', () => {
    expect(replaceLatinConjunction('R and D 研发, 中 and D, bread and 面')).toBe(
      'R and D 研发, 中 and D, bread and 面',
    );
  });
});

describe('quote-dash-forms', () => {
  it('turns straight double quotes around Chinese into curly pairs', () => {
    expect(unifyQuotesAndDashes('《"十四五"国家知识产权保护和运用规划》')).toBe(
      '《“十四五”国家知识产权保护和运用规划》',
    );
  });

  it('turns corner brackets into curly quotes', () => {
    expect(unifyQuotesAndDashes('是否直拨「三保」专户')).toBe('是否直拨“三保”专户');
    expect(unifyQuotesAndDashes('『三保』')).toBe('‘三保’');
  });

  it('leaves quotes around Latin text and reversed pairs alone', () => {
    expect(unifyQuotesAndDashes('"abc" ”十四五“')).toBe('"abc" ”十四五“');
  });

  it('unifies the dash between CJK words to one form', () => {
    const heading = '知识产权创造、运用和保护—提前下达分配情况表';
    expect(unifyQuotesAndDashes('知识产权创造、运用和保护-提前下达分配情况表')).toBe(heading);
    expect(unifyQuotesAndDashes('知识产权创造、运用和保护 － 提前下达分配情况表')).toBe(heading);
    expect(unifyQuotesAndDashes('知识产权创造、运用和保护──提前下达分配情况表')).toBe(heading);
  });

  it('leaves dashes between digits alone', () => {
    expect(unifyQuotesAndDashes('纲要（2021—2035年）2021-2035')).toBe('纲要（2021—2035年）2021-2035');
  });

  it('turns top-level angle brackets around Chinese into book-title marks', () => {
    expect(unifyQuotesAndDashes('<关于进一步加强知识产权维权援助工作的若干措施>')).toBe(
      '《关于进一步加强知识产权维权援助工作的若干措施》',
    );
    expect(unifyQuotesAndDashes('〈广东省强化海外知识产权保护工作方案〉＜方案＞')).toBe(
      '《广东省强化海外知识产权保护工作方案》《方案》',
    );
  });

  it('writes angle brackets nested in a title as the nested mark 〈〉', () => {
    const nested = '《国家知识产权局印发〈关于进一步加强知识产权维权援助工作的指导意见〉的通知》';
    expect(unifyQuotesAndDashes('《国家知识产权局印发<关于进一步加强知识产权维权援助工作的指导意见>的通知》')).toBe(
      nested,
    );
    expect(unifyQuotesAndDashes(nested)).toBe(nested);
  });

  it('converts nested corner brackets from the inside out', () => {
    expect(unifyQuotesAndDashes('「甲「乙」丙」')).toBe('“甲“乙”丙”');
  });

  it('leaves a title mark already nested in a title for the citation parser', () => {
    expect(unifyQuotesAndDashes('《关于《十四五》规划》')).toBe('《关于《十四五》规划》');
  });

  it('leaves real HTML tags alone', () => {
    const html = '<ol style="list-style-type: none"> <li>1. 《关于强化知识产权保护的若干措施》</li> </ol>';
    expect(unifyQuotesAndDashes(html)).toBe(html);
  });
});

describe('whitespace-collapse', () => {
  it('trims and collapses every kind of whitespace run to one space', () => {
    expect(collapseWhitespace(' \n广州市 \u3000\u00a0\t本级\n ')).toBe('广州市 本级');
  });
});

describe('normalizeText', () => {
  it('runs every rule in order on a cell from the seed', () => {
    const cell = '<li>24.《国家知识产权局印发&lt;关于进一步加强知识产权维权援助工作的指导意見&gt;的通知》</li>';
    expect(normalizeText(cell)).toBe(
      '<li>24.《国家知识产权局印发〈关于进一步加强知识产权维权援助工作的指导意见〉的通知》</li>',
    );
  });

  it('joins OCR-split words before converting them, since OpenCC converts by phrase', () => {
    expect(normalizeText('反 覆')).toBe('反复');
  });

  it('counts each rule that changed the text once', () => {
    const counts: RuleCounts = {};
    normalizeText('  提前下达 ２０２４ 年度 快速确权 and 快速维权  ', ALL_RULES, counts);
    expect(counts).toEqual({ 'width-fold': 1, 'latin-conjunction': 1, 'cjk-space-join': 1, 'whitespace-collapse': 1 });
  });

  it('does not count a rule that left the text unchanged', () => {
    const counts: RuleCounts = {};
    normalizeText('广州市本级', ALL_RULES, counts);
    expect(counts).toEqual({});
  });

  it('adds to the counts across texts', () => {
    const counts: RuleCounts = { 'width-fold': 2 };
    for (const text of ['ＩＰ', '１', 'IP']) normalizeText(text, ALL_RULES, counts);
    expect(counts).toEqual({ 'width-fold': 4 });
  });

  it('applies only the rules it is given, in the given order', () => {
    expect(normalizeText(' ２０２４ 年 ', ['width-fold'])).toBe(' 2024 年 ');
    expect(normalizeText(' ２０２４ 年 ', ['cjk-space-join', 'width-fold'])).toBe(' 2024 年 ');
    expect(normalizeText(' ２０２４ 年 ', ['width-fold', 'cjk-space-join'])).toBe(' 2024年 ');
  });

  it('lists every rule exactly once', () => {
    expect([...ALL_RULES].sort()).toEqual((Object.keys(RULES) as RuleName[]).sort());
  });
});

describe('properties', () => {
  const idempotent = (f: (s: string) => string) => (s: string) => f(f(s)) === f(s);

  it('normalizes to a fixed point on Chinese-like text', () => {
    fc.assert(
      fc.property(
        cjkText,
        idempotent((s) => normalizeText(s)),
      ),
      { numRuns: 5_000 },
    );
  });

  it('normalizes to a fixed point on arbitrary unicode', () => {
    fc.assert(
      fc.property(
        anyUnicode,
        idempotent((s) => normalizeText(s)),
      ),
      { numRuns: 1000 },
    );
  });

  it('keeps each rule idempotent on its own', () => {
    for (const rule of ALL_RULES) {
      fc.assert(fc.property(cjkText, idempotent(RULES[rule])), { numRuns: 1_000 });
    }
  });

  it('never throws, even on lone surrogates, and neither does any rule on its own', () => {
    fc.assert(
      fc.property(anyUtf16, (s) => {
        for (const rule of ALL_RULES) expect(typeof RULES[rule](s)).toBe('string');
        expect(typeof normalizeText(s, ALL_RULES, {})).toBe('string');
      }),
      { numRuns: 1000 },
    );
  });

  // Speed is the benchmark's business; this shows long adversarial input comes back normalized.
  it('handles long adversarial inputs and stays idempotent on them', () => {
    const inputs = [
      `中${' '.repeat(100_000)}a`,
      '"'.repeat(50_000),
      '<中'.repeat(30_000),
      `中${' -'.repeat(50_000)}a`,
      '&amp;'.repeat(20_000),
      `'中${' '.repeat(50_000)}`,
    ];
    for (const input of inputs) {
      const once = normalizeText(input);
      expect(normalizeText(once)).toBe(once);
    }
  });
});
