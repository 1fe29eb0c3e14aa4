import { makeFinding, type Finding, type FindingInput } from './finding.js';

/** What every stage receives besides its input: a way to report findings and count repairs. */
export interface StageContext {
  /** Record a deviation. */
  report(input: FindingInput): void;
  /** Count one application of a routine repair rule (joined cells, width folding, ...). */
  count(rule: string, by?: number): void;
}

/** A context that collects findings and repair counts in memory. */
export class Collector implements StageContext {
  /** Findings in the order they were reported. */
  readonly findings: Finding[] = [];
  /** How often each routine repair rule fired. */
  readonly repairs = new Map<string, number>();

  report(input: FindingInput): void {
    this.findings.push(makeFinding(input));
  }

  count(rule: string, by = 1): void {
    this.repairs.set(rule, (this.repairs.get(rule) ?? 0) + by);
  }
}
