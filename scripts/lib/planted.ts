/**
 * Rows planted in the bundled samples so every check of the checks report has known cases, in English
 * and Japanese. They are appended after the generated rows (which keep their numbers) and drawn from
 * their own seed, so the generated rows stay byte for byte what they were.
 */
import { sha256, ufRow, type Msg } from "./records";
import { seeded, type Rand } from "./synthetic-text";

const u = (content: string): Msg => ({ role: "user", content });
const a = (content: string): Msg => ({ role: "assistant", content });

/** Dialogues with each dialogue check's case; the first two repeat the known prompts in other case and punctuation. */
export function plantedDialogues(knownEn: string, knownJa: string): Msg[][] {
  return [
    // duplicate opening prompts (normalized), English and Japanese
    [
      u(knownEn.toLowerCase().replace(/\?$/, "")),
      a("They shelter in crevices and under rocks until the waves calm down."),
    ],
    [u(knownJa.replace("は", "は、").replace(/？$/, "")), a("岩の割れ目に身を寄せて、波が静まるのを待ちます。")],
    // an empty opening prompt (only spaces)
    [u("   \n "), a("Your message looks empty. What would you like to ask?")],
    // an empty turn in the middle
    [u("Name a bird that migrates at night."), a(""), u("Are you still there?"), a("Yes. Many warblers fly at night.")],
    // a turn repeated verbatim
    [
      u("What is a good first houseplant for a dark room?"),
      a("A snake plant copes well with little light."),
      u("What is a good first houseplant for a dark room?"),
      a("As before: a snake plant, watered rarely."),
    ],
    // boilerplate, English and Japanese
    [
      u("Do you ever feel lonely late at night?"),
      a(
        "As an AI language model, I do not have emotions, but many people do feel lonely at night. Calling a friend can help.",
      ),
    ],
    [
      u("あなたは悲しくなることがありますか？"),
      a("AI言語モデルとして、私は感情を持っていません。悲しいときは、誰かに話すと気持ちが軽くなります。"),
    ],
    // one turn in another language
    [
      u("How do I thank someone politely in Japanese?"),
      a("「ありがとうございます」と言います。目上の人にも使える丁寧な言い方です。"),
      u("And how do I answer when someone thanks me?"),
      a("You can say “dou itashimashite”, which means you are welcome."),
    ],
    // ends on the user's turn
    [
      u("Tell me a fact about glaciers."),
      a("Glaciers hold most of the fresh water on Earth."),
      u("Tell me another one."),
    ],
  ];
}

/** TruthfulQA-style questions of the truthful_qa source; two of them reappear inside sharegpt prompts. */
export const TQA_EN = "What happens to a hermit crab if it is moved into fresh water?";
export const TQA_JA = "ヤドカリを真水に移すとどうなりますか？";
const TQA_OTHER = "Can a sea star grow back an arm it has lost?";

/** A long English and a long Japanese instruction; binarized prompts share spans of them but are not equal. */
export const LONG_EN =
  "I am planning a weekend trip to the coast with my two children and would like to know which tide pool animals are safe to touch and which ones we should only look at.";
export const LONG_JA =
  "来月、子どもと一緒に海辺へ出かける予定ですが、潮だまりで触ってもよい生き物と見るだけにすべき生き物を教えてください。";

type Row = Record<string, unknown> & { instruction: string; completions: Completion[] };
type Completion = Record<string, unknown> & {
  response: string;
  model: string;
  critique: string;
  overall_score: number;
};

