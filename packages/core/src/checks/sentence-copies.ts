// Copies at sentence level: a sentence of 20 or more Chinese characters printed (near-)verbatim in two
// different problems. Near-verbatim means equal once punctuation, spaces and figures are set aside
// (a copied sentence often changes only its numbers). One pass over the sentences with a hash map.

/** The text of one problem to compare. */
export interface SentenceSource {
  seq: number;
  text: string;
}

/** A sentence shared by two problems. */
export interface SharedSentence {
  left: number;
  right: number;
  /** The sentence as the later problem prints it. */
  sentence: string;
}

const MIN_HANZI = 20;
const MAX_TEXT = 50_000;

function keyOf(sentence: string): string {
  return sentence.replace(/[\s\d.,，。；;：:、“”"'‘’（）()《》〈〉【】\-—%％]/g, "");
}

/** Finds sentences of ≥ 20 Chinese characters that appear in two different problems (first pair per sentence). */
export function findSharedSentences(sources: SentenceSource[]): SharedSentence[] {
  const firstSeen = new Map<string, number>();
  const reported = new Set<string>();
  const result: SharedSentence[] = [];
  for (const source of sources) {
    const seenHere = new Set<string>();
    for (const raw of source.text.slice(0, MAX_TEXT).split(/[。；;！？!?\n]/)) {
      const sentence = raw.trim().replace(/^[一二三四五六七八九十]{1,3}是|^[（(]?\d{1,2}[）).、．]/, "");
      if (sentence.length < MIN_HANZI) continue;
      let hanzi = 0;
      for (let i = 0; i < sentence.length && hanzi < MIN_HANZI; i++) {
        const code = sentence.charCodeAt(i);
        if (code >= 0x4e00 && code <= 0x9fff) hanzi++;
      }
      if (hanzi < MIN_HANZI) continue;
      const key = keyOf(sentence);
      if (seenHere.has(key)) continue;
      seenHere.add(key);
      const first = firstSeen.get(key);
      if (first === undefined) {
        firstSeen.set(key, source.seq);
        continue;
      }
      // A third copy of the same sentence adds nothing to the first pair.
      if (reported.has(key)) continue;
      reported.add(key);
      result.push({ left: first, right: source.seq, sentence });
      if (result.length >= 200) return result;
    }
  }
  return result;
}
