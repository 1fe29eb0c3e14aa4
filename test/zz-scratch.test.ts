import { it } from 'vitest';
import { extractText } from './support/run.js';
import { smallNotice, detailRows, allocationRows, allocationItem, allocationSubtotal, allocationTotal, ALLOCATION_HEADER, CITIES, targetTable, lineOf } from './support/smallNotice.js';
const [jm, zj] = CITIES as any;
const f = (t: string) => (JSON.parse(extractText(t, 'm').files.get('report.json') as string).findings as any[]).filter((x) => x.severity === 'error').map((x) => [x.code, x.annex, x.source_line, x.recipient_code, x.actual, x.expected, x.message]);
it('x', () => {
  const d = detailRows().map((r) => r.replace('江门市小计\t\t300', '江门市小计\t\t305'));
  let t = smallNotice({ detailRows: d }); console.log('sub', f(t));
  const a = allocationRows().map((r) => (r === allocationItem(zj) ? allocationItem(zj, { amount: '2500000.00' }) : r));
  t = smallNotice({ allocationRows: a }); console.log('item', f(t), lineOf(t, allocationItem(zj, { amount: '2500000.00' })));
  t = smallNotice({ targetLines: [...targetTable(jm, { demand: '330万元' }), ...targetTable(zj)] }); console.log('demand', f(t), lineOf(t, '资金需求\t330万元'));
  const sec = [ALLOCATION_HEADER, allocationTotal('5000001.00'), ['一、江门片区合计', '', '', '', '', '', '', '3000000.00', ''].join('\t'), allocationSubtotal(jm), allocationItem(jm), ['二、湛江片区合计', '', '', '', '', '', '', '2000000.00', ''].join('\t'), allocationSubtotal(zj), allocationItem(zj)];
  t = smallNotice({ allocationRows: sec }); console.log('sections', f(t));
  t = smallNotice({ allocationRows: sec.map((r, i) => (i === 1 ? allocationTotal() : r)) }); console.log('sections ok', f(t));
  const rg = allocationRows().map((r) => (r === allocationItem(jm) ? allocationItem(jm, { code: '440300000' }) : r));
  t = smallNotice({ allocationRows: rg }); console.log('region', (JSON.parse(extractText(t, 'm').files.get('report.json') as string).findings as any[]).map((x) => [x.code, x.severity, x.source_line, x.expected]), lineOf(t, allocationItem(jm, { code: '440300000' })));
});