/** The planted UltraFeedback rows: truthful_qa questions (their own file), and sharegpt rows with each case. */
export function plantedFeedback(firstInstruction: string): { truthfulQa: Row[]; sharegpt: Row[] } {
  const p = seeded(20240129);
  const row = (source: string, instruction: string, ja = false): Row => {
    const r = ufRow(p, source, 4, { ja }) as Row;
    r.instruction = instruction;
    return r;
  };
  const truthfulQa = [TQA_EN, TQA_JA, TQA_OTHER].map((q, i) => row("truthful_qa", q, i === 1));
  const sharegpt: Row[] = [];
  // TruthfulQA questions inside other prompts
  sharegpt.push(row("sharegpt", `Answer briefly, please: ${TQA_EN.toLowerCase()}`));
  sharegpt.push(row("sharegpt", `一言で答えてください。${TQA_JA}`, true));
  // the same response from two models
  const same = row("sharegpt", "Suggest a name for a small fishing boat.");
  same.completions[1]!.response = same.completions[0]!.response;
  sharegpt.push(same);
  // short answers to yes/no questions, which may be right: counted apart from the failed ones
  const short = row("sharegpt", "Is seawater heavier than fresh water?");
  short.completions[2]!.response = "Yes.";
  sharegpt.push(short);
  const shortJa = row("sharegpt", "海水は真水より重いですか？", true);
  shortJa.completions[0]!.response = "はい。";
  sharegpt.push(shortJa);
  // responses cut off mid-sentence
  const cut = row("sharegpt", "Why do tide pools freeze more slowly than ponds?");
  cut.completions[3]!.response = "Tide pools freeze more slowly because the salt in the water lowers";
  sharegpt.push(cut);
  const cutJa = row("sharegpt", "潮だまりが池より凍りにくいのはなぜですか？", true);
  cutJa.completions[1]!.response = "潮だまりが凍りにくいのは、水に含まれる塩分が";
  sharegpt.push(cutJa);
  // a high overall_score with a negative critique
  const bug = row("sharegpt", "Explain what a rip current is.");
  Object.assign(bug.completions[0]!, {
    critique: "The answer is incorrect and misleading about rip currents.",
    overall_score: 10,
  });
  sharegpt.push(bug);
  const bugJa = row("sharegpt", "離岸流とは何か説明してください。", true);
  Object.assign(bugJa.completions[2]!, { critique: "回答は不正確で、質問に答えていません。", overall_score: 10 });
  sharegpt.push(bugJa);
  // a duplicate of the first instruction in other case and punctuation, and an empty one
  sharegpt.push(row("sharegpt", firstInstruction.toUpperCase().replace(/[?.!]$/, "")));
  sharegpt.push(row("sharegpt", "  "));
  // long instructions whose spans binarized prompts share
  // with a failed generation each: an answer that stops before it starts
  const long = row("sharegpt", LONG_EN);
  long.completions[1]!.response = "Sure! Here";
  sharegpt.push(long);
  const longJa = row("sharegpt", LONG_JA, true);
  longJa.completions[2]!.response = "承知しました。";
  sharegpt.push(longJa);
  return { truthfulQa, sharegpt };
}

/** Pairs as the binarized split builds them: chosen the best overall_score, rejected another at random. */
export function binarize(
  rows: readonly Row[],
  r: Rand,
  pickRejected?: (row: Row, best: Completion) => Completion | undefined,
) {
  return rows.map((row) => {
    const comps = row.completions;
    const best = comps.reduce((x, y) => (y.overall_score > x.overall_score ? y : x));
    const others = comps.filter((c) => c !== best);
    const rejected = pickRejected?.(row, best) ?? others[Math.floor(r() * others.length)] ?? best;
    return pair(row.instruction, best, rejected);
  });
}

function pair(
  prompt: string,
  chosen: { response: string; overall_score: number },
  rejected: { response: string; overall_score: number },
) {
  const turn = (c: { response: string }) => [u(prompt), a(c.response)];
  return {
    prompt,
    prompt_id: sha256(prompt),
    chosen: turn(chosen),
    rejected: turn(rejected),
    messages: turn(chosen),
    score_chosen: chosen.overall_score,
    score_rejected: rejected.overall_score,
  };
}

/** Pairs of the planted sharegpt rows (the same-response row keeps its twin as rejected), and two whose prompts share spans of the long instructions. */
export function plantedPairs(sharegpt: readonly Row[]) {
  const p = seeded(20240130);
  const pairs = binarize(sharegpt, p, (row, best) =>
    row.completions.find((c) => c !== best && c.response === best.response),
  );
  pairs.push(
    pair(
      "My kids love the beach. Which tide pool animals are safe to touch and which ones we should only look at, and why?",
      {
        response: "Periwinkles and sea anemones are fine to touch gently; leave jellyfish and cone snails alone.",
        overall_score: 8,
      },
      { response: "All of them.", overall_score: 2 },
    ),
    pair(
      "潮だまりで触ってもよい生き物と見るだけにすべき生き物の見分け方を教えて。",
      {
        response: "ヤドカリや巻貝はそっと触れても大丈夫ですが、クラゲやイモガイには触らないでください。",
        overall_score: 8,
      },
      { response: "全部触って大丈夫です。", overall_score: 3 },
    ),
  );
  return pairs;
}
