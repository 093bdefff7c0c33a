import type { LayoutId } from "../types";
import { dialogueChecks } from "./dialogues";
import { feedbackChecks } from "./feedback";
import { checkField } from "./field";
import { genericChecks } from "./generic";
import { pairChecks } from "./pairs";
import type { CheckSpec } from "./types";

/** The checks of each layout, in the order the report lists them. */
export const CHECKS: Record<LayoutId, CheckSpec[]> = {
  ultrafeedback: feedbackChecks,
  ultrafeedback_binarized: pairChecks,
  ultrachat_200k: dialogueChecks({
    texts: "list_transform(messages, m -> m.content)",
    assistant: "list_transform(list_filter(messages, m -> m.role = 'assistant'), m -> m.content)",
    endsOnUser: "messages[-1].role = 'user'",
    prompt: "list_filter(messages, m -> m.role = 'user')[1].content",
  }),
  ultrachat_raw: dialogueChecks({
    // Roles by position: the user opens, turns alternate.
    texts: "data",
    assistant: "list_filter(data, (x, i) -> i % 2 = 0)",
    endsOnUser: "len(data) % 2 = 1",
    prompt: "data[1]",
  }),
  generic: genericChecks,
};

export const checksOf = (layout: LayoutId): CheckSpec[] => CHECKS[layout] ?? [];

const ALL = Object.values(CHECKS).flat();

/** The title of a check, by its name in links. */
export const checkTitle = (id: string) => ALL.find((c) => c.id === id)?.title ?? id.replace(/_/g, " ");

/** The filter of a check line: one field for every layout, reading the checks of the dataset's. */
export const CHECK_FIELD = checkField(checksOf, new Set(ALL.map((c) => c.id)), checkTitle);
