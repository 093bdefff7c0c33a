/**
 * The pair flags computed in plain code from the rows as their files hold them, to check the SQL of
 * lib/pairs against: the same units, the same alignment, the same rules (lib/pairs/rules.ts).
 */
import { ASPECTS } from "../formats/ratings";
import { ASCII_DIGITS, FULL_DIGITS, JA_JS, LATIN_WORDS, MIN_LENGTH, type PairSettings } from "../pairs/rules";
import type { LayoutId } from "../types";

type Row = Record<string, unknown>;
interface U {
  role: string;
  kind: "text" | "score" | "label";
  text: string | null;
}

const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function unitsOf(layout: LayoutId, row: Row): U[] {
  switch (layout) {
    case "ultrachat_raw":
      return (row.data as string[]).map((t, i) => ({
        role: i % 2 === 0 ? "user" : "assistant",
        kind: "text",
        text: t,
      }));
    case "ultrachat_200k":
      return (row.messages as { role: string; content: string }[]).map((m) => ({
        role: m.role,
        kind: "text",
        text: m.content,
      }));
    case "ultrafeedback_binarized": {
      const last = (m: unknown) => (m as { content: string }[]).at(-1)?.content ?? null;
      return [
        { role: "user", kind: "text", text: s(row.prompt) },
        { role: "assistant", kind: "text", text: last(row.chosen) },
        { role: "assistant", kind: "text", text: last(row.rejected) },
        { role: "", kind: "score", text: s(row.score_chosen) },
        { role: "", kind: "score", text: s(row.score_rejected) },
      ];
    }
    case "ultrafeedback": {
      const out: U[] = [{ role: "user", kind: "text", text: s(row.instruction) }];
      for (const c of row.completions as Row[]) {
        const ann = (c.annotations ?? {}) as Record<string, Row | undefined>;
        out.push({ role: "assistant", kind: "label", text: s(c.model) });
        out.push({ role: "system", kind: "text", text: s(c.custom_system_prompt) });
        out.push({ role: "assistant", kind: "text", text: s(c.response) });
        for (const a of ASPECTS) out.push({ role: "rater", kind: "text", text: s(ann[a]?.Rationale) });
        out.push({ role: "rater", kind: "text", text: s(c.critique) });
        for (const a of ASPECTS) out.push({ role: "rater", kind: "score", text: s(ann[a]?.Rating) });
        out.push({ role: "rater", kind: "score", text: s(c.overall_score) });
        out.push({ role: "rater", kind: "score", text: s(c["fine-grained_score"]) });
      }
      return out;
    }
    default:
      return Object.values(row).map((v) => ({ role: "", kind: "text", text: s(v) }));
  }
}

export function keysOf(layout: LayoutId, rows: readonly Row[]): string[] {
  const place = new Map<string, number>();
  return rows.map((row) => {
    if (layout === "ultrachat_raw") return String(row.id);
    if (layout === "ultrachat_200k" || layout === "ultrafeedback_binarized") return String(row.prompt_id);
    if (layout === "ultrafeedback" && row.id != null) return String(row.id);
    const source = String(row.source ?? "");
    const n = (place.get(source) ?? 0) + 1;
    place.set(source, n);
    return `${source}#${n}`;
  });
}

