import type { StageContext } from '../findings/context.js';
import { joinCjkSpaces } from './rules.js';

/** A name cell cleaned for output: white space collapsed and OCR spaces inside Chinese joined (counted). */
export function cleanName(text: string, ctx: StageContext): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  const joined = joinCjkSpaces(collapsed);
  if (joined !== collapsed) ctx.count('cjk-space-join');
  return joined;
}

/** A leading numeric code split from the name after it (`440100000 广州市本级`). */
export interface CodeName {
  code: string;
  name: string;
}

const CODE_NAME = /^(\d{3,12})\s*(\S.*)$/su;

/** Split `440100000 广州市本级` into code and name; a cell without a leading code keeps its text as the name. */
export function splitCodeName(text: string): CodeName {
  const match = CODE_NAME.exec(text.trim());
  return match ? { code: match[1] ?? '', name: match[2] ?? '' } : { code: '', name: text.trim() };
}
