/** Rows of the known layouts as they are stored in the engine (one canonical shape per layout). */

export interface ChatMessage {
  role: string;
  content: string;
}

export interface AspectAnnotation {
  Rating: string | null;
  Rationale: string | null;
  /** truthfulness and helpfulness only */
  Type?: string[] | null;
  "Rationale For Rating"?: string | null;
}

export interface UfCompletion {
  model: string | null;
  principle: string | null;
  custom_system_prompt: string | null;
  response: string | null;
  annotations: {
    instruction_following: AspectAnnotation | null;
    honesty: AspectAnnotation | null;
    truthfulness: AspectAnnotation | null;
    helpfulness: AspectAnnotation | null;
  } | null;
  critique: string | null;
  overall_score: number | null;
  "fine-grained_score": number | null;
}

export interface UfRow {
  source: string | null;
  id: string | null;
  instruction: string | null;
  models: string[] | null;
  correct_answers: string[] | null;
  incorrect_answers: string[] | null;
  completions: UfCompletion[] | null;
}

export interface UltraChatRawRow {
  id: string | null;
  data: string[] | null;
}

export interface UltraChat200kRow {
  prompt: string | null;
  prompt_id: string | null;
  messages: ChatMessage[] | null;
}

export interface BinarizedRow {
  prompt: string | null;
  prompt_id: string | null;
  chosen: ChatMessage[] | null;
  rejected: ChatMessage[] | null;
  messages: ChatMessage[] | null;
  score_chosen: number | null;
  score_rejected: number | null;
}

/** A record as the views read it, one shape per kind of view. */
export type RecordData =
  | { kind: "dialogue"; row: number; id: string | null; messages: ChatMessage[] }
  | {
      kind: "pair";
      row: number;
      /** `prompt_id`, where the file has one. */
      id: string | null;
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

export type FeedbackRecord = Extract<RecordData, { kind: "feedback" }>;
export type PairRecord = Extract<RecordData, { kind: "pair" }>;
