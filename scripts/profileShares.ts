/**
 * Each stage's share of a V8 CPU profile (`node --cpu-prof`): every sample is charged to the
 * innermost frame that lies in the project's `dist/src/<stage>/` (or `dist/src/<file>.js`), so time
 * spent inside a library counts for the stage that called it. Garbage collection, the program's
 * start-up and idle time are listed on their own.
 */

/** One node of a `.cpuprofile`. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/** The parts of a `.cpuprofile` read here. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A stage and its share of the sampled time (0–1). */
export interface StageShare {
  stage: string;
  share: number;
}

const SPECIAL = new Map([
  ['(garbage collector)', '(garbage collection)'],
  ['(idle)', '(idle)'],
  ['(program)', '(program)'],
]);

/** The stage a frame's script belongs to, or null when it is not the project's own code. */
function stageOf(url: string): string | null {
  const match = /\/dist\/(src|scripts)\/(?:([^/]+)\/)?([^/]+)\.js$/.exec(url);
  if (!match) return null;
  return match[2] ?? `${match[1]}/${match[3]}`;
}

/** Shares of the profile's time by stage, largest first. */
export function stageShares(profile: CpuProfile): StageShare[] {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const owner = new Map<number, string>();
  const ownerOf = (id: number): string => {
    const known = owner.get(id);
    if (known) return known;
    const node = byId.get(id);
    const special = node ? SPECIAL.get(node.callFrame.functionName) : undefined;
    const own = node ? stageOf(node.callFrame.url) : null;
    const up = parent.get(id);
    const stage = special ?? own ?? (up === undefined ? '(libraries, start-up)' : ownerOf(up));
    owner.set(id, stage);
    return stage;
  };
  const time = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const stage = ownerOf(id);
    time.set(stage, (time.get(stage) ?? 0) + delta);
    total += delta;
  });
  return [...time]
    .map(([stage, t]) => ({ stage, share: total > 0 ? t / total : 0 }))
    .sort((a, b) => b.share - a.share || a.stage.localeCompare(b.stage));
}
