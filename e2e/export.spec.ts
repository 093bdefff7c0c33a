import type { Page } from "@playwright/test";
import { expect, sample, settled, sqlCount, test } from "./fixtures";

const UF = `read_json(['${sample("ultrafeedback/sharegpt.jsonl")}', '${sample("ultrafeedback/false_qa.jsonl")}', '${sample("ultrafeedback/truthful_qa.jsonl")}'])`;

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
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of 60 prompts`);
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

test("list columns can be hidden, added and reordered, and the link keeps them", async ({ page }) => {
  await page.goto("/?ds=ultrafeedback_binarized-test_prefs");
  await expect(page.getByTestId("row-count")).toHaveText("59 of 59 pairs");
  await settled(page);
  const headers = () =>
    page
      .locator('[data-testid="record-list"] [role="columnheader"] button')
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
  await expect
    .poll(headers)
    .toEqual([
      "sort-__row",
      "sort-__preview",
      "sort-score_chosen",
      "sort-score_rejected",
      "sort-__margin",
      "sort-__chars",
    ]);
  // Chars hidden, margin moved up, prompt_id added: and so after a reload.
  const moved = [
    "sort-__row",
    "sort-__preview",
    "sort-score_chosen",
    "sort-__margin",
    "sort-score_rejected",
    "sort-prompt_id",
  ];
  const chooser = page.getByTestId("column-chooser");
  await chooser.locator("summary").click();
  await chooser.getByLabel("Show chars").click();
  await chooser.getByLabel("Move margin up").click();
  await chooser.getByLabel("prompt_id", { exact: true }).click();
  await expect(page).toHaveURL(/col=preview&col=score_chosen&col=margin&col=score_rejected&col=prompt_id/);
  await expect.poll(headers).toEqual(moved);
  await page.reload();
  await expect.poll(headers).toEqual(moved);
});

test("a message and a whole row copy to the clipboard as they are", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/?row=30");
  const message = page.getByTestId("message").nth(1);
  await expect(message).toContainText("<script>window.__xss = 1</script>");
  await message.getByTestId("copy").click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toContain('<script>window.__xss = 1</script> and <img src=x onerror="window.__xss = 2">');
  await page.getByRole("button", { name: "Copy row as JSON" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^\{/);
  const row = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as {
    messages: unknown[];
    prompt: string;
  };
  expect(Object.keys(row)).toEqual(["prompt", "prompt_id", "messages"]);
  expect(row.messages).toHaveLength(2);
});
