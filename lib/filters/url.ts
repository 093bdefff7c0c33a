import { ALL_FIELDS } from "../layouts/registry";
import type { Clause, Range } from "../types";
import { columnField } from "./columns";
import type { FilterField } from "./field";

// Ranges are written `lo..hi`, `lo..`, `..hi`, one number, or `lo..<hi` for a bin that leaves out its
// upper bound; lists as repeated parameters.

export function parseRange(text: string | null): Range | null {
  if (text === null || text.trim() === "") return null;
  const num = (s: string | undefined) => {
    if (s === undefined || s.trim() === "") return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  };
  const [lo, hi] = text.includes("..") ? text.split("..", 2) : [text, text];
  const exclusive = hi?.startsWith("<") ?? false;
  const r: Range = { min: num(lo), max: num(exclusive ? hi!.slice(1) : hi) };
  if (exclusive && r.max !== null) r.maxExclusive = true;
  return r.min === null && r.max === null ? null : r;
}

export const formatRange = (r: Range) =>
  r.maxExclusive
    ? `${r.min ?? ""}..<${r.max ?? ""}`
    : r.min === r.max
      ? String(r.min)
      : `${r.min ?? ""}..${r.max ?? ""}`;

/** A condition's own scope in a link (`honesty.scope=all`), when it names one the list knows. */
export const isScope = (v: string | null): v is string =>
  v === "any" || v === "all" || (v !== null && v.startsWith("model:") && v.length > 6);

function readClause(field: FilterField, p: URLSearchParams): Clause | null {
  const text = p.get(field.param);
  switch (field.op) {
    case "range": {
      const range = parseRange(text);
      if (!range) return null;
      const clause: Clause = { field: field.id, op: "range", range };
      const scope = p.get(`${field.param}.scope`);
      if (field.level === "completion" && isScope(scope)) {
        clause.scope = scope;
        if (scope === "all" && p.get(`${field.param}.na`) === "skip") clause.na = "skip";
      }
      return clause;
    }
    case "in": {
      const values = p.getAll(field.param).filter(Boolean);
      return values.length ? { field: field.id, op: "in", values } : null;
    }
    case "has":
      return text ? { field: field.id, op: "has", text } : null;
    case "on":
      return text === "1" ? { field: field.id, op: "on" } : null;
    case "at-least": {
      if (text === null) return null;
      const value = text === "" ? (field.defaultValue ?? NaN) : Number(text);
      return Number.isFinite(value) ? { field: field.id, op: "at-least", value } : null;
    }
    case "is": {
      const clause: Clause = {
        field: field.id,
        op: "is",
        value: (text && field.renamed && Object.hasOwn(field.renamed, text) ? field.renamed[text] : text) ?? "",
      };
      if (field.naChoice && text === "all" && p.get(`${field.param}.na`) === "skip") clause.na = "skip";
      return text && (field.accepts?.(clause, { table: "", layout: "generic", columns: [] }) ?? true) ? clause : null;
    }
  }
}

/** The filter clauses a link carries: every layout's fields by their parameter, then column clauses. */
export function parseClauses(p: URLSearchParams): Clause[] {
  const out: Clause[] = [];
  for (const field of ALL_FIELDS) {
    const clause = readClause(field, p);
    if (clause) out.push(clause);
  }
  const seen = new Set<string>();
  for (const key of p.keys()) {
    if (seen.has(key)) continue;
    seen.add(key);
    const field = columnField(key);
    const clause = field && readClause(field, p);
    if (clause) out.push(clause);
  }
  return out;
}

export function writeClauses(clauses: readonly Clause[], p: URLSearchParams) {
  for (const c of clauses) {
    const field = ALL_FIELDS.find((f) => f.id === c.field) ?? columnField(c.field);
    if (!field) continue;
    if (c.op === "range") {
      p.set(field.param, formatRange(c.range));
      if (c.scope) p.set(`${field.param}.scope`, c.scope);
      if (c.na) p.set(`${field.param}.na`, c.na);
    } else if (c.op === "in") c.values.forEach((v) => p.append(field.param, v));
    else if (c.op === "has") p.set(field.param, c.text);
    else if (c.op === "on") p.set(field.param, "1");
    else if (c.op === "at-least") p.set(field.param, String(c.value));
    else {
      p.set(field.param, c.value);
      if (c.na) p.set(`${field.param}.na`, c.na);
    }
  }
}
