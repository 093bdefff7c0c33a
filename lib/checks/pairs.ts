import { ident } from "../sql/ident";
import { fmt } from "../text/format";
import { duplicatePrompts, emptyPrompts } from "./common";
import type { CheckSpec } from "./types";

/** The answer turns of one side of a pair, as a list of texts. */
const answers = (side: string) => `list_transform(list_filter(${side}, m -> m.role = 'assistant'), m -> m.content)`;

export const pairChecks: CheckSpec[] = [
  duplicatePrompts("prompt", "prompt", "prompts"),
  emptyPrompts("prompt", "prompt"),
  {
    id: "tie",
    title: "Ties",
    reason:
      "When score_chosen equals score_rejected the pair states no preference: the rejected answer was drawn at random from the rest.",
    predicate: () => "score_chosen = score_rejected",
  },
  {
    id: "same_text",
    title: "Chosen answer equals rejected",
    reason: "A pair whose two answers are the same text pushes the model both ways at once.",
    predicate: () => `${answers("chosen")} = ${answers("rejected")}`,
  },
  {
    id: "chosen_shorter",
    title: "Chosen answer shorter than rejected",
    reason:
      "Preference labels tend to favour longer answers; the share of pairs where the chosen one is longer measures that bias.",
    predicate: () => "__chosen_chars < __rejected_chars",
    statistic: true,
    detail: {
      sql: (ds) =>
        `SELECT count(*) FILTER (WHERE __chosen_chars > __rejected_chars) AS longer, count(*) AS n FROM ${ident(ds.table)}`,
      text: (r) =>
        Number(r.n) > 0
          ? `chosen is the longer answer in ${((100 * Number(r.longer)) / Number(r.n)).toFixed(1)}% of pairs (${fmt(Number(r.longer))})`
          : null,
    },
  },
];
