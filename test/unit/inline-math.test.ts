import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inlineMathToText, mathText } from '../../src/normalize/rules/inlineMath.js';
import { normalizeText, type RuleCounts } from '../../src/normalize/rules.js';
import { mathAsText } from '../../src/parse/inlineMath.js';
import { Collector } from '../../src/findings/context.js';

describe('inline-math on the values MinerU writes', () => {
  it.each([
    ['$\\geqslant 85\\%$', '≥85%'],
    ['$\\geq 8 5 \\%$', '≥85%'],
    ['$\\ge 85\\%$', '≥85%'],
    ['$\\geqslant 95\\%$且$\\leqslant 100\\%$', '≥95%且≤100%'],
    ['$90\\% - 100\\%$', '90%-100%'],
    ['$\\leqslant -1\\%$', '≤-1%'],
    ['$100\\%$', '100%'],
    ['$&gt; 85\\%$', '>85%'],
    ['$&lt; 5\\%$', '<5%'],
    ['$8 5 . 3$', '85.3'],
    ['$\\neq 0$', '≠0'],
    ['$3 \\times 4$', '3×4'],
    ['$\\pm 5\\%$', '±5%'],
    ['$2 \\sim 3$场', '2~3场'],
    ['$1 \\cdot 5$', '1·5'],
    ['$-20\\,\\%$', '-20%'],
  ])('reads %s as %s', (written, text) => {
    expect(inlineMathToText(written)).toBe(text);
  });

  it('reads text groups as their text, keeping their spaces', () => {
    expect(inlineMathToText('$\\geqslant 0.5 \\text{万亩}$')).toBe('≥0.5万亩');
    expect(inlineMathToText('$\\leq 3000 \\mathrm{元/亩}$')).toBe('≤3000元/亩');
    expect(inlineMathToText('$\\mathrm{kW \\cdot h}$')).toBe('kW · h');
  });

  it('raises and lowers digits of scripts, and keeps other scripts plain', () => {
    expect(inlineMathToText('$\\mathrm{m}^{2}$')).toBe('m²');
    expect(inlineMathToText('$m^2$')).toBe('m²');
    expect(inlineMathToText('$\\mathrm{CO}_{2}$')).toBe('CO₂');
    expect(inlineMathToText('$30^{\\circ}\\mathrm{C}$')).toBe('30°C');
    expect(inlineMathToText('$x^{a}$')).toBe('xa');
  });

  it('reads a formula MinerU writes as <eq> in an HTML cell', () => {
    expect(inlineMathToText('<td><eq>\\geq 85\\%</eq></td>')).toBe('<td>≥85%</td>');
  });

  it('keeps the text around a span as written', () => {
    expect(inlineMathToText('完成率 $\\geqslant 90\\%$ 以上')).toBe('完成率 ≥90% 以上');
    expect(inlineMathToText('$2 0 2 3$ 年')).toBe('2023 年');
  });
});

describe('inline-math leaves dollars that open no math', () => {
  it.each([
    ['a lone dollar', '美元符号$表示'],
    ['two prices', '价格$5 and $10'],
    ['a pair with space inside its ends', '$5 - $10'],
    ['a pair followed by a digit', '$5$0'],
    ['a pair around Chinese', '收费$五元$'],
    ['an escaped dollar', '\\$5 与 \\$6'],
    ['display math', '$$x$$'],
  ])('leaves %s as written', (_name, written) => {
    expect(inlineMathToText(written)).toBe(written);
  });

  it('pairs dollars in order, so a lone dollar before a span leaves that span as written', () => {
    expect(inlineMathToText('a $ b $\\geq 5$')).toBe('a $ b $\\geq 5$');
  });

  it('leaves a span whose text would start an entity or hold a delimiter of its own', () => {
    expect(inlineMathToText('$\\&$lt;')).toBe('$\\&$lt;');
    expect(inlineMathToText('$\\,&lt;eq&gt;$')).toBe('$\\,&lt;eq&gt;$');
  });

  it('writes an escaped dollar inside math as \\$, never as a delimiter', () => {
    expect(mathText('\\$5')).toBe('\\$5');
    expect(inlineMathToText('$\\$5$ 与 $6$')).toBe('\\$5 与 6');
  });
});

