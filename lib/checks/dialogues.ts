import { NL } from "../layouts/common";
import type { Params } from "../sql/params";
import { duplicatePrompts, emptyPrompts } from "./common";
import { anyPhraseSql, blankSql, KANA_SQL } from "../text/rules";
import { numberSetting, phraseSetting, type CheckSpec, type Settings } from "./types";

/** Phrases of canned and refusing replies, English and Japanese; the user edits the list. */
export const BOILERPLATE = [
  "as an ai language model",
  "as an ai assistant",
  "i do not have emotions",
  "i don't have personal",
  "i do not have personal",
  "i'm sorry, but i cannot",
  "i cannot browse the internet",
  "ai言語モデルとして",
  "aiアシスタントとして",
  "私は感情を持っていません",
  "私には感情がありません",
  "申し訳ありませんが、お答えできません",
];

/** How a dialogue layout holds its turns: their texts, and which of them the assistant wrote. */
export interface Turns {
  /** SQL: the list of turn texts. */
  texts: string;
  /** SQL: the list of the assistant's turn texts. */
  assistant: string;
  /** SQL: the last turn is the user's. */
  endsOnUser: string;
  /** SQL: the first user turn. */
  prompt: string;
}

/** Mixed language: some turns have kana, and some (long enough to tell, with Latin letters) have none. */
const MIXED_MIN = "mixed_min";

export function dialogueChecks(turns: Turns): CheckSpec[] {
  const t = turns.texts;
  return [
    duplicatePrompts(turns.prompt, "opening prompt", "opening prompts"),
    emptyPrompts(turns.prompt, "opening prompt"),
    {
      id: "empty_turn",
      title: "Empty turns",
      reason: "A turn that is empty or only spaces breaks the alternation a chat template expects.",
      predicate: () => `len(list_filter(${t}, x -> ${blankSql("x")})) > 0`,
    },
    {
      id: "ends_on_user",
      title: "Ends on a user turn",
      reason: "A dialogue whose last turn is the user's has no answer to learn from at its end.",
      predicate: () => `coalesce(${turns.endsOnUser}, false)`,
    },
    {
      id: "repeated_turn",
      title: "A turn repeated verbatim",
      reason: "The same text twice in one dialogue is usually a generation loop or a copy error.",
      predicate: () =>
        `len(list_distinct(list_filter(${t}, x -> NOT ${blankSql("x")}))) < len(list_filter(${t}, x -> NOT ${blankSql("x")}))`,
    },
    {
      id: "boilerplate",
      title: "Boilerplate and refusals",
      reason:
        "Replies such as “As an AI language model” or “I do not have emotions” were cleaned out of ultrachat_200k; any left teach the model to hedge.",
      settings: [{ key: "phrases", label: "Phrases (one per line, any case)", kind: "phrases", default: BOILERPLATE }],
      predicate: (_ds, s: Settings, params: Params) =>
        anyPhraseSql(`array_to_string(${turns.assistant}, ${NL})`, phraseSetting(s, "phrases"), params),
    },
    {
      id: "mixed_language",
      title: "Turns in another language",
      reason:
        "Some turns in Japanese and others in English (each long enough to tell) often mark a partial translation or a model switching language.",
      settings: [
        {
          key: MIXED_MIN,
          label: "Shortest turn counted (characters)",
          kind: "number",
          default: 20,
          min: 1,
          max: 1000,
          step: 1,
        },
      ],
      predicate: (_ds, s, params) => {
        const min = params.add(numberSetting(s, MIXED_MIN));
        return (
          `(len(list_filter(${t}, x -> regexp_matches(coalesce(x, ''), '${KANA_SQL}'))) > 0 AND ` +
          `len(list_filter(${t}, x -> length(coalesce(x, '')) >= ${min} AND NOT regexp_matches(coalesce(x, ''), '${KANA_SQL}') ` +
          `AND regexp_matches(x, '[A-Za-z]'))) > 0)`
        );
      },
    },
  ];
}
