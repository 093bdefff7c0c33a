import { expect, sample, sql, viewTest, visit } from "./fixtures";

const PAIRS = `read_parquet('${sample("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet")}', file_row_number = true)`;

/** The pairs whose scores tie, by row number. */
async function tieRows(): Promise<number[]> {
  const rows = await sql<{ r: number }>(
    `SELECT file_row_number AS r FROM ${PAIRS} WHERE score_chosen = score_rejected ORDER BY r`,
  );
  return rows.map((x) => Number(x.r));
}

viewTest(
  "in Record view, a filter that leaves the open record out moves to the first row it lists",
  async ({ view: page }) => {
    const ties = await tieRows();
    expect(ties.length).toBeGreaterThan(0);
    expect(ties[0]).not.toBe(0);
    await visit(page, "/?ds=ultrafeedback_binarized-test_prefs&pane=record");
    await expect(page.getByTestId("record")).toHaveAttribute("data-row", "0");
    await page.getByTestId("filter-ties").selectOption("only");
    await expect(page.getByTestId("row-count")).toHaveText(`${ties.length} of 59 pairs`);
    await expect(page.getByTestId("record")).toHaveAttribute("data-row", String(ties[0]));
    await expect(page.getByTestId("record-not-listed")).toHaveCount(0);
    // and the same from a link that names no row
    await visit(page, "/?ds=ultrafeedback_binarized-test_prefs&pane=record&ties=only");
    await expect(page.getByTestId("row-count")).toHaveText(`${ties.length} of 59 pairs`);
    await expect(page.getByTestId("record")).toHaveAttribute("data-row", String(ties[0]));
  },
);

viewTest(
  "a link that opens a row its filters leave out says so, with a way to the first listed",
  async ({ view: page }) => {
    const ties = await tieRows();
    await visit(page, "/?ds=ultrafeedback_binarized-test_prefs&pane=record&ties=only&row=0");
    await expect(page.getByTestId("row-count")).toHaveText(`${ties.length} of 59 pairs`);
    await expect(page.getByTestId("record")).toHaveAttribute("data-row", "0");
    const note = page.getByTestId("record-not-listed");
    await expect(note).toHaveText(
      new RegExp(`^Row 0 is not among the ${ties.length} pairs listed: it is shown because the link names it\\.`),
    );
    await note.getByTestId("record-not-listed-first").click();
    await expect(page.getByTestId("record")).toHaveAttribute("data-row", String(ties[0]));
    await expect(page.getByTestId("record-not-listed")).toHaveCount(0);
    // a listed row named by a link is shown without a word
    await visit(page, `/?ds=ultrafeedback_binarized-test_prefs&pane=record&ties=only&row=${ties.at(-1)}`);
    await expect(page.getByTestId("record")).toHaveAttribute("data-row", String(ties.at(-1)));
    await expect(page.getByTestId("row-count")).toHaveText(`${ties.length} of 59 pairs`);
    await expect(page.getByTestId("record-not-listed")).toHaveCount(0);
  },
);

viewTest("the next record opens at its top, not where the one before was left", async ({ view: page }) => {
  await visit(page, "/?ds=ultrafeedback&pane=record");
  const panel = page.getByTestId("record-panel");
  await expect(page.getByTestId("record")).toHaveAttribute("data-row", "0");
  await expect(page.getByTestId("completion")).toHaveCount(4);
  await panel.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  expect(await panel.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
  await page.keyboard.press("j");
  await expect(page.getByTestId("record")).toHaveAttribute("data-row", "1");
  await expect.poll(() => panel.evaluate((el) => el.scrollTop)).toBe(0);
});
