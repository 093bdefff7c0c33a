import { beforeAll, describe, expect, it } from "vitest";
import { NativeEngine } from "../engine/native";
import { fetchCount, fetchListPage } from "../data/list";
import { normalizeUltraFeedback } from "../formats/normalize";
import { ASPECTS, parseRating } from "../formats/ratings";
import { jsonl, sampleFile } from "../test/fixtures";
import { loadRecords } from "../test/native-load";
import { parseClauses, writeClauses } from "../filters/url";
import type { DatasetRef, ListState } from "../types";

/** Filters as a link writes them: `{ honesty: "..2", scope: "all", "honesty.scope": "any" }`. */
type Link = Record<string, string | string[]>;
const clauses = (link: Link) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(link)) for (const x of [v].flat()) p.append(k, x);
  return parseClauses(p);
};

let engine: NativeEngine;
let sample: DatasetRef;
let sampleRows: Record<string, unknown>[];

const state = (link: Link): ListState => ({ search: "", sort: null, clauses: clauses(link) });
const count = (ds: DatasetRef, link: Link) => fetchCount(engine, ds, state(link));

beforeAll(async () => {
  engine = await NativeEngine.open();
  sampleRows = ["sharegpt", "false_qa"].flatMap((s) => jsonl(sampleFile(`ultrafeedback/${s}.jsonl`)));
  sample = await loadRecords(
    engine,
    "sample",
    "ultrafeedback",
    sampleRows.map((r) => ({ ...normalizeUltraFeedback(r) })),
    16,
  );
});

