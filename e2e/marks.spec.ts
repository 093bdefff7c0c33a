import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, sample, settled, sql, sqlCount, test, visit } from "./fixtures";

const RAW = "/?ds=ultrachat-train_0";
const RAW_FILE = `read_json('${sample("ultrachat/train_0.jsonl")}')`;

/** The rows the list holds, by row number, once it shows `n` of them. */
async function listedRows(page: Page, n: number): Promise<number[]> {
  await expect(page.getByTestId("record-row")).toHaveCount(n);
  return (
    await page.getByTestId("record-row").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-row"))))
  ).sort((a, b) => a - b);
}

async function expectCounts(page: Page, keep: number, discard: number, review: number) {
  const count = page.getByTestId("mark-count");
  await expect(count).toHaveAttribute("data-keep", String(keep));
  await expect(count).toHaveAttribute("data-discard", String(discard));
  await expect(count).toHaveAttribute("data-review", String(review));
}

/** Marks rows 0–4 with the keys: discard, discard, keep, review, discard (each moves on to the next row). */
async function markFive(page: Page) {
  await page.goto(`${RAW}&pane=record`);
  const record = page.getByTestId("record");
  await expect(record).toHaveAttribute("data-row", "0");
  await expect(page.getByTestId("mark-bar")).toHaveAttribute("data-mark", "");
  for (const [i, key] of ["2", "2", "1", "3", "2"].entries()) {
    await expect(record).toHaveAttribute("data-row", String(i));
    await expect(page.getByTestId("mark-bar")).toBeVisible();
    await page.keyboard.press(key);
  }
  await expect(record).toHaveAttribute("data-row", "5");
  await expectCounts(page, 1, 3, 1);
}

test("five rows marked by keys are there after a reload, and mark= lists exactly them", async ({ page }) => {
  await markFive(page);
  await page.keyboard.press("k");
  await expect(page.getByTestId("record")).toHaveAttribute("data-row", "4");
  await expect(page.getByTestId("mark-bar")).toHaveAttribute("data-mark", "discard");

  await page.reload();
  await expect(page.getByTestId("record")).toHaveAttribute("data-row", "4");
  await expect(page.getByTestId("mark-bar")).toHaveAttribute("data-mark", "discard");
  await expectCounts(page, 1, 3, 1);

  await visit(page, `${RAW}&mark=discard`);
  await expect(page.getByTestId("row-count")).toHaveText("3 of 69 rows");
  expect(await listedRows(page, 3)).toEqual([0, 1, 4]);
  await expect(page.getByTestId("filter-chip")).toContainText("marked: discarded");
  await visit(page, `${RAW}&mark=keep&mark=review`);
  await expect(page.getByTestId("row-count")).toHaveText("2 of 69 rows");
  expect(await listedRows(page, 2)).toEqual([2, 3]);
  await visit(page, `${RAW}&mark=none`);
  await expect(page.getByTestId("row-count")).toHaveText("64 of 69 rows");
  // The list shows each row's mark.
  await visit(page, RAW);
  await expect(page.locator('[data-testid="record-row"][data-row="1"] [data-testid="row-mark"]')).toHaveAttribute(
    "data-mark",
    "discard",
  );
  await expect(page.locator('[data-testid="record-row"][data-row="2"] [data-testid="row-mark"]')).toHaveAttribute(
    "data-mark",
    "keep",
  );
  await expect(page.locator('[data-testid="record-row"][data-row="7"] [data-testid="row-mark"]')).toHaveCount(0);
  // The charts count the rows by mark; a click on a bar lists those rows, and the other charts count them.
  await visit(page, `${RAW}&panel=stats`);
  const chart = page.locator('[data-testid="chart"][data-chart="marks"]');
  for (const [mark, n] of [
    ["keep", 1],
    ["discard", 3],
    ["review", 1],
    ["none", 64],
  ] as const)
    await expect(chart.locator(`[data-value="${mark}"]`)).toHaveAttribute("data-count", String(n));
  await chart.locator('[data-value="discard"]').click();
  await expect(page).toHaveURL(/mark=discard(&|$)/);
  await expect(page.getByTestId("row-count")).toHaveText("3 of 69 rows");
  await expect(chart.locator('[data-value="discard"]')).toHaveAttribute("data-selected", "true");
});

test("a note, a mark that stays, clear, and undo", async ({ page }) => {
  await page.goto(`${RAW}&pane=record&row=6`);
  const bar = page.getByTestId("mark-bar");
  await expect(bar).toBeVisible();
  await page.getByTestId("mark-stay").check();
  await page.keyboard.press("3");
  await expect(bar).toHaveAttribute("data-mark", "review");
  await expect(page.getByTestId("record")).toHaveAttribute("data-row", "6");
  await page.keyboard.press("e");
  const input = page.getByTestId("mark-note-input");
  await expect(input).toBeFocused();
  await input.fill("answer <b>cut</b> short; '); DROP TABLE marks; --");
  await input.press("Enter");
  await expect(page.getByTestId("mark-note-text")).toHaveText(
    "Note: answer <b>cut</b> short; '); DROP TABLE marks; --",
  );
  await expect(bar).toHaveAttribute("data-mark", "review");
  await page.keyboard.press("0");
  await expect(bar).toHaveAttribute("data-mark", "");
  await page.keyboard.press("u");
  await expect(bar).toHaveAttribute("data-mark", "review");
  await expect(page.getByTestId("mark-said")).toHaveText(/^Undone: clear · row 6/);
  await page.getByTestId("mark-stay").uncheck();
  // The marks table is in the console, to join.
  await page.goto(`${RAW}&panel=sql&sql=${encodeURIComponent("SELECT key, mark, note FROM marks")}`);
  await page.getByTestId("sql-run").click();
  await expect(page.getByTestId("sql-result")).toContainText("answer <b>cut</b> short");
});

