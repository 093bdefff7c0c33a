"use client";
import type { Clause } from "@/lib/types";

type RangeClause = Extract<Clause, { op: "range" }>;

/** Whether an N/A rating fails "all completions" (what the words say) or is left out. */
export function NaRule({
  testId,
  label,
  skip,
  onChange,
}: {
  testId: string;
  label: string;
  skip: boolean;
  onChange: (skip: boolean) => void;
}) {
  return (
    <select
      data-testid={testId}
      aria-label={label}
      title={label}
      value={skip ? "skip" : ""}
      onChange={(e) => onChange(e.target.value === "skip")}
      className="rounded border border-slate-300 bg-white px-1 py-0.5"
    >
      <option value="">N/A fails</option>
      <option value="skip">N/A is skipped</option>
    </select>
  );
}

/**
 * The completions one rating condition reads, when it is not the list's "Ratings of": any completion,
 * all of them, or (from a link) one model's; with all, how N/A counts.
 */
export function OwnScope({
  clause,
  label,
  onChange,
}: {
  clause: RangeClause;
  label: string;
  onChange: (clause: Clause) => void;
}) {
  const value = clause.scope ?? "";
  const model = value.startsWith("model:") ? value.slice(6) : null;
  return (
    <>
      <select
        data-testid={`filter-${clause.field}-scope`}
        aria-label={`Which completions ${label} is read of`}
        title={`Which completions ${label} is read of`}
        value={value}
        onChange={(e) => onChange({ ...clause, scope: e.target.value || undefined, na: undefined })}
        className={`rounded border px-1 py-0.5 ${value ? "border-sky-300 bg-sky-50" : "border-slate-300 bg-white"}`}
      >
        <option value="">as “Ratings of”</option>
        <option value="any">of any completion</option>
        <option value="all">of all completions</option>
        {model !== null && <option value={value}>of {model}</option>}
      </select>
      {value === "all" && (
        <NaRule
          testId={`filter-${clause.field}-na`}
          label={`How an N/A rating counts when all completions must meet ${label}`}
          skip={clause.na === "skip"}
          onChange={(skip) => onChange({ ...clause, na: skip ? "skip" : undefined })}
        />
      )}
    </>
  );
}
