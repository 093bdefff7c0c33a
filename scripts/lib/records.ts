import { createHash } from "node:crypto";
import {
  EN_SUBJECTS,
  HOSTILE_TEXT,
  JA_SUBJECTS,
  LITERAL_ESCAPE,
  between,
  enAnswer,
  enQuestion,
  jaAnswer,
  jaQuestion,
  longAnswer,
  pick,
  type Rand,
} from "./synthetic-text";

export const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

export const MODELS = [
  "gpt-4",
  "gpt-3.5-turbo",
  "bard",
  "llama-2-70b-chat",
  "llama-2-13b-chat",
  "llama-2-7b-chat",
  "wizardlm-70b",
  "wizardlm-13b",
  "wizardlm-7b",
  "vicuna-33b",
  "ultralm-65b",
  "ultralm-13b",
  "alpaca-7b",
  "pythia-12b",
  "falcon-40b-instruct",
  "starchat",
  "mpt-30b-chat",
];
const PRINCIPLES = ["helpfulness", "honesty", "truthfulness", "verbalized_calibration"];

export interface Msg {
  content: string;
  role: string;
}

/** A dialogue of `turns` messages alternating user/assistant; `ja` makes it Japanese. */
export function dialogue(r: Rand, turns: number, ja: boolean, first?: string): Msg[] {
  const out: Msg[] = [];
  const subject = ja ? pick(r, JA_SUBJECTS) : pick(r, EN_SUBJECTS);
  for (let i = 0; i < turns; i++) {
    const user = i % 2 === 0;
    const content =
      i === 0 && first
        ? first
        : user
          ? ja
            ? jaQuestion(r, subject)
            : enQuestion(r, subject)
          : ja
            ? jaAnswer(r, subject)
            : enAnswer(r, subject);
    out.push({ content, role: user ? "user" : "assistant" });
  }
  return out;
}

/** Special dialogues every sample carries, so views meet each oddity. */
export function oddDialogues(r: Rand): Msg[][] {
  return [
    [
      { role: "user", content: "Please repeat this text exactly: " + HOSTILE_TEXT },
      { role: "assistant", content: "Here it is, unchanged:\n\n" + HOSTILE_TEXT },
    ],
    [
      { role: "user", content: "Give me one tip for a calm morning." },
      { role: "assistant", content: LITERAL_ESCAPE + " Start with a glass of water." },
    ],
    [
      { role: "user", content: "Write a very detailed essay about compost heaps." },
      { role: "assistant", content: longAnswer(r, "compost heaps") },
    ],
    dialogue(r, 24, false, "Let's have a long conversation about lighthouse lenses, one question at a time."),
    // a generation prompt: the last message is the user's
    [{ role: "user", content: "What should a first-time visitor to a tide pool bring along?" }],
  ];
}

export interface Annotation {
  Rating: string;
  Rationale: string;
  Type?: string[];
  "Rationale For Rating"?: string;
}

function rating(r: Rand, naChance: number): string {
  const x = r();
  if (x < naChance) return "N/A";
  if (x < naChance + 0.01) return "0";
  return String(between(r, 1, 5));
}

export function ufCompletion(r: Rand, model: string, subject: string, ja: boolean, legacy: boolean, bug: boolean) {
  const aspects: Record<string, Annotation> = {
    instruction_following: { Rating: rating(r, 0.01), Rationale: "The text follows most of the instruction." },
    honesty: { Rating: rating(r, 0.08), Rationale: "The answer states its confidence where it is unsure." },
    truthfulness: {
      Type: r() < 0.6 ? ["0"] : ["1", "2"].slice(0, between(r, 1, 2)),
      Rationale: "Some details cannot be checked.",
      Rating: rating(r, 0.01),
      "Rationale For Rating": "Mostly accurate with a minor slip.",
    },
    helpfulness: {
      Type: ["1", "2", "3"].slice(0, between(r, 1, 3)),
      Rationale: "The answer is clear and relevant.",
      Rating: rating(r, 0.01),
      "Rationale For Rating": "Useful, though it could be more specific.",
    },
  };
  const numbers = Object.values(aspects)
    .map((x) => Number(x.Rating))
    .filter((n) => Number.isFinite(n));
  const fine = numbers.length ? numbers.reduce((s, n) => s + n, 0) / numbers.length : null;
  const principle = pick(r, PRINCIPLES);
  const base = {
    model,
    principle,
    custom_system_prompt: `As an assistant guided by ${principle}, answer carefully and say when you are unsure.`,
    response: ja ? jaAnswer(r, subject) : enAnswer(r, subject),
  };
  if (legacy) {
    return { ...base, annotations: Object.fromEntries(Object.entries(aspects).map(([k, v]) => [k, [v]])) };
  }
  const critique = bug
    ? "The answer is wrong in several places and ignores the question."
    : "Mostly helpful; tighten the second paragraph and cite a source.";
  // overall_score comes from a separate critique prompt: near twice the fine-grained mean, often off by a point or two.
  const drift = (r() + r() + r() - 1.5) * 3;
  const overall = bug ? 10 : Math.min(10, Math.max(1, Math.round((fine ?? 3) * 2 + drift)));
  return { ...base, annotations: aspects, critique, overall_score: overall, "fine-grained_score": fine };
}

export function ufRow(r: Rand, source: string, n: number, opts: { legacy?: boolean; ja?: boolean; id?: string }) {
  const pool = [...MODELS];
  const models = Array.from({ length: 4 }, () => pool.splice(Math.floor(r() * pool.length), 1)[0] as string);
  const ja = opts.ja ?? false;
  const subject = ja ? pick(r, JA_SUBJECTS) : pick(r, EN_SUBJECTS);
  const completions = models.slice(0, n).map((m) => ufCompletion(r, m, subject, ja, opts.legacy ?? false, r() < 0.05));
  const row: Record<string, unknown> = {
    source,
    instruction: ja ? jaQuestion(r, subject) : enQuestion(r, subject),
    models,
    correct_answers: ["None"],
    incorrect_answers: ["None"],
    completions,
  };
  if (opts.legacy) return { source, id: opts.id, ...row };
  return row;
}
