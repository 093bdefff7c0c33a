import type { Page } from "@playwright/test";
import { expect, sample, sqlCount, test } from "./fixtures";

const UF = `read_json(['${sample("ultrafeedback/sharegpt.jsonl")}', '${sample("ultrafeedback/false_qa.jsonl")}'])`;

async function exportAs(page: Page, format: "jsonl" | "parquet" | "csv" | "ids") {
  await page.getByTestId("export-format").selectOption(format);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  return { path, name: download.suggestedFilename() };
}

test("the filtered rows, exported as JSON Lines and as Parquet, open again with the same count", async ({ page }) => {
  const n = await sqlCount(
    `SELECT count(*) AS n FROM ${UF} WHERE source = 'sharegpt'
       AND len(list_filter(completions, c -> TRY_CAST(c.annotations.honesty.Rating AS DOUBLE) <= 2)) > 0`,
  );
  await page.goto("/?ds=ultrafeedback&honesty=..2&source=sharegpt");
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of 44 prompts`);
  const jsonl = await exportAs(page, "jsonl");
  expect(jsonl.name).toBe(`ultrafeedback-${n}-rows.jsonl`);
  const parquet = await exportAs(page, "parquet");
  expect(parquet.name).toBe(`ultrafeedback-${n}-rows.parquet`);
  expect(await sqlCount(`SELECT count(*) AS n FROM read_parquet('${parquet.path}')`)).toBe(n);

  await page.getByTestId("file-input").setInputFiles([jsonl.path]);
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} prompts`);
  await expect(page.getByTestId("completion").first()).toBeVisible();
  await page.getByTestId("file-input").setInputFiles([parquet.path]);
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of ${n} prompts`);
  await expect(page.getByTestId("completion").first()).toBeVisible();
});
