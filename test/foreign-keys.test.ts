import { describe, expect, it } from 'vitest';
import { dataPackage } from '../src/emit/datapackage.js';
import { Collector } from '../src/findings/context.js';
import { foreignKeysNotHeld } from '../src/validate/keys.js';

const allocations = [{ recipient_code: '' }, { recipient_code: '440100000' }, { recipient_code: '440200000' }];
const targets = [{ recipient_code: '440100000', source_line: 10 }];

describe('foreign keys', () => {
  it('hold when every filled recipient code names a record of the referenced dataset; empty codes refer to nothing', () => {
    const ctx = new Collector();
    const broken = foreignKeysNotHeld(
      {
        allocations,
        targets,
        details: [
          { recipient_code: '', source_line: 3 },
          { recipient_code: '440200000', source_line: 4 },
        ],
        indicators: [{ recipient_code: '440100000', source_line: 11 }],
      },
      ctx,
    );
    expect([...broken]).toEqual([]);
    expect(ctx.findings).toEqual([]);
  });

  it('do not hold when a code names no record: one finding per key, and datapackage.json leaves that key out', () => {
    const ctx = new Collector();
    const indicators = [
      { recipient_code: '440100000', source_line: 11 },
      { recipient_code: '440200000', source_line: 20 },
      { recipient_code: '440200000', source_line: 21 },
    ];
    const broken = foreignKeysNotHeld({ allocations, targets, indicators }, ctx);
    expect([...broken]).toEqual(['indicators(recipient_code)>targets']);
    expect(ctx.findings.map((f) => [f.code, f.source_line, f.actual])).toEqual([
      ['validate/foreign-key-not-held', 20, 'recipient_code=440200000'],
    ]);
    const header = 'recipient_code\r\n';
    const pkg = dataPackage(
      'n',
      't',
      [
        { file: 'indicators.csv', bytes: header.length, sha256: '', bom: false },
        { file: 'citations.csv', bytes: header.length, sha256: '', bom: false },
      ],
      { primary: new Set(), foreign: broken },
    );
    const [ind, cit] = pkg.resources;
    expect(ind?.schema.foreignKeys?.map((fk) => fk.reference.resource)).toEqual(['allocations']);
    expect(cit?.schema.foreignKeys?.map((fk) => fk.reference.resource)).toEqual(['allocations', 'targets']);
  });
});
