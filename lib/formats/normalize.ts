import type {
  AspectAnnotation,
  BinarizedRow,
  ChatMessage,
  UfCompletion,
  UfRow,
  UltraChat200kRow,
  UltraChatRawRow,
} from "./canonical";
import { ASPECTS, NUMBER_TEXT, numberOf } from "./ratings";

/** A record that does not fit its layout; `field` names where. */
export class RecordShapeError extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}

type Json = Record<string, unknown>;

function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** A score as a number: NaN and the infinities kept (they are shown off scale), text that is no number null. */
function num(v: unknown): number | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number") return v;
  const text = String(v).trim();
  return NUMBER_TEXT.test(text) ? numberOf(text) : null;
}

function strList(v: unknown, field: string): string[] | null {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v)) throw new RecordShapeError(field, "expected a list");
  return v.map((x) => str(x) ?? "");
}

function obj(v: unknown, field: string): Json | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== "object" || Array.isArray(v)) throw new RecordShapeError(field, "expected an object");
  return v as Json;
}

function messages(v: unknown, field: string): ChatMessage[] | null {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v)) throw new RecordShapeError(field, "expected a list of messages");
  return v.map((m, i) => {
    const o = obj(m, `${field}[${i}]`) ?? {};
    return { role: str(o.role) ?? "", content: str(o.content) ?? "" };
  });
}

/** Released layout: one struct per aspect. Legacy layout: a list holding one struct. */
function aspect(v: unknown, field: string, typed: boolean): AspectAnnotation | null {
  const one = Array.isArray(v) ? v[0] : v;
  const o = obj(one, field);
  if (!o) return null;
  const base = { Rating: str(o.Rating), Rationale: str(o.Rationale) };
  if (!typed) return base;
  return { ...base, Type: strList(o.Type, `${field}.Type`), "Rationale For Rating": str(o["Rationale For Rating"]) };
}

function completion(v: unknown, field: string): UfCompletion {
  const o = obj(v, field) ?? {};
  const ann = obj(o.annotations, `${field}.annotations`);
  return {
    model: str(o.model),
    principle: str(o.principle),
    custom_system_prompt: str(o.custom_system_prompt),
    response: str(o.response),
    annotations: ann
      ? {
          instruction_following: aspect(ann[ASPECTS[0]], `${field}.annotations.${ASPECTS[0]}`, false),
          honesty: aspect(ann[ASPECTS[1]], `${field}.annotations.${ASPECTS[1]}`, false),
          truthfulness: aspect(ann[ASPECTS[2]], `${field}.annotations.${ASPECTS[2]}`, true),
          helpfulness: aspect(ann[ASPECTS[3]], `${field}.annotations.${ASPECTS[3]}`, true),
        }
      : null,
    critique: str(o.critique),
    overall_score: num(o.overall_score),
    "fine-grained_score": num(o["fine-grained_score"]),
  };
}

export function normalizeUltraFeedback(o: Json): UfRow {
  const comps = o.completions;
  if (comps !== null && comps !== undefined && !Array.isArray(comps)) {
    throw new RecordShapeError("completions", "expected a list");
  }
  return {
    source: str(o.source),
    id: str(o.id),
    instruction: str(o.instruction),
    models: strList(o.models, "models"),
    correct_answers: strList(o.correct_answers, "correct_answers"),
    incorrect_answers: strList(o.incorrect_answers, "incorrect_answers"),
    completions: comps ? comps.map((c, i) => completion(c, `completions[${i}]`)) : null,
  };
}

export function normalizeUltraChatRaw(o: Json): UltraChatRawRow {
  return { id: str(o.id), data: strList(o.data, "data") };
}

export function normalizeUltraChat200k(o: Json): UltraChat200kRow {
  return { prompt: str(o.prompt), prompt_id: str(o.prompt_id), messages: messages(o.messages, "messages") };
}

export function normalizeBinarized(o: Json): BinarizedRow {
  return {
    prompt: str(o.prompt),
    prompt_id: str(o.prompt_id),
    chosen: messages(o.chosen, "chosen"),
    rejected: messages(o.rejected, "rejected"),
    messages: messages(o.messages, "messages"),
    score_chosen: num(o.score_chosen),
    score_rejected: num(o.score_rejected),
  };
}

/** Roles of a raw UltraChat dialogue come from position: even turns are the user's. */
export function rolesFromPosition(turns: readonly string[]): ChatMessage[] {
  return turns.map((content, i) => ({ role: i % 2 === 0 ? "user" : "assistant", content }));
}
