import type { Engine, PlainRow } from "../engine/types";
import type { ChatMessage, UfCompletion } from "../formats/canonical";
import { rolesFromPosition } from "../formats/normalize";
import { recordQuery, type DatasetRef } from "../sql/list";

export type RecordData =
  | { kind: "dialogue"; row: number; id: string | null; messages: ChatMessage[] }
  | {
      kind: "pair";
      row: number;
      prompt: string;
      chosen: ChatMessage[];
      rejected: ChatMessage[];
      scoreChosen: number | null;
      scoreRejected: number | null;
    }
  | {
      kind: "feedback";
      row: number;
      id: string | null;
      source: string | null;
      instruction: string;
      completions: UfCompletion[];
      correctAnswers: string[];
      incorrectAnswers: string[];
    }
  | { kind: "generic"; row: number; fields: { name: string; value: string }[] };

const text = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));
const textOrNull = (v: unknown) => (v === null || v === undefined ? null : text(v));
const num = (v: unknown) => (v === null || v === undefined || v === "" ? null : Number(v));

function messages(v: unknown): ChatMessage[] {
  if (!Array.isArray(v)) return [];
  return v.map((m: PlainRow) => ({ role: text(m?.role), content: text(m?.content) }));
}

/** Placeholders such as ["None"] carry no answers. */
function answers(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const list = v.map(text).filter((s) => s.trim() !== "");
  return list.length === 1 && list[0] === "None" ? [] : list;
}

export function toRecord(ds: DatasetRef, r: PlainRow): RecordData {
  const row = Number(r.__row);
  switch (ds.layout) {
    case "ultrachat_raw":
      return {
        kind: "dialogue",
        row,
        id: textOrNull(r.id),
        messages: rolesFromPosition(((r.data as unknown[] | null) ?? []).map(text)),
      };
    case "ultrachat_200k":
      return { kind: "dialogue", row, id: textOrNull(r.prompt_id), messages: messages(r.messages) };
    case "ultrafeedback_binarized":
      return {
        kind: "pair",
        row,
        prompt: text(r.prompt),
        chosen: messages(r.chosen),
        rejected: messages(r.rejected),
        scoreChosen: num(r.score_chosen),
        scoreRejected: num(r.score_rejected),
      };
    case "ultrafeedback":
      return {
        kind: "feedback",
        row,
        id: textOrNull(r.id),
        source: textOrNull(r.source),
        instruction: text(r.instruction),
        completions: Array.isArray(r.completions) ? (r.completions as UfCompletion[]) : [],
        correctAnswers: answers(r.correct_answers),
        incorrectAnswers: answers(r.incorrect_answers),
      };
    case "generic":
      return {
        kind: "generic",
        row,
        fields: ds.columns.map((name) => ({ name, value: text(r[name]) })),
      };
  }
}

export async function fetchRecord(engine: Engine, ds: DatasetRef, row: number): Promise<RecordData | null> {
  const q = recordQuery(ds, row);
  const [r] = await engine.query(q.sql, q.params);
  return r ? toRecord(ds, r) : null;
}
