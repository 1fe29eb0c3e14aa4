import type { Family } from '../family/spec.js';

/** A budget subject (政府收支分类科目) the body names: its 7-digit code and name. */
export interface BudgetSubject {
  code: string;
  name: string;
}

/** The subjects a notice books its money to: the expenditure (支出功能) subject, and the income subject when written. */
export interface BudgetSubjects {
  expenditure: BudgetSubject | null;
  income: BudgetSubject | null;
}

/** Characters that open or close a quoted subject name. */
const QUOTES = /[“”"「」『』]/u;
/** Characters that end a clause: the kind of a subject is read in its own clause. */
const CLAUSE_END = /[，。；,;：:]/u;

/**
 * The subjects of `列…科目` sentences (family.json `metadata.budgetSubject`: group 1 the code, group
 * 2 the text up to 科目): `支出列 2011409 “知识产权宏观管理”科目`, `支出列“2070307体育场馆”一般公共预算
 * 支出功能科目`, `列2130505生产发展科目`. The name is the quoted text, or all of it when unquoted. A
 * subject whose clause says it is income (`收入列…`, `metadata.incomeSubject`) is the income subject;
 * any other the expenditure subject; the first of each kind counts.
 */
export function readSubjects(body: string, spec: Family['metadata']): BudgetSubjects {
  const pattern = spec.budgetSubject;
  const income = spec.incomeSubject ? spec.incomeSubject : null;
  const found: BudgetSubjects = { expenditure: null, income: null };
  for (const m of body.matchAll(pattern)) {
    const subject = { code: m[1] ?? '', name: subjectName(m[2] ?? '') };
    if (!subject.code || !subject.name) continue;
    const kind = income?.test(clauseBefore(body, m.index)) ? 'income' : 'expenditure';
    found[kind] ??= subject;
    if (found.expenditure && found.income) break;
  }
  return found;
}

/** The quoted name, else the text as written (spaces dropped: a subject name has none). */
function subjectName(tail: string): string {
  const text = tail.replace(/^[\s“"「『]+/u, '');
  const close = QUOTES.exec(text);
  return (close ? text.slice(0, close.index) : text).replace(/\s+/g, '');
}

/** Longest stretch read back for a clause's start. */
const CLAUSE_MAX = 40;

/** The text of the clause before a position: back to the last clause mark, at most CLAUSE_MAX characters. */
function clauseBefore(text: string, at: number): string {
  const from = Math.max(0, at - CLAUSE_MAX);
  const before = text.slice(from, at + 1);
  let start = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    if (CLAUSE_END.test(before[i] ?? '')) {
      start = i + 1;
      break;
    }
  }
  return before.slice(start);
}