test("the kept rows exported as JSON Lines open again with the same count; the marks move to a fresh profile", async ({
  page,
  browser,
}) => {
  await markFive(page);
  await page.goto(`${RAW}&mark=keep&mark=discard`);
  await expect(page.getByTestId("row-count")).toHaveText("4 of 69 rows");
  await page.getByTestId("export-format").selectOption("jsonl");
  const [rows] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
  const rowsPath = test.info().outputPath(rows.suggestedFilename());
  await rows.saveAs(rowsPath);
  expect(await sqlCount(`SELECT count(*) AS n FROM read_json('${rowsPath}')`)).toBe(4);
  const [marksFile] = await Promise.all([page.waitForEvent("download"), page.getByTestId("marks-export").click()]);
  expect(marksFile.suggestedFilename()).toBe("ultrachat_train_0-marks.jsonl");
  const marksPath = test.info().outputPath(marksFile.suggestedFilename());
  await marksFile.saveAs(marksPath);
  expect(
    await sqlCount(
      `SELECT count(*) AS n FROM read_json('${marksPath}') m JOIN ${RAW_FILE} d ON m.key = d.id WHERE m.dataset = 'ultrachat_raw' AND m.mark IN ('keep', 'discard', 'review')`,
    ),
  ).toBe(5);

  await page.getByTestId("file-input").setInputFiles([rowsPath]);
  await expect(page.getByTestId("row-count")).toHaveText("4 of 4 rows");

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(RAW);
  await expect(other.getByTestId("row-count")).toHaveText("69 of 69 rows");
  await expect(other.getByTestId("mark-count")).toHaveCount(0);
  await other.getByTestId("marks-import").setInputFiles([marksPath]);
  await expect(other.getByTestId("marks-import-result")).toContainText(
    "ultrachat_train_0-marks.jsonl: 5 marks read · 5 new, 0 replaced an older one, 0 older than the page's kept out · 5 of 5 ids name rows of this dataset",
  );
  await expectCounts(other, 1, 3, 1);
  await other.goto(`${RAW}&mark=discard`);
  await expect(other.getByTestId("row-count")).toHaveText("3 of 69 rows");
  await fresh.close();
});

test("a bad marks file is named by line, and nothing that was marked is lost", async ({ page }) => {
  await page.goto(RAW);
  await expect(page.getByTestId("row-count")).toHaveText("69 of 69 rows");
  await page.getByTestId("marks-import").setInputFiles({
    name: "bad.jsonl",
    mimeType: "application/jsonl",
    buffer: Buffer.from(
      '{"key": "3", "mark": "keep"}\n{"key": "4", "mark": "maybe"}\nnot json\n{"key": "zz", "mark": "discard"}\n',
    ),
  });
  const result = page.getByTestId("marks-import-result");
  await expect(result).toContainText("bad.jsonl: 2 marks read · 2 new");
  await expect(result).toContainText(
    "1 of 2 ids name rows of this dataset; the other 1 are kept for when they are opened",
  );
  await expect(result).toContainText(
    '2 lines are not marks: bad.jsonl, line 2: "mark" must be keep, discard, review, swap or null, not "maybe"; bad.jsonl, line 3: not JSON',
  );
  await expectCounts(page, 1, 1, 0);
  await page.getByTestId("marks-menu").locator("summary").click();
  await page.getByTestId("marks-open").click();
  await expect(page.getByTestId("marked-row")).toHaveCount(1);
  await expect(page.getByTestId("marks-missing")).toContainText("1 mark names no row of this dataset");
});

