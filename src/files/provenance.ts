import type { Provenance } from './blocks.js';

/** The provenance fields of a record, as the datasets write them. */
// A type, not an interface: records are passed where any string-keyed record is taken.
export type Placed = {
  source_file: string;
  source_ref: string;
};

/**
 * Records with the file and place their source line came from (an assembled notice folder), or
 * both empty for a notice given as one file, whose `source_line` already is the place.
 */
export function placeRecords<T extends { source_line: number }>(
  records: readonly T[],
  places: readonly (Provenance | null)[] | null,
): (T & Placed)[] {
  return records.map((r) => {
    const place = places?.[r.source_line - 1] ?? null;
    return { ...r, source_file: place?.file ?? '', source_ref: place?.ref ?? '' };
  });
}
