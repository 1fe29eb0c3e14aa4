import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { Collector } from '../../src/findings/context.js';
import { checkAcrossKinds, type RecipientAmount } from '../../src/reconcile/cross.js';

/** One amount of a recipient. */
const amount = (annex: string, code: string, yuan: number, line: number): RecipientAmount => ({
  annex,
  recipient_code: code,
  key: code,
  name: `recipient ${code}`,
  yuan: new Decimal(yuan),
  line,
});

describe('a recipient of the allocation tables without a target table', () => {
  it('is no error when the allocation tables give it 0, and is said', () => {
    const ctx = new Collector();
    checkAcrossKinds(
      {
        allocation: [amount('1', '440200000', 100, 10), amount('1', '440281000', 0, 11)],
        targets: [amount('2', '440200000', 100, 40)],
      },
      ctx,
    );
    expect(ctx.findings.map((f) => [f.code, f.severity, f.recipient_code])).toEqual([
      ['reconcile/recipient-missing-nil', 'info', '440281000'],
    ]);
  });

  it('is an error when they give it money', () => {
    const ctx = new Collector();
    checkAcrossKinds(
      {
        allocation: [amount('1', '440200000', 100, 10), amount('1', '440281000', 50, 11)],
        targets: [amount('2', '440200000', 100, 40)],
      },
      ctx,
    );
    expect(ctx.findings.map((f) => [f.code, f.severity])).toEqual([['reconcile/recipient-missing', 'error']]);
  });
});
