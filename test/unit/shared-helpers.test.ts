import { describe, expect, it } from 'vitest';
import { foldAnnexLabel } from '../../src/normalize/annexLabel.js';
import { htmlToText, nodeText, stripTags } from '../../src/normalize/markup.js';
import { memoByObject, memoByOwnerAndText, memoByText } from '../../src/normalize/memo.js';
import { byCodeUnits } from '../../src/normalize/order.js';
import { TEXT_RULES, type RuleName } from '../../src/normalize/rules.js';
import {
  foldCompatibility,
  foldDigits,
  foldFullWidthAscii,
  foldNumberForms,
  foldWidth,
} from '../../src/normalize/width.js';
import * as cheerio from 'cheerio/slim';

describe('width folding', () => {
  it('folds full-width ASCII and U+3000 but keeps Chinese prose punctuation', () => {
    expect(foldWidth('１２３．００　ＩＰ（ａ），：；！？')).toBe('123.00 IP（a），：；！？');
  });

  it('leaves what only NFKC would change: circled numerals, ￥, ㎡, 〔〕', () => {
    expect(foldWidth('①㈠￥㎡〔２０２３〕')).toBe('①㈠￥㎡〔2023〕');
  });

  it('folds the whole block, prose punctuation, 〜 and ﹪ included, for quantities', () => {
    expect(foldFullWidthAscii('（１２〜１５）﹪　')).toBe('(12~15)% ');
  });

  it('folds only digits, or only the forms of a number, when asked for those', () => {
    expect(foldDigits('２０２４年，Ａ．')).toBe('2024年，Ａ．');
    expect(foldNumberForms('－１，２３４．５ＡＢ％')).toBe('-1,234.5ＡＢ％');
  });

  it('folds by compatibility (NFKC) where text is only compared', () => {
    expect(foldCompatibility('附件①（㎡）')).toBe('附件1(m2)');
  });
});

describe('annex labels', () => {
  it('reads digits in any width, Chinese numerals and dash forms alike', () => {
    expect(['３－１', '3 — 1', '3_1'].map(foldAnnexLabel)).toEqual(['3-1', '3-1', '3-1']);
    expect(['一', '十', '十二', '二十', '九十九'].map(foldAnnexLabel)).toEqual(['1', '10', '12', '20', '99']);
  });

  it('keeps a malformed Chinese numeral as written instead of guessing a number', () => {
    expect(foldAnnexLabel('二二')).toBe('二二');
  });
});

describe('memos', () => {
  it('computes a text once and starts over when the bound is passed', () => {
    const calls: string[] = [];
    const upper = memoByText((text) => {
      calls.push(text);
      return text.toUpperCase();
    }, 2);
    expect([upper('a'), upper('a'), upper('b'), upper('c'), upper('a')]).toEqual(['A', 'A', 'B', 'C', 'A']);
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });

  it('keeps one answer per object, and per owner and text', () => {
    let objectCalls = 0;
    const size = memoByObject((list: readonly number[]) => (objectCalls++, list.length));
    const list = [1, 2, 3];
    expect([size(list), size(list), size([1])]).toEqual([3, 3, 1]);
    expect(objectCalls).toBe(2);
    const pairs: string[] = [];
    const has = memoByOwnerAndText((owner: readonly string[], text: string) => {
      pairs.push(`${owner.length}:${text}`);
      return owner.includes(text);
    });
    const a = ['x'];
    const b = ['y', 'z'];
    expect([has(a, 'x'), has(a, 'x'), has(b, 'x'), has(b, 'z')]).toEqual([true, true, false, true]);
    expect(pairs).toEqual(['1:x', '2:x', '2:z']);
  });
});

describe('code-unit order', () => {
  it('orders as a plain sort does, upper case before lower and ASCII before ideographs', () => {
    const words = ['b', 'B', 'a', '中', 'A', 'a'];
    expect([...words].sort(byCodeUnits)).toEqual(['A', 'B', 'a', 'a', 'b', '中']);
    expect(byCodeUnits('a', 'a')).toBe(0);
  });
});

describe('markup as text', () => {
  it('reads a cell with entities decoded and <br> and blocks as line breaks', () => {
    expect(htmlToText('<p>甲&amp;乙</p><p>丙<br>丁&nbsp; 戊</p>')).toBe('甲&乙\n丙\n丁 戊');
  });

  it('reads a parsed node flat, as cheerio .text() does, or with its lines', () => {
    const $ = cheerio.load('<td>甲<br/>乙<p>丙</p></td>', { xml: { xmlMode: false } }, false);
    const nodes = $.root().contents().toArray();
    expect(nodeText(nodes)).toBe($.root().text());
    expect(nodeText(nodes)).toBe('甲乙丙');
    expect(nodeText(nodes, true).split('\n').filter(Boolean)).toEqual(['甲', '乙丙']);
  });

  it('strips tags from a line, entities kept as written', () => {
    expect(stripTags('<td>单位：&amp;元</td>')).toBe('单位：&amp;元');
    expect(stripTags('a<b>c</b>', ' ')).toBe('a c ');
  });
});

describe('the declared text rules', () => {
  for (const [name, rule] of Object.entries(TEXT_RULES)) {
    it(`${name}: turns its example into the declared result`, () => {
      expect(rule.apply(rule.before)).toBe(rule.after);
      expect(rule.before).not.toBe(rule.after);
    });
  }

  it('declares every rule once, with what it repairs', () => {
    const names: RuleName[] = Object.keys(TEXT_RULES) as RuleName[];
    expect(new Set(names).size).toBe(8);
    for (const name of names) expect(TEXT_RULES[name].repairs.length).toBeGreaterThan(10);
  });
});

describe('the order the text rules run in', () => {
  it('runs every declared rule exactly once', async () => {
    const { ALL_RULES } = await import('../../src/normalize/rules.js');
    expect([...ALL_RULES].sort()).toEqual(Object.keys(TEXT_RULES).sort());
  });
});
