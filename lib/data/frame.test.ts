import { beforeAll, describe, expect, it } from "vitest";
import { NativeEngine } from "../engine/native";
import { sampleFile } from "../test/fixtures";
import { loadFiles } from "../test/native-load";
import type { DatasetRef } from "../types";
import { datasetFrame } from "./frame";

let engine: NativeEngine;
let pairs: DatasetRef;

beforeAll(async () => {
  engine = await NativeEngine.open();
  pairs = await loadFiles(engine, "frame_pairs", "ultrafeedback_binarized", [
    sampleFile("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet"),
  ]);
});

describe("a dataset's selection as a data frame", () => {
  it("hands out any range of its rows, in its order or another", async () => {
    const state = { search: "", sort: { column: "score_chosen", desc: true } };
    const frame = datasetFrame(pairs, state, 59, () => engine);
    expect(frame.numRows).toBe(59);
    expect(frame.columns.map((c) => c.name ?? c.id)).toEqual([
      "row",
      "preview",
      "score_chosen",
      "score_rejected",
      "margin",
      "chars",
    ]);
    const { rows } = await engine.query(
      "SELECT __row AS r FROM frame_pairs ORDER BY score_chosen DESC NULLS LAST, __row LIMIT 7 OFFSET 5",
    );
    expect((await frame.fetch({ rowStart: 5, rowEnd: 12 })).map((r) => r.row)).toEqual(rows.map((r) => Number(r.r)));
    const inFileOrder = await frame.fetch({ rowStart: 0, rowEnd: 3, orderBy: null });
    expect(inFileOrder.map((r) => r.row)).toEqual([0, 1, 2]);
    expect(inFileOrder[0]!.cells.score_chosen).toBe(
      Number((await engine.query("SELECT score_chosen FROM frame_pairs WHERE __row = 0")).rows[0]!.score_chosen),
    );
  });

  it("has a key that follows what it lists", () => {
    const a = datasetFrame(pairs, { search: "", sort: null }, 59, () => engine);
    const b = datasetFrame(pairs, { search: "tide", sort: null }, 59, () => engine);
    const c = datasetFrame(pairs, { search: "", sort: null }, 59, () => engine, 1);
    expect(new Set([a.key, b.key, c.key]).size).toBe(3);
    expect(datasetFrame(pairs, { search: "", sort: null }, 59, () => engine).key).toBe(a.key);
  });
});
