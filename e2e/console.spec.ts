import { expect, sample, sql, test } from "./fixtures";

const UF = `read_json(['${sample("ultrafeedback/sharegpt.jsonl")}', '${sample("ultrafeedback/false_qa.jsonl")}', '${sample("ultrafeedback/truthful_qa.jsonl")}'])`;

test("the console runs a query over the readable names; a link reruns it", async ({ page }) => {
  const models = await sql<{ model: string; n: number }>(
    `SELECT c.model AS model, count(*) AS n FROM (SELECT unnest(completions) AS c FROM ${UF}) GROUP BY 1 ORDER BY n DESC, model`,
  );
  await page.goto("/?ds=ultrafeedback");
  await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
  await page.keyboard.press("c");
  await expect(page.getByTestId("sql-editor")).toBeVisible();
  const editor = page.getByTestId("sql-editor").locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(
    "SELECT model, count(*) AS n FROM ultrafeedback_completions GROUP BY model ORDER BY n DESC, model",
  );
  await page.keyboard.press("ControlOrMeta+Enter");
  const result = page.getByTestId("sql-result");
  await expect(result).toHaveAttribute("data-rows", String(models.length));
  await expect(result.getByTestId("record-row").first().locator('[data-col="model"]')).toHaveText(models[0]!.model);
  await expect(result.getByTestId("record-row").first().locator('[data-col="n"]')).toHaveText(String(models[0]!.n));
  await expect(page).toHaveURL(/sql=SELECT/);
  await page.reload();
  await expect(page.getByTestId("sql-result")).toHaveAttribute("data-rows", String(models.length));
});

test("a DROP TABLE is refused before it runs, and the dataset is still there", async ({ page }) => {
  await page.goto("/?ds=ultrafeedback&panel=sql");
  await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
  const editor = page.getByTestId("sql-editor").locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText("DROP TABLE ultrafeedback");
  await page.getByTestId("sql-run").click();
  await expect(page.getByTestId("sql-error")).toContainText("Only queries run in the console");
  await expect(page.getByTestId("sql-error")).toHaveAttribute("data-refused", "true");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText("SELECT count(*) AS n FROM ultrafeedback");
  await page.getByTestId("sql-run").click();
  await expect(page.getByTestId("sql-result").locator('[data-col="n"]')).toHaveText("60");
  await page.getByTestId("panel-sql").click();
  await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
  await expect(page.getByTestId("record-row")).not.toHaveCount(0);
});
