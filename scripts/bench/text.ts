/**
 * Benchmark text: prose over a vocabulary of a few thousand made-up words, so it compresses about as
 * much as real chat text (the samples' small vocabulary compresses far better), with the markdown,
 * code and Japanese that real rows carry. Lengths are drawn around a target mean.
 */
import { pick, type Rand } from "../lib/synthetic-text";

const SYLLABLES =
  "ka ri to mo ne sa lu vi den por tal mer qui sol bra ent ion ast gre fol wen chi dra lop nus bel cor fin gal har jun"
    .split(" ")
    .concat("the and of to in is for with that on as it be are by this from or at".split(" "));

function vocabulary(r: Rand, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const n = 1 + Math.floor(r() * 3);
    let w = "";
    for (let i = 0; i < n; i++) w += pick(r, SYLLABLES);
    words.add(w);
  }
  return [...words];
}

const JA = "潮だまり 天然酵母 渡り鳥 堆肥 灯台 氷河 蜂蜜 火山 土壌 温度 時間 気候 観察 大切 方法 理由 説明 確認".split(
  " ",
);

export class BenchText {
  private readonly words: string[];
  private readonly common: string[];
  constructor(private readonly r: Rand) {
    this.words = vocabulary(r, 6000);
    this.common = "the a of to and in is that it for with as on this be are".split(" ");
  }

  /** A length drawn around `mean` (roughly exponential, clipped), at least `min`. */
  length(mean: number, min = 20): number {
    return Math.max(min, Math.round(-Math.log(1 - this.r() * 0.995) * mean));
  }

  private word(): string {
    return this.r() < 0.35 ? pick(this.r, this.common) : pick(this.r, this.words);
  }

  sentence(): string {
    const n = 6 + Math.floor(this.r() * 16);
    const w = Array.from({ length: n }, () => this.word());
    w[0] = w[0]!.charAt(0).toUpperCase() + w[0]!.slice(1);
    return w.join(" ") + (this.r() < 0.1 ? "?" : ".");
  }

  /** Prose of about `chars` characters, in paragraphs, with a list or a code block now and then. */
  prose(chars: number): string {
    const parts: string[] = [];
    let size = 0;
    while (size < chars) {
      const x = this.r();
      let part: string;
      if (x < 0.08 && chars > 600) {
        part = Array.from({ length: 3 + Math.floor(this.r() * 4) }, (_, i) => `${i + 1}. ${this.sentence()}`).join(
          "\n",
        );
      } else if (x < 0.12 && chars > 800) {
        part = "```python\ndef " + this.word() + "(" + this.word() + "):\n    return " + this.word() + " + 1\n```";
      } else {
        // a paragraph of up to five sentences, stopping once the text is long enough
        const sentences: string[] = [];
        const most = 2 + Math.floor(this.r() * 4);
        while (sentences.length < most && size + sentences.join(" ").length < chars) sentences.push(this.sentence());
        part = sentences.join(" ");
      }
      parts.push(part);
      size += part.length + 2;
    }
    return parts.join("\n\n");
  }

  japanese(chars: number): string {
    let s = "";
    while (s.length < chars) s += `${pick(this.r, JA)}は${pick(this.r, JA)}に左右されます。`;
    return s;
  }

  /** Text of about `chars`, Japanese with probability `ja`. */
  text(chars: number, ja = 0): string {
    return this.r() < ja ? this.japanese(Math.ceil(chars / 3)) : this.prose(chars);
  }
}
