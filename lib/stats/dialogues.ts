import { lateSql, type LateSummary } from "../sql/late";
import { bins, binSelected, categories, logBins, spanOf } from "./marks";
import type { ChartSpec } from "./types";

const ranged = (field: string) => ({
  select: (marks: Parameters<NonNullable<ChartSpec["select"]>>[0]) => {
    const range = spanOf(marks);
    return range ? [{ field, op: "range" as const, range }] : [];
  },
  isSelected: (
    m: Parameters<NonNullable<ChartSpec["isSelected"]>>[0],
    clauses: Parameters<NonNullable<ChartSpec["isSelected"]>>[1],
  ) => binSelected(m, clauses, field),
});

/** The charts of dialogues: turns, characters per dialogue and per turn, Japanese text. `turnLengths`: SQL list of turn lengths. */
export function dialogueCharts(turnLengths: string, japanese: LateSummary): ChartSpec[] {
  return [
    {
      id: "turns",
      title: "Turns per dialogue",
      unit: "dialogues",
      kind: "histogram",
      over: "rows",
      fields: ["turns"],
      xLabel: "turns (40 and more together)",
      aggregate: () => bins("__turns", 2, 40),
      ...ranged("turns"),
    },
    {
      id: "chars",
      title: "Characters per dialogue",
      unit: "dialogues",
      kind: "histogram",
      over: "rows",
      fields: ["chars"],
      xLabel: "characters",
      xLog: true,
      aggregate: () => logBins("__chars"),
      ...ranged("chars"),
    },
    {
      id: "turn-chars",
      title: "Characters per turn",
      unit: "turns",
      kind: "histogram",
      over: "rows",
      fields: [],
      xLabel: "characters",
      xLog: true,
      aggregate: () => logBins("len", `(SELECT unnest(${turnLengths}) AS len FROM rel)`),
    },
    {
      id: "japanese",
      title: "Dialogues with Japanese text",
      unit: "dialogues",
      kind: "bars",
      over: "rows",
      fields: ["ja"],
      keys: ["Japanese", "no Japanese"],
      aggregate: (ds) => categories(`CASE WHEN ${lateSql(ds, japanese)} THEN 'Japanese' ELSE 'no Japanese' END`),
      select: (marks) =>
        marks.length === 1 ? [{ field: "ja", op: "is", value: marks[0]!.key === "Japanese" ? "yes" : "no" }] : [],
      isSelected: (m, clauses) => {
        const c = clauses.find((x) => x.field === "ja");
        return c?.op === "is" && (c.value === "yes") === (m.key === "Japanese");
      },
      summary: (marks) => {
        const ja = marks.find((m) => m.key === "Japanese")?.n ?? 0;
        const total = marks.reduce((s, m) => s + m.n, 0);
        return total ? `${((100 * ja) / total).toFixed(1)}% of the dialogues hold Japanese text` : null;
      },
    },
  ];
}
