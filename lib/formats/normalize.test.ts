import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { beforeAll, describe, expect, it } from "vitest";
import { jsonl, realJson, REAL } from "../test/fixtures";
import { describeReal } from "../test/real";
import { layoutArrowFields, recordsToIPC } from "./arrow-schema";
import { normalizeBinarized, normalizeUltraChatRaw, normalizeUltraFeedback, rolesFromPosition } from "./normalize";
import { parseRating, ratingLabel, ratingMarks } from "./ratings";
import { resultOf } from "../engine/plain";

describeReal("UltraFeedback raw, both layouts", () => {
  let released: ReturnType<typeof normalizeUltraFeedback>;
  let legacy: ReturnType<typeof normalizeUltraFeedback>;
  beforeAll(() => {
    released = normalizeUltraFeedback(realJson("ultrafeedback_raw.readme_example.partial.json"));
    legacy = normalizeUltraFeedback(realJson("ultrafeedback_raw.legacy_layout.partial.json"));
  });

  it("reads the released layout (one struct per aspect)", () => {
    const c = released.completions![0]!;
    expect(released.source).toBe("sharegpt");
    expect(released.completions).toHaveLength(4);
    expect(c.model).toBe("falcon-40b-instruct");
    expect(c.annotations?.instruction_following?.Rating).toBe("2");
    expect(released.completions!.map((x) => x.model)).toEqual(released.models);
  });

  it("reads the legacy layout (a list of one struct) into the same shape", () => {
    expect(legacy.id).toBe("D2TC9GP_0");
    expect(legacy.completions![0]!.annotations).toEqual(released.completions![0]!.annotations);
    expect(legacy.completions![0]!.critique).toBeNull();
    expect(legacy.completions![0]!.overall_score).toBeNull();
  });

  it("keeps nested values through the Arrow batch the browser ingests", () => {
    const ipc = recordsToIPC(layoutArrowFields.ultrafeedback(), [released as never, legacy as never]);
    const rows = resultOf(tableFromIPC(ipc)).rows;
    expect(rows[0]).toEqual(released);
    expect(rows[1]).toEqual(legacy);
  });
});

describe("ratings", () => {
  it("reads digit strings as numbers and keeps N/A apart from zero", () => {
    expect(parseRating("4")).toEqual({ kind: "score", value: 4, raw: "4" });
    expect(parseRating(" 2.5 ")).toEqual({ kind: "score", value: 2.5, raw: "2.5" });
    expect(parseRating(5)).toEqual({ kind: "score", value: 5, raw: "5" });
    expect(parseRating("N/A")).toEqual({ kind: "na", raw: "N/A" });
    expect(parseRating("n/a")).toEqual({ kind: "na", raw: "n/a" });
    expect(parseRating(null)).toEqual({ kind: "missing" });
    expect(parseRating("  ")).toEqual({ kind: "missing" });
  });

  it("keeps numbers off the 1–5 scale apart", () => {
    expect(parseRating("0")).toEqual({ kind: "out", value: 0, raw: "0" });
    expect(parseRating("7")).toEqual({ kind: "out", value: 7, raw: "7" });
    expect(parseRating("10")).toEqual({ kind: "out", value: 10, raw: "10" });
    expect(parseRating("-1")).toEqual({ kind: "out", value: -1, raw: "-1" });
    expect(ratingLabel(parseRating("-1"))).toBe("-1");
    // numbers, if not on any scale: off scale, never N/A and never averaged
    expect(parseRating("NaN")).toEqual({ kind: "out", value: NaN, raw: "NaN" });
    expect(parseRating("Infinity")).toEqual({ kind: "out", value: Infinity, raw: "Infinity" });
    expect(parseRating("1e400")).toEqual({ kind: "out", value: Infinity, raw: "1e400" });
    expect(["NaN", "Infinity", "1e400", "4.0"].map((r) => ratingLabel(parseRating(r)))).toEqual([
      "NaN",
      "Infinity",
      "1e400",
      "4",
    ]);
    expect(ratingMarks(["5", "0", "3", "7"].map(parseRating))).toEqual(["best", null, "worst", null]);
  });
});

describeReal("UltraChat raw", () => {
  it("gives roles by position", () => {
    const [line] = jsonl(join(REAL, "ultrachat_raw.train_0.line1.jsonl"));
    const row = normalizeUltraChatRaw(line!);
    const messages = rolesFromPosition(row.data!);
    expect(row.id).toBe("0");
    expect(messages).toHaveLength(6);
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant"]);
    expect(messages[0]!.content).toBe((line!.data as string[])[0]);
  });
});

describeReal("ultrafeedback_binarized", () => {
  it("keeps the tie and the literal escape text of train_prefs row 0", () => {
    const row = normalizeBinarized(realJson("ultrafeedback_binarized.train_prefs.row0.json"));
    expect(row.score_chosen).toBe(8.5);
    expect(row.score_rejected).toBe(8.5);
    expect(row.chosen![1]!.content).toContain("Don\\u2019t");
    expect(row.messages).toEqual(row.chosen);
  });
});
