import { describe, expect, it } from 'vitest';
import type { AllocationRow } from '../../schemas/allocations.js';
import { buildRecipientIndex, joinRecipient } from '../../src/join/recipients.js';
import { seedFamily } from '../support/family.js';

const item = (name: string, code: string): AllocationRow =>
  ({ recipient_name: name, recipient_code: code, row_type: 'item' }) as AllocationRow;
const index = buildRecipientIndex(
  [
    item('韶关市本级', '440200000'),
    item('连南瑶族自治县', '441826000'),
    item('开平市', '440783000'),
    item('东源县', '441625000'),
  ],
  seedFamily(),
);

describe('joining a local department to its recipient by place', () => {
  it('joins any listed bureau of the province to the place', () => {
    for (const name of [
      '韶关市卫生健康局',
      '韶关市教育局',
      '韶关市科学技术局',
      '韶关市住房和城乡建设局',
      '韶关市农业农村局',
      '韶关市市场监督管理局',
      '韶关市本级',
    ]) {
      expect(joinRecipient(name, index), name).toMatchObject({ code: '440200000', match: 'exact', unlistedBureau: '' });
    }
  });

  it('joins a bureau the list lacks by a declared pattern (…局, …委员会, …中心, …办公室) and names it', () => {
    expect(joinRecipient('东源县退役军人服务中心', index)).toMatchObject({
      code: '441625000',
      match: 'exact',
      unlistedBureau: '退役军人服务中心',
    });
    expect(joinRecipient('韶关市爱国卫生运动委员会', index)).toMatchObject({
      code: '440200000',
      unlistedBureau: '爱国卫生运动委员会',
    });
  });

  it('joins a short place name followed by a bureau as an alias', () => {
    expect(joinRecipient('连南县教育局', index)).toMatchObject({ code: '441826000', match: 'alias' });
    expect(joinRecipient('连南县青少年宫管理中心', index)).toMatchObject({
      code: '441826000',
      match: 'alias',
      unlistedBureau: '青少年宫管理中心',
    });
  });

  it('joins a district named under its city to the district, not the city, when both are recipients', () => {
    const withDistrict = buildRecipientIndex(
      [item('广州市本级', '440100000'), item('黄埔区', '440112000'), item('东莞市', '441900000')],
      seedFamily(),
    );
    expect(joinRecipient('广州市黄埔区市场监督管理局', withDistrict)).toMatchObject({
      code: '440112000',
      match: 'alias',
    });
    expect(joinRecipient('黄埔区市场监督管理局', withDistrict)).toMatchObject({ code: '440112000', match: 'exact' });
    expect(joinRecipient('广州市市场监督管理局', withDistrict)).toMatchObject({ code: '440100000', match: 'exact' });
    expect(joinRecipient('广东省东莞市教育局', withDistrict)).toMatchObject({ code: '441900000', match: 'alias' });
  });

  it('still joins an OCR-garbled bureau by similarity', () => {
    expect(joinRecipient('开平市市市场监', index)).toMatchObject({ code: '440783000', match: 'fuzzy' });
  });

  it('joins nothing when the place is no recipient or what follows fits no pattern', () => {
    expect(joinRecipient('深圳市教育局', index).match).toBe('none');
    expect(joinRecipient('韶关市第一中学', index).match).toBe('none');
  });
});

describe('joining a recipient the allocation tables name without a code (省直单位)', () => {
  const units = buildRecipientIndex(
    [item('中山大学', ''), item('广东省卫生健康委员会', ''), item('广东省教育厅', ''), item('韶关市本级', '440200000')],
    seedFamily(),
  );

  it('joins its name, written alike or spaced apart, and keeps the code empty', () => {
    expect(joinRecipient('中山大学', units)).toMatchObject({ code: '', name: '中山大学', match: 'exact', place: '' });
    expect(joinRecipient('中山 大学', units)).toMatchObject({ name: '中山大学', match: 'exact' });
  });

  it('joins a name that ends like a bureau whole, not by the province it starts with', () => {
    expect(joinRecipient('广东省卫生健康委员会', units)).toMatchObject({
      name: '广东省卫生健康委员会',
      match: 'exact',
    });
    expect(joinRecipient('广东省教育厅', units)).toMatchObject({ name: '广东省教育厅', match: 'exact' });
    expect(joinRecipient('广东省农业农村厅', units).match).toBe('none');
  });

  it('leaves other names and the recipients with codes as they were', () => {
    expect(joinRecipient('中山大学附属第一医院', units).match).toBe('none');
    expect(joinRecipient('韶关市卫生健康局', units)).toMatchObject({ code: '440200000', match: 'exact' });
  });
});
