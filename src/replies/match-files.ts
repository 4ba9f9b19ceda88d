/**
 * Which deliverable each file of a reply answers. Files answer document
 * deliverables only; a file whose name shares words with a deliverable's
 * title goes to it (the best match first), the rest go in order to the
 * deliverables still open, first file to first deliverable.
 */
export interface OpenDeliverable {
  id: string;
  title: string;
}

const words = (text: string): Set<string> =>
  new Set(
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 3 || /\p{Script=Han}/u.test(w)),
  );

/** How many words of the title the file name has (its extension left out). */
export function titleScore(fileName: string, title: string): number {
  const name = words(fileName.replace(/\.[^.]+$/, ''));
  return [...words(title)].filter((w) => name.has(w)).length;
}

/** Pairs file indexes with deliverables; files left over answer nothing. */
export function matchFiles<F extends { name: string }>(
  files: readonly F[],
  open: readonly OpenDeliverable[],
): { pairs: { file: F; deliverable: OpenDeliverable }[]; left: F[] } {
  const scored = files
    .flatMap((file, f) =>
      open.map((deliverable, d) => ({ f, d, score: titleScore(file.name, deliverable.title) })),
    )
    .filter((s) => s.score > 0)
    // Best match first; among equals, the earlier file and the earlier deliverable.
    .sort((a, b) => b.score - a.score || a.f - b.f || a.d - b.d);
  const fileTaken = new Set<number>();
  const deliverableTaken = new Set<number>();
  const pairs: { f: number; d: number }[] = [];
  for (const s of scored) {
    if (fileTaken.has(s.f) || deliverableTaken.has(s.d)) continue;
    fileTaken.add(s.f);
    deliverableTaken.add(s.d);
    pairs.push(s);
  }
  let next = 0;
  files.forEach((_, f) => {
    if (fileTaken.has(f)) return;
    while (next < open.length && deliverableTaken.has(next)) next += 1;
    if (next >= open.length) return;
    fileTaken.add(f);
    deliverableTaken.add(next);
    pairs.push({ f, d: next });
  });
  return {
    pairs: pairs
      .sort((a, b) => a.f - b.f)
      .map((p) => ({ file: files[p.f]!, deliverable: open[p.d]! })),
    left: files.filter((_, f) => !fileTaken.has(f)),
  };
}
