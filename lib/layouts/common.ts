import type { PlainRow } from "../engine/types";
import type { ChatMessage } from "../formats/canonical";
import type { ListColumn } from "./spec";

/** Characters of the list preview. */
export const PREVIEW = 240;
export const NL = "chr(10)";

export const contentLengths = (list: string) =>
  `coalesce(list_sum(list_transform(${list}, m -> length(m.content))), 0)`;
export const joined = (list: string, item: string) => `array_to_string(list_transform(${list}, ${item}), ${NL})`;

export const ROW_COLUMN: ListColumn = {
  id: "__row",
  name: "row",
  header: "#",
  title: "row",
  kind: "row",
  width: 64,
  sql: "__row",
};

export const previewColumn = (header: string, title: string): ListColumn => ({
  id: "__preview",
  name: "preview",
  header,
  title,
  kind: "text",
  sql: "__preview",
  highlight: true,
});

export const turnsColumn = (header = "Turns", title = "turns"): ListColumn => ({
  id: "__turns",
  name: "turns",
  header,
  title,
  kind: "count",
  width: 64,
  sql: "__turns",
});

export const charsColumn: ListColumn = {
  id: "__chars",
  name: "chars",
  header: "Chars",
  title: "length in characters",
  kind: "count",
  width: 80,
  sql: "__chars",
  descFirst: true,
};

export const text = (v: unknown) =>
  v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);
export const textOrNull = (v: unknown) => (v === null || v === undefined ? null : text(v));
export const num = (v: unknown) => (v === null || v === undefined || v === "" ? null : Number(v));

export function messages(v: unknown): ChatMessage[] {
  if (!Array.isArray(v)) return [];
  return v.map((m: PlainRow) => ({ role: text(m?.role), content: text(m?.content) }));
}