describe('inline-math as a counted rule', () => {
  it('counts a text it changed once under its name', () => {
    const counts: RuleCounts = {};
    normalizeText('不少于$\\geq 5$家', undefined, counts);
    normalizeText('不少于5家', undefined, counts);
    expect(counts['inline-math']).toBe(1);
  });

  it('reads every source line before parsing and counts each changed line', () => {
    const ctx = new Collector();
    const source =
      '# 标题\n| 指标 | 值 |\n|---|---|\n| 完成率 | $\\geqslant 85\\%$ |\n| 面积 | $\\geq 0 . 5$万亩 |\n正文$5 and $10';
    const read = mathAsText(source, ctx);
    expect(read.split('\n')).toHaveLength(source.split('\n').length);
    expect(read).toContain('| 完成率 | ≥85% |');
    expect(read).toContain('| 面积 | ≥0.5万亩 |');
    expect(read).toContain('正文$5 and $10');
    expect(ctx.repairs.get('inline-math')).toBe(2);
  });

  it('returns a source without math as the same string and counts nothing', () => {
    const ctx = new Collector();
    const source = '# 标题\n不少于5家';
    expect(mathAsText(source, ctx)).toBe(source);
    expect(ctx.repairs.size).toBe(0);
  });
});

describe('inline-math properties', () => {
  const pieces = fc.constantFrom(
    '$',
    '$',
    '$',
    '\\',
    '\\geqslant',
    '\\leq',
    '\\ge ',
    '\\%',
    '\\$',
    '\\&',
    '\\text{',
    '\\mathrm{',
    '{',
    '}',
    '^',
    '_',
    '8',
    '5',
    ' ',
    '.',
    '-',
    '&gt;',
    '&amp;',
    '&#36;',
    '&#92;',
    '<eq>',
    '</eq>',
    '\\sim',
    '\\,',
    '万亩',
    '元/亩',
    '且',
    'a',
    '\n',
    '\\circ',
    '\\times',
    '~',
    '2',
  );
  const mathy = fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join(''));
  const anyUtf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });

  it('reaches a fixed point in one pass', () => {
    fc.assert(
      fc.property(mathy, (s) => inlineMathToText(inlineMathToText(s)) === inlineMathToText(s)),
      { numRuns: 5000 },
    );
  });

  it('never throws and never writes a backslash outside an escaped dollar', () => {
    fc.assert(
      fc.property(fc.oneof(mathy, anyUtf16), (s) => {
        for (const [, content] of s.matchAll(/\$([^$]*)\$/g)) {
          expect(mathText(content ?? '').replace(/\\\$/g, '')).not.toContain('\\');
        }
        expect(typeof inlineMathToText(s)).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('reads long adversarial runs of what it scans', () => {
    const size = 100_000;
    const inputs = [
      '$'.repeat(size),
      '\\'.repeat(size),
      `$${'{'.repeat(size)}$`,
      `$${'}'.repeat(size)}$`,
      `$${'^'.repeat(size)}1$`,
      `$${'\\geq'.repeat(size / 5)}$`,
      '<eq>'.repeat(size / 4),
      `$${'\\'.repeat(size)}$`,
      `${'\\$'.repeat(size / 2)}`,
      `$\\text{${'a '.repeat(size / 2)}}$`,
    ];
    for (const s of inputs) expect(typeof inlineMathToText(s)).toBe('string');
    expect(inlineMathToText(`$${'\\geq'.repeat(size / 5)}$`)).toBe('≥'.repeat(size / 5));
  });
});
