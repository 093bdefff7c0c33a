import { expect, sample, sql, test, viewTest, visit } from "./fixtures";

const UF = `read_json(['${sample("ultrafeedback/sharegpt.jsonl")}', '${sample("ultrafeedback/false_qa.jsonl")}', '${sample("ultrafeedback/truthful_qa.jsonl")}'])`;

viewTest("the console runs a query over the readable names; a link reruns it", async ({ view: page }) => {
  const models = await sql<{ model: string; n: number }>(
    `SELECT c.model AS model, count(*) AS n FROM (SELECT unnest(completions) AS c FROM ${UF}) GROUP BY 1 ORDER BY n DESC, model`,
  );
  await visit(page, "/?ds=ultrafeedback");
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

viewTest("a DROP TABLE is refused before it runs, and the dataset is still there", async ({ view: page }) => {
  await visit(page, "/?ds=ultrafeedback&panel=sql");
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

const PAIRS = `read_parquet('${sample("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet")}')`;

viewTest(
  "the console lists its views with their columns and types; a click puts a name at the cursor",
  async ({ view: page }) => {
    const described = await sql<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${PAIRS}`);
    await visit(page, "/?ds=ultrafeedback&panel=sql");
    await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
    const views = page.getByTestId("sql-schema-view");
    // the dataset's views, and the table of the page's marks (made when a dataset is shown)
    await expect(views.getByTestId("sql-schema-name")).toHaveText([
      "ultrafeedback",
      "ultrafeedback_completions",
      "marks",
    ]);
    const editor = page.getByTestId("sql-editor").locator(".cm-content");
    await editor.click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.insertText("SELECT count(*) AS n FROM ");
    await views.nth(1).getByTestId("sql-schema-name").click();
    await expect(editor).toHaveText("SELECT count(*) AS n FROM ultrafeedback_completions");
    // the cursor stayed in the editor, after the name
    await page.keyboard.press("ControlOrMeta+Enter");
    const total = await sql<{ n: number }>(
      `SELECT sum(len(completions)) AS n FROM read_json(['${["sharegpt", "false_qa", "truthful_qa"].map((s) => sample(`ultrafeedback/${s}.jsonl`)).join("', '")}'])`,
    );
    await expect(page.getByTestId("sql-result").locator('[data-col="n"]')).toHaveText(String(total[0]!.n));

    // The pairs' view: the columns DuckDB reads in the file, after the row number, with their types.
    await visit(page, "/?ds=ultrafeedback_binarized-test_prefs&panel=sql");
    await expect(page.getByTestId("row-count")).toHaveText("59 of 59 pairs");
    const columns = page.getByTestId("sql-schema-view").first().getByTestId("sql-schema-column");
    await expect(columns.locator("button")).toHaveText(["row", ...described.map((c) => c.column_name)]);
    await expect(columns.nth(1).locator("span")).toHaveText(described[0]!.column_type.toLowerCase());
  },
);

test("a join with more rows than its left view says so; a catalog query names the page's own tables", async ({
  page,
}) => {
  const [{ n: joined }] = (await sql<{ n: number }>(
    `SELECT count(*) AS n FROM ${PAIRS} a JOIN ${PAIRS} b USING (prompt)`,
  )) as [{ n: number }];
  const query =
    "SELECT a.prompt_id, b.prompt_id FROM ultrafeedback_binarized_test_prefs a JOIN ultrafeedback_binarized_test_prefs b USING (prompt)";
  await visit(page, `/?ds=ultrafeedback_binarized-test_prefs&panel=sql&sql=${encodeURIComponent(query)}`);
  await expect(page.getByTestId("sql-result")).toHaveAttribute("data-rows", String(joined));
  expect(Number(joined)).toBeGreaterThan(59);
  await expect(page.getByTestId("sql-join-note")).toHaveText(
    `${joined} rows from the 59 pairs of ultrafeedback_binarized_test_prefs: prompt repeats on the other side, so those pairs are counted more than once.`,
  );

  const catalog = "SELECT table_name FROM information_schema.tables ORDER BY table_name";
  // a screen tall enough for every table's row to be drawn (the page's own tables are more than a few)
  await page.setViewportSize({ width: 1600, height: 2400 });
  await visit(page, `/?ds=ultrafeedback_binarized-test_prefs&panel=sql&sql=${encodeURIComponent(catalog)}`);
  const result = page.getByTestId("sql-result");
  await expect(result).toHaveAttribute("data-rows", /\d/);
  // The cells are read once every row is drawn (the result's count comes first).
  const cells = result.locator('[data-col="table_name"]');
  await expect(cells).toHaveCount(Number(await result.getAttribute("data-rows")));
  await expect.poll(async () => (await cells.allTextContents()).every((t) => t !== "")).toBe(true);
  const listed = await cells.allTextContents();
  // the marks are a table to query too (see the schema list)
  const own = listed.filter((name) => !["ultrafeedback_binarized_test_prefs", "marks"].includes(name)).sort();
  expect(listed).toContain("ultrafeedback_binarized_test_prefs");
  expect(own.length).toBeGreaterThan(0);
  const note = page.getByTestId("sql-internal-note");
  await expect(note).toContainText(`the page’s own storage, not a view to read: ${own.join(", ")}.`);
  await expect(note).toContainText("Query the views instead: ultrafeedback_binarized_test_prefs.");
  // a query that lists no table says nothing of them, and no join note is left from before
  await page.getByTestId("sql-editor").locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText("SELECT 1 AS one");
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(result).toHaveAttribute("data-rows", "1");
  await expect(note).toHaveCount(0);
  await expect(page.getByTestId("sql-join-note")).toHaveCount(0);
});

viewTest("a result's row opens whole, by a click or by Enter", async ({ view: page }) => {
  const [longest, second] = await sql<{ prompt: string; n: number }>(
    `SELECT prompt, length(prompt) AS n FROM ${PAIRS} ORDER BY n DESC, prompt LIMIT 2`,
  );
  const query = "SELECT prompt, length(prompt) AS n FROM ultrafeedback_binarized_test_prefs ORDER BY n DESC, prompt";
  await visit(page, `/?ds=ultrafeedback_binarized-test_prefs&panel=sql&sql=${encodeURIComponent(query)}`);
  const result = page.getByTestId("sql-result");
  await expect(result).toHaveAttribute("data-rows", "59");
  await expect(result.getByTestId("record-row").first()).toBeVisible();
  await result.getByTestId("record-row").first().locator('[data-col="prompt"]').click();
  const row = page.getByTestId("sql-row");
  await expect(row).toHaveAttribute("data-row", "0");
  await expect(row.locator('[data-column="prompt"]')).toHaveText(longest!.prompt);
  await expect(row.locator('[data-column="n"]')).toHaveText(String(longest!.n));
  // ↓ moves the selection, and the row shown whole follows it
  await result.getByTestId("record-list").focus();
  await page.keyboard.press("ArrowDown");
  await expect(row).toHaveAttribute("data-row", "1");
  await expect(row.locator('[data-column="prompt"]')).toHaveText(second!.prompt);
  await page.getByTestId("sql-row-close").click();
  await expect(row).toHaveCount(0);
  // Enter on the list opens the selected row again
  await result.getByTestId("record-list").focus();
  await page.keyboard.press("Enter");
  await expect(row).toHaveAttribute("data-row", "1");
  // Enter opened the result's row, not the dataset's record full width
  await expect(page).not.toHaveURL(/pane=record/);
});

viewTest("an error is said once, about the query as written", async ({ view: page }) => {
  const error = page.getByTestId("sql-error");
  await visit(page, `/?ds=ultrafeedback&panel=sql&sql=${encodeURIComponent("SELEC 1")}`);
  await expect(error).toBeVisible();
  expect(await error.evaluate((el) => el.textContent)).toBe(
    'Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC 1\n        ^',
  );
  const query = "SELECT CAST(instruction AS INTEGER) FROM ultrafeedback";
  await visit(page, `/?ds=ultrafeedback&panel=sql&sql=${encodeURIComponent(query)}`);
  await expect(error).toContainText("Conversion Error");
  const text = (await error.evaluate((el) => el.textContent)) ?? "";
  expect(text).not.toContain("CREATE");
  expect(text).toContain(`LINE 1: ${query}\n${" ".repeat("LINE 1: SELECT ".length)}^`);
  await expect(page.getByText("Conversion Error", { exact: false })).toHaveCount(1);
});
