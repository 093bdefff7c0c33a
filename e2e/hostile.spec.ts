import type { Page } from "@playwright/test";
import { expect, fixture, openSample, test } from "./fixtures";

async function open(page: Page, file: string) {
  await openSample(page);
  await page.getByTestId("file-input").setInputFiles([fixture(file)]);
}

/** The names in the record, and their values, as shown. */
const fields = (page: Page) =>
  page
    .getByTestId("record")
    .locator("dt")
    .evaluateAll((els) => els.map((e) => e.textContent));

test("a column with an empty name loads, shows and is searchable", async ({ page }) => {
  await open(page, "empty-column-name.jsonl");
  await expect(page.getByTestId("row-count")).toHaveText("3 of 3 rows");
  expect(await fields(page)).toEqual(["", "a"]);
  await expect(page.getByTestId("record")).toContainText("empty-named one");
  await expect(page.getByTestId("sort-_~")).toContainText("(no name)");
  await page.getByTestId("search").fill("named two");
  await expect(page.getByTestId("row-count")).toHaveText("1 of 3 rows");
});

test("a column named rowid is the data's own: rows keep their own numbers", async ({ page }) => {
  await open(page, "rowid-column.jsonl");
  await expect(page.getByTestId("row-count")).toHaveText("4 of 4 rows");
  const rows = await page.getByTestId("record-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-row")));
  expect(rows).toEqual(["0", "1", "2", "3"]);
  await page.locator('[data-testid="record-row"][data-row="3"]').click();
  await expect(page.getByTestId("record")).toContainText("zero again");
  expect(await fields(page)).toEqual(["rowid", "name"]);
});

test("a rowid column holding text loads as any other column", async ({ page }) => {
  await open(page, "rowid-text.jsonl");
  await expect(page.getByTestId("row-count")).toHaveText("3 of 3 rows");
  await expect(page.getByTestId("load-error")).toHaveCount(0);
  await page.getByTestId("search").fill("second");
  await expect(page.getByTestId("row-count")).toHaveText("1 of 3 rows");
});

test("columns named like the explorer's own stay visible and searchable, apart from its search column", async ({
  page,
}) => {
  await open(page, "internal-names.jsonl");
  await expect(page.getByTestId("row-count")).toHaveText("2 of 2 rows");
  expect(await fields(page)).toEqual(["__row", "__preview", "__text", "__turns", "__x", "q"]);
  await expect(page.getByTestId("record")).toContainText("t-one");
  for (const [needle, n] of [
    ["t-two", 1],
    ["x-one", 1],
    ["r-", 2],
    ["plain", 2],
  ] as const) {
    await page.getByTestId("search").fill(needle);
    await expect(page.getByTestId("row-count")).toHaveText(`${n} of 2 rows`);
  }
});

test("a column that turns to text after the first batch, and a late column, keep every value", async ({ page }) => {
  await open(page, "late-columns.jsonl");
  await expect(page.getByTestId("row-count")).toHaveText("2,002 of 2,002 rows");
  await page.getByTestId("search").fill("late column");
  await expect(page.getByTestId("row-count")).toHaveText("1 of 2,002 rows");
  await page.getByTestId("record-row").first().click();
  await expect(page.getByTestId("record")).toContainText("abc");
  expect(await fields(page)).toEqual(["n", "extra"]);
  await page.getByTestId("search").fill("abc");
  await expect(page.getByTestId("row-count")).toHaveText("1 of 2,002 rows");
});

test("a Parquet file whose completions are not a list is named with what was expected", async ({ page }) => {
  await open(page, "wrong-completions.parquet");
  await expect(page.getByTestId("load-error")).toHaveText(
    "wrong-completions.parquet: column “completions” holds text, but UltraFeedback needs a list of structs there",
  );
  await expect(page.getByTestId("row-count")).toHaveText("75 of 75 rows");
});
