import { expect, it } from "vitest";
import { fetchListPage } from "../data/list";
import { fetchRecord } from "../data/record";
import { NativeEngine } from "../engine/native";
import { appendStaged } from "../ingest/append";
import { sampleFile } from "../test/fixtures";
import { FIRST_PAGE } from "./first-page";
import { sampleById } from "./samples";

it("the first page shown while the database starts is exactly what the database lists", async () => {
  const sample = sampleById(FIRST_PAGE.id)!;
  const engine = await NativeEngine.open();
  const files = sample.files.map((f) => `'${sampleFile(f)}'`).join(", ");
  await engine.query(`CREATE TABLE s AS SELECT * FROM read_parquet([${files}])`);
  const ds = { table: "t", layout: sample.layout, columns: ["prompt", "prompt_id", "messages"] };
  await appendStaged(engine, ds, "s", 0);
  const rows = await fetchListPage(engine, ds, { search: "", sort: null }, 0, 100);
  expect(FIRST_PAGE.rows).toEqual(rows);
  expect(FIRST_PAGE.rows).toHaveLength(sample.rows);
  expect(FIRST_PAGE.record).toEqual(await fetchRecord(engine, ds, 0));
});
