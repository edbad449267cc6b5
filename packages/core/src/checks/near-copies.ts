// Near-copy detection between problems' texts with a shingle index, so the cost grows with text length, not with pairs.

/** A text to compare, by problem seq. */
export interface CopyCandidate {
  seq: number;
  title: string;
  text: string;
}

/** Two problems whose titles are the same or whose texts are near-copies. */
export interface NearCopy {
  left: number;
  right: number;
  field: "title" | "text";
  similarity: number;
  sample: string;
}

const SHINGLE = 3;
const MIN_TEXT = 30;
const MAX_TEXT = 20_000;
// A shingle shared by many problems is boilerplate (加强监督检查…), not evidence of copying.
const MAX_POSTINGS = 8;
const THRESHOLD = 0.8;

// Three UTF-16 units packed into one safe integer (48 bits) make a cheap shingle key.
function shinglesOf(text: string): Set<number> {
  const compact = text.slice(0, MAX_TEXT).replace(/[\s，。；：、,.;:“”"（）()]/g, "");
  const set = new Set<number>();
  for (let i = 0; i + SHINGLE <= compact.length; i++) {
    set.add(compact.charCodeAt(i) * 4294967296 + compact.charCodeAt(i + 1) * 65536 + compact.charCodeAt(i + 2));
  }
  return set;
}

/** Finds pairs of problems with identical titles or near-identical texts (Jaccard similarity of 3-character shingles ≥ 0.8). */
export function findNearCopies(candidates: CopyCandidate[]): NearCopy[] {
  const result: NearCopy[] = [];
  const byTitle = new Map<string, number>();
  for (const candidate of candidates) {
    const title = candidate.title.replace(/\s/g, "");
    if (title.length < 6) continue;
    const first = byTitle.get(title);
    if (first !== undefined) result.push({ left: first, right: candidate.seq, field: "title", similarity: 1, sample: title });
    else byTitle.set(title, candidate.seq);
  }
  const sets = candidates.map((candidate) => (candidate.text.length >= MIN_TEXT ? shinglesOf(candidate.text) : new Set<number>()));
  const postings = new Map<number, number[]>();
  sets.forEach((set, index) => {
    for (const shingle of set) {
      const list = postings.get(shingle);
      if (!list) postings.set(shingle, [index]);
      else if (list.length <= MAX_POSTINGS) list.push(index);
    }
  });
  const shared = new Map<number, number>();
  for (const list of postings.values()) {
    if (list.length < 2 || list.length > MAX_POSTINGS) continue;
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const key = list[a] * 1_000_003 + list[b];
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }
  for (const [key, count] of shared) {
    const a = Math.floor(key / 1_000_003);
    const b = key % 1_000_003;
    const union = sets[a].size + sets[b].size - count;
    const similarity = union > 0 ? count / union : 0;
    if (similarity >= THRESHOLD) {
      result.push({ left: candidates[a].seq, right: candidates[b].seq, field: "text", similarity, sample: candidates[b].text.slice(0, 60) });
    }
  }
  return result.sort((x, y) => x.left - y.left || x.right - y.right);
}
