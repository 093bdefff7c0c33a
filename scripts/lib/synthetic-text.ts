/** Synthetic English and Japanese text of the shapes found in chat data: questions, paragraphs, lists, code, tables. */

export type Rand = () => number;

export function seeded(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
export const between = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

export const EN_SUBJECTS = [
  "tide pools",
  "sourdough starters",
  "binary search trees",
  "solar panels",
  "Roman aqueducts",
  "migratory birds",
  "compost heaps",
  "jazz chord progressions",
  "lighthouse lenses",
  "honeybee colonies",
  "volcanic soil",
  "paper airplanes",
  "database indexes",
  "mountain glaciers",
  "violin varnish",
];
const EN_NOUNS = [
  "temperature",
  "timing",
  "patience",
  "the local climate",
  "careful measurement",
  "a steady supply of water",
  "the right tools",
  "regular maintenance",
  "good documentation",
  "the surrounding ecosystem",
  "small experiments",
];
const EN_VERBS = ["survive the winter", "get started", "fail", "improve over time", "scale up", "stay healthy"];
const EN_OPENERS = [
  "Great question.",
  "Here is a short overview.",
  "Let me break this down.",
  "Sure, happy to help.",
  "There are a few things to keep in mind.",
];

export const JA_SUBJECTS = [
  "潮だまり",
  "天然酵母",
  "太陽光パネル",
  "渡り鳥",
  "堆肥",
  "灯台のレンズ",
  "ミツバチの群れ",
  "火山灰の土壌",
];
const JA_NOUNS = ["気温", "タイミング", "根気", "地域の気候", "丁寧な測定", "十分な水", "適切な道具", "定期的な手入れ"];

export function enQuestion(r: Rand, subject = pick(r, EN_SUBJECTS)): string {
  const forms = [
    `How do ${subject} ${pick(r, EN_VERBS)}?`,
    `What is the best way to explain ${subject} to a beginner?`,
    `Can you compare ${subject} with ${pick(r, EN_SUBJECTS)} in a few sentences?`,
    `Write a short guide about ${subject}, with a list of steps.`,
    `Why do people say that ${subject} depend on ${pick(r, EN_NOUNS)}?`,
  ];
  return pick(r, forms);
}

export function enSentence(r: Rand, subject = pick(r, EN_SUBJECTS)): string {
  const forms = [
    `${cap(subject)} depend on ${pick(r, EN_NOUNS)} more than most people expect.`,
    `A common mistake is to ignore ${pick(r, EN_NOUNS)} when you try to ${pick(r, EN_VERBS).split(" ")[0]} them.`,
    `In practice, ${subject} reward ${pick(r, EN_NOUNS)} and punish shortcuts.`,
    `Most guides agree that ${pick(r, EN_NOUNS)} matters, but few explain why.`,
    `If you only remember one thing, remember ${pick(r, EN_NOUNS)}.`,
  ];
  return pick(r, forms);
}

export function enParagraph(r: Rand, subject?: string, sentences = between(r, 2, 5)): string {
  return Array.from({ length: sentences }, () => enSentence(r, subject)).join(" ");
}

export function enAnswer(r: Rand, subject = pick(r, EN_SUBJECTS)): string {
  const parts = [pick(r, EN_OPENERS) + " " + enParagraph(r, subject)];
  const extra = r();
  if (extra < 0.3) {
    parts.push(
      ["Steps:", ...Array.from({ length: between(r, 3, 5) }, (_, i) => `${i + 1}. ${enSentence(r, subject)}`)].join(
        "\n",
      ),
    );
  } else if (extra < 0.5) {
    parts.push(
      [
        "Key points:",
        ...Array.from({ length: between(r, 2, 4) }, () => `- **${cap(pick(r, EN_NOUNS))}**: ${enSentence(r)}`),
      ].join("\n"),
    );
  } else if (extra < 0.65) {
    parts.push(
      "```python\ndef check(values):\n    # keep only measured values\n    return [v for v in values if v is not None]\n```",
    );
  } else if (extra < 0.75) {
    parts.push(
      "| factor | effect |\n|---|---|\n| " + pick(r, EN_NOUNS) + " | strong |\n| " + pick(r, EN_NOUNS) + " | mild |",
    );
  }
  parts.push(enParagraph(r, subject, between(r, 1, 3)));
  return parts.join("\n\n");
}

export function jaQuestion(r: Rand, subject = pick(r, JA_SUBJECTS)): string {
  const forms = [
    `${subject}について初心者にもわかるように説明してください。`,
    `${subject}を長持ちさせるこつは何ですか？`,
    `${subject}と${pick(r, JA_SUBJECTS)}の違いを教えてください。`,
  ];
  return pick(r, forms);
}

export function jaSentence(r: Rand, subject = pick(r, JA_SUBJECTS)): string {
  const forms = [
    `${subject}は${pick(r, JA_NOUNS)}に大きく左右されます。`,
    `よくある間違いは${pick(r, JA_NOUNS)}を軽く見ることです。`,
    `実際には、${subject}を観察すると${pick(r, JA_NOUNS)}の大切さがわかります。`,
    `まずは${pick(r, JA_NOUNS)}から確かめるとよいでしょう。`,
  ];
  return pick(r, forms);
}

export function jaAnswer(r: Rand, subject = pick(r, JA_SUBJECTS)): string {
  const body = Array.from({ length: between(r, 2, 4) }, () => jaSentence(r, subject)).join("");
  const list =
    r() < 0.4 ? "\n\n" + Array.from({ length: 3 }, (_, i) => `${i + 1}. ${jaSentence(r, subject)}`).join("\n") : "";
  return body + list;
}

/** A long answer (over 10,000 characters) of numbered sections. */
export function longAnswer(r: Rand, subject = pick(r, EN_SUBJECTS)): string {
  const sections: string[] = [];
  for (let i = 1; sections.join("\n\n").length < 12000; i++) {
    sections.push(`## Part ${i}\n\n${enParagraph(r, subject, 6)}`);
  }
  return sections.join("\n\n");
}

export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Text that must be shown, never run or parsed: markup, script, a javascript: link, SQL. */
export const HOSTILE_TEXT =
  'Try this: <script>window.__xss = 1</script> and <img src=x onerror="window.__xss = 2"> ' +
  "or [click here](javascript:window.__xss=3). Also Robert'); DROP TABLE messages;-- 100% off_sale C:\\temp\\new";

/** Six characters of escape text, as they appear literally in some published answers. */
export const LITERAL_ESCAPE = "Don\\u2019t rush the first step.";
