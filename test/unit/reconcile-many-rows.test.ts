import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { Collector } from '../../src/findings/context.js';
import { checkAcrossKinds, type RecipientAmount } from '../../src/reconcile/cross.js';

/** `n` rows of one recipient from line `from` on, 100 元 each. */
function rows(n: number, from: number): RecipientAmount[] {
  return Array.from({ length: n }, (_, i) => ({
    annex: '2',
    recipient_code: '440100000',
    key: '440100000',
    name: '广州市本级',
    yuan: new Decimal(100),
    line: from + i,
  }));
}

describe('a mismatch of a recipient with many rows', () => {
  it('names its first ten lines and how many there are, and every line when there are ten or fewer', () => {
    const ctx = new Collector();
    // Made as they are read: the amounts may be a one-pass iterable.
    function* detail(): Generator<RecipientAmount> {
      yield* rows(25, 200);
    }
    checkAcrossKinds({ allocation: rows(3, 10), detail: detail() }, ctx);
    const [finding] = ctx.findings;
    expect(finding?.code).toBe('reconcile/detail-vs-allocation');
    expect([finding?.actual, finding?.expected]).toEqual(['2500.00 元', '300.00 元']);
    expect(finding?.message).toContain('(lines 200、201、202、203、204、205、206、207、208、209…（共 25 行）)');
    expect(finding?.message).toContain('(lines 10、11、12)');
  });
});