const chars = (t: string) => [...t].length;
/** A text with its code blocks set aside (and then trimmed); a text without "```" as it is. */
const noCode = (t: string) => (t.includes("```") ? t.replace(/```[\s\S]*?(```|$)/g, "").trim() : t);
const tokens = (t: string) => {
  const ascii = [...t].map((ch) => (FULL_DIGITS.includes(ch) ? ASCII_DIGITS[FULL_DIGITS.indexOf(ch)] : ch)).join("");
  return new Set(ascii.match(/https?:\/\/[^\s<>()[\]"']*[^\s<>()[\]"'.,;:!?]|[0-9]+/g) ?? []);
};
const blocks = (t: string) => JSON.stringify(t.match(/```[\s\S]*?```/g) ?? []);

export interface OracleResult {
  aligned: number;
  onlyLeft: number;
  onlyRight: number;
  repeatedKeys: number;
  /** Rows of the left side under each flag. */
  flags: Record<string, number[]>;
}

/**
 * The oracle: rows aligned by key (n-th with n-th), the assistant-only reading when most aligned
 * dialogues are so, and each flag of a translation (original on the left) or of a version.
 */
export function pairOracle(
  layout: LayoutId,
  left: readonly Row[],
  right: readonly Row[],
  kind: "translation" | "version",
  settings: PairSettings,
): OracleResult {
  const index = (rows: readonly Row[]) => {
    const keys = keysOf(layout, rows);
    const seen = new Map<string, number>();
    const count = new Map<string, number>();
    keys.forEach((k) => count.set(k, (count.get(k) ?? 0) + 1));
    return keys.map((k, i) => {
      const occ = (seen.get(k) ?? 0) + 1;
      seen.set(k, occ);
      return { row: i, k, occ, n: count.get(k)!, id: `${k}\n${occ}` };
    });
  };
  const L = index(left);
  const R = index(right);
  const byId = new Map(R.map((x) => [x.id, x]));
  const leftIds = new Set(L.map((x) => x.id));
  const pairs = L.filter((x) => byId.has(x.id)).map((x) => ({ l: x, r: byId.get(x.id)! }));
  const repeated = new Set([...L, ...R].filter((x) => x.n > 1).map((x) => x.k));
  const lu = left.map((r) => unitsOf(layout, r));
  const ru = right.map((r) => unitsOf(layout, r));
  const dialogues = layout === "ultrachat_raw" || layout === "ultrachat_200k";
  const assistants = (u: U[]) => u.filter((x) => x.role === "assistant");
  const aoShare =
    pairs.filter(
      ({ l, r }) => ru[r.row]!.length < lu[l.row]!.length && ru[r.row]!.length === assistants(lu[l.row]!).length,
    ).length / Math.max(1, pairs.length);
  const ao = dialogues && aoShare > 0.5;

  const flags: Record<string, number[]> = {};
  const flag = (name: string, row: number) => (flags[name] ??= []).push(row);
  for (const { l, r } of pairs) {
    const lf = lu[l.row]!;
    const rf = ru[r.row]!;
    const o = ao ? assistants(lf) : lf;
    const t = rf;
    if (lf.length !== rf.length) flag("turns", l.row);
    if (o.length !== t.length) flag("dropped", l.row);
    const n = Math.min(o.length, t.length);
    const hit = new Set<string>();
    let changed = o.length !== t.length;
    for (let i = 0; i < n; i++) {
      const a = o[i]!;
      const b = t[i]!;
      if (a.text !== b.text) changed = true;
      const at = a.text ?? "";
      const bt = b.text ?? "";
      if (a.kind === "score" && a.text !== b.text) hit.add("ratings");
      if (a.kind !== "text") continue;
      const bnc = noCode(bt);
      const bLatin = (bnc.match(/[A-Za-z]{2,}/g) ?? []).length;
      if (/\S/.test(bnc) && !JA_JS.test(bt) && ((bnc === noCode(at) && !JA_JS.test(at)) || bLatin >= LATIN_WORDS))
        hit.add("untranslated");
      const bt_ = tokens(bt);
      if ([...tokens(at)].some((x) => !bt_.has(x))) hit.add("numbers");
      if (blocks(at) !== blocks(bt)) hit.add("code");
      if (chars(at) >= MIN_LENGTH) {
        const ratio = chars(bt) / chars(at);
        if (ratio < settings.ratioMin || ratio > settings.ratioMax) hit.add("length");
      }
    }
    if (kind === "translation") for (const h of hit) flag(h, l.row);
    else flag(changed ? "changed" : "equal", l.row);
  }
  return {
    aligned: pairs.length,
    onlyLeft: L.filter((x) => !byId.has(x.id)).length,
    onlyRight: R.filter((x) => !leftIds.has(x.id)).length,
    repeatedKeys: repeated.size,
    flags,
  };
}