describe("filters on the bundled UltraFeedback sample, against a plain-JS oracle", () => {
  type Row = { completions: { model: string; annotations: Record<string, { Rating: string }> }[] };
  const score = (c: Row["completions"][number], a: string) => {
    const r = parseRating(c.annotations[a]?.Rating);
    return r.kind === "score" ? r.value : null;
  };
  const inRange = (v: number | null, lo: number, hi: number) => v !== null && v >= lo && v <= hi;

  it.each(ASPECTS.flatMap((a) => [1, 2, 3, 4, 5].map((lo) => [a, lo] as const)))(
    "%s from %i up: any, all, and the first model",
    async (aspect, lo) => {
      const rows = sampleRows.map((r) => normalizeUltraFeedback(r) as unknown as Row);
      const ratings = { [aspect]: `${lo}..5` };
      const any = rows.filter((r) => r.completions.some((c) => inRange(score(c, aspect), lo, 5))).length;
      const all = rows.filter(
        (r) => r.completions.length > 0 && r.completions.every((c) => inRange(score(c, aspect), lo, 5)),
      ).length;
      const model = rows[0]!.completions[0]!.model;
      const one = rows.filter((r) =>
        r.completions.some((c) => c.model === model && inRange(score(c, aspect), lo, 5)),
      ).length;
      expect(await count(sample, ratings)).toBe(any);
      expect(await count(sample, { ...ratings, scope: "all" })).toBe(all);
      expect(await count(sample, { ...ratings, scope: `model:${model}` })).toBe(one);
    },
  );

  it("the per-prompt measures filter by range under their readable names: means, spreads, N/A count", async () => {
    const rows = sampleRows.map((r) => normalizeUltraFeedback(r) as unknown as Row);
    const ratings = (r: Row, a: string) => r.completions.map((c) => score(c, a)).filter((v): v is number => v !== null);
    const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
    const lowHonesty = rows.filter((r) => inRange(mean(ratings(r, "honesty")), 0, 3)).length;
    const wide = rows.filter((r) => {
      const xs = ratings(r, "helpfulness");
      return xs.length > 0 && Math.max(...xs) - Math.min(...xs) >= 2;
    }).length;
    const na = rows.filter((r) =>
      r.completions.some((c) => ASPECTS.some((a) => parseRating(c.annotations[a]?.Rating).kind === "na")),
    ).length;
    expect(lowHonesty).toBeGreaterThan(0);
    expect(await count(sample, { "range.mean_honesty": "..3" })).toBe(lowHonesty);
    expect(await count(sample, { "range.spread_helpfulness": "2.." })).toBe(wide);
    expect(await count(sample, { "range.na": "1.." })).toBe(na);
    // an older link's internal name is no column of the file: it filters nothing
    expect(await count(sample, { "range.__mean_honesty": "..3" })).toBe(rows.length);
  });

  it("each rating condition may have its own scope; one without follows “Ratings of”; N/A fails or is skipped", async () => {
    const rows = sampleRows.map((r) => normalizeUltraFeedback(r) as unknown as Row);
    const all = (r: Row, a: string, lo: number, hi: number, skipNa = false) => {
      const rated = skipNa ? r.completions.filter((c) => score(c, a) !== null) : r.completions;
      return rated.length > 0 && rated.every((c) => inRange(score(c, a), lo, hi));
    };
    const any = (r: Row, a: string, lo: number, hi: number) => r.completions.some((c) => inRange(score(c, a), lo, hi));
    const mixed = rows.filter((r) => all(r, "honesty", 4, 5) && any(r, "helpfulness", 1, 2)).length;
    expect(
      await count(sample, { honesty: "4..", "honesty.scope": "all", helpfulness: "..2", "helpfulness.scope": "any" }),
    ).toBe(mixed);
    // without a scope of its own, helpfulness follows scope=all
    const both = rows.filter((r) => all(r, "honesty", 4, 5) && all(r, "helpfulness", 1, 2)).length;
    expect(await count(sample, { honesty: "4..", helpfulness: "..2", scope: "all" })).toBe(both);
    const strict = rows.filter((r) => all(r, "honesty", 3, 5)).length;
    const skipping = rows.filter((r) => all(r, "honesty", 3, 5, true)).length;
    expect(skipping).toBeGreaterThan(strict);
    expect(await count(sample, { honesty: "3..", scope: "all" })).toBe(strict);
    expect(await count(sample, { honesty: "3..", scope: "all", "scope.na": "skip" })).toBe(skipping);
    expect(await count(sample, { honesty: "3..", "honesty.scope": "all", "honesty.na": "skip" })).toBe(skipping);
    const model = rows[0]!.completions[1]!.model;
    const ofModel = rows.filter((r) =>
      r.completions.some((c) => c.model === model && inRange(score(c, "honesty"), 3, 5)),
    ).length;
    expect(await count(sample, { honesty: "3..", "honesty.scope": `model:${model}`, scope: "all" })).toBe(ofModel);
  });

  it("a link writes each condition's scope back as it read it", () => {
    const link =
      "honesty=4..&honesty.scope=all&honesty.na=skip&helpfulness=..2&helpfulness.scope=any&scope=all&scope.na=skip";
    const p = new URLSearchParams();
    writeClauses(parseClauses(new URLSearchParams(link)), p);
    expect(Object.fromEntries([...p].sort())).toEqual(Object.fromEntries([...new URLSearchParams(link)].sort()));
  });

  it("with Ratings of: <model>, the list shows that model's own ratings, and sorts by them", async () => {
    const rows = sampleRows.map((r) => normalizeUltraFeedback(r) as unknown as Row);
    const model = rows[0]!.completions[2]!.model;
    const own = (r: Row, a: string) => {
      const c = r.completions.find((x) => x.model === model);
      return c ? score(c, a) : null;
    };
    const listed = rows.flatMap((r, i) => (r.completions.some((c) => c.model === model) ? [i] : []));
    const page = await fetchListPage(engine, sample, state({ scope: `model:${model}` }), 0, 1000);
    expect(page.map((r) => r.row)).toEqual(listed);
    for (const a of ASPECTS) {
      expect(page.map((r) => r.cells[`__own_${a}`] ?? null)).toEqual(listed.map((i) => own(rows[i]!, a)));
    }
    const sorted = await fetchListPage(
      engine,
      sample,
      { ...state({ scope: `model:${model}` }), sort: { column: "own_honesty", desc: true } },
      0,
      1000,
    );
    const expected = [...listed].sort(
      (x, y) => (own(rows[y]!, "honesty") ?? -1) - (own(rows[x]!, "honesty") ?? -1) || x - y,
    );
    expect(sorted.map((r) => r.row)).toEqual(expected);
    // A model's name is bound, never written into the statement.
    const hostile = `x'); DROP TABLE sample; --`;
    expect(await fetchListPage(engine, sample, state({ scope: `model:${hostile}` }), 0, 10)).toEqual([]);
    expect(await count(sample, {})).toBe(rows.length);
  });
});