test("every row a check lists, marked at once, and undone", async ({ page }) => {
  await page.goto(`${RAW}&check=ends_on_user`);
  await expect(page.getByTestId("row-count")).toHaveText(/^\d+ of 69 rows$/);
  await settled(page);
  const text = (await page.getByTestId("row-count").textContent()) ?? "";
  const n = Number(text.split(" ")[0]);
  expect(n, text).toBeGreaterThan(1);
  await page.getByTestId("marks-menu").locator("summary").click();
  await page.getByTestId("mark-listed").click();
  const dialog = page.getByTestId("mark-listed-dialog");
  await expect(dialog.getByRole("heading")).toHaveText(`Mark all ${n} rows listed`);
  await dialog.getByLabel("Discard").check();
  await page.getByTestId("mark-listed-confirm").click();
  await expectCounts(page, 0, n, 0);
  await expect(page.getByTestId("marks-import-result")).toHaveText(
    `Marked discard · ${n} rows listed. Undo with u. Dismiss`,
  );
  await page
    .getByTestId("mark-count")
    .getByRole("button", { name: `${n} discard` })
    .click();
  await expect(page.getByTestId("row-count")).toHaveText(`${n} of 69 rows`);
  await page.getByTestId("record-list").focus();
  await page.keyboard.press("u");
  await expect(page.getByTestId("mark-count")).toHaveCount(0);
  await expect(page).toHaveURL(/mark=discard/);
  await expect(page.getByTestId("row-count")).toHaveText("0 of 69 rows");
  await page.goto(`${RAW}&mark=discard`);
  await expect(page.getByTestId("row-count")).toHaveText("0 of 69 rows");
});

test("a completion of a prompt marked on its own; pairs swapped in the export", async ({ page }) => {
  await page.goto("/?ds=ultrafeedback&pane=record&row=2");
  await expect(page.getByTestId("completion")).toHaveCount(4);
  await page.getByTestId("completion-mark").nth(2).selectOption("discard");
  await expect(page.getByTestId("completion-mark").nth(2)).toHaveAttribute("data-mark", "discard");
  await expect(page.getByTestId("mark-bar")).toHaveAttribute("data-mark", "");
  await page.reload();
  await expect(page.getByTestId("completion-mark").nth(2)).toHaveAttribute("data-mark", "discard");
  await expect(page.getByTestId("completion-mark").nth(1)).toHaveAttribute("data-mark", "");

  const PAIRS = `read_parquet('${sample("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet")}', file_row_number = true)`;
  // The first row whose prompt_id other rows have too, and those rows.
  const shared = (
    await sql<{ r: number }>(
      `SELECT min(file_row_number) AS r FROM ${PAIRS} WHERE prompt_id IN (SELECT prompt_id FROM ${PAIRS} GROUP BY 1 HAVING count(*) > 1)`,
    )
  )[0]!.r;
  const sharing = (
    await sql<{ r: number }>(
      `SELECT file_row_number AS r FROM ${PAIRS} WHERE prompt_id = (SELECT prompt_id FROM ${PAIRS} WHERE file_row_number = ${Number(shared)}) AND file_row_number <> ${Number(shared)} ORDER BY r`,
    )
  ).map((x) => Number(x.r));
  expect(sharing.length).toBeGreaterThan(0);
  await page.goto(`/?ds=ultrafeedback_binarized-test_prefs&pane=record&row=${Number(shared)}`);
  await expect(page.getByTestId("mark-shared")).toHaveText(
    `Row${sharing.length === 1 ? "" : "s"} ${sharing.join(", ")} ${sharing.length === 1 ? "has" : "have"} the same prompt_id as this one: a mark here is on ${sharing.length === 1 ? "it" : "them"} too.`,
  );
  await page.goto("/?ds=ultrafeedback_binarized-test_prefs&pane=record&row=1");
  await expect(page.getByTestId("mark-bar")).toBeVisible();
  await page.keyboard.press("4");
  await expect(page.getByTestId("record")).toHaveAttribute("data-row", "2");
  await page.goto("/?ds=ultrafeedback_binarized-test_prefs&mark=swap");
  const swapped = await sqlCount(
    `SELECT count(*) AS n FROM ${PAIRS} WHERE prompt_id = (SELECT prompt_id FROM ${PAIRS} WHERE file_row_number = 1)`,
  );
  await expect(page.getByTestId("row-count")).toHaveText(`${swapped} of 59 pairs`);
  await page.getByTestId("export-swap").check();
  await page.getByTestId("export-marks").check();
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  expect(
    await sqlCount(
      `SELECT count(*) AS n FROM read_json('${path}') e JOIN ${PAIRS} p USING (prompt_id)
       WHERE e.chosen[2].content = p.rejected[2].content AND e.score_chosen = p.score_rejected AND e.mark = 'swap'`,
    ),
  ).toBe(swapped * swapped);
});

test("marks are accessible: the bar, the list column, the panel and the bulk dialog", async ({ page }) => {
  await markFive(page);
  await page.goto(`${RAW}&row=2`);
  await expect(page.getByTestId("mark-bar")).toHaveAttribute("data-mark", "keep");
  await expect(page.getByTestId("row-mark").first()).toBeVisible();
  const axe = async (what: string) => {
    const r = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
      .analyze();
    const serious = r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`);
    expect(serious, what).toEqual([]);
  };
  await axe("list and record with marks");
  await page.getByTestId("marks-menu").locator("summary").click();
  await page.getByTestId("marks-open").click();
  await expect(page.getByTestId("marked-row")).toHaveCount(5);
  await axe("marked rows");
  await page.keyboard.press("Escape");
  await page.getByTestId("marks-menu").locator("summary").click();
  await page.getByTestId("mark-listed").click();
  await expect(page.getByTestId("mark-listed-dialog")).toBeVisible();
  await axe("bulk dialog");
});
