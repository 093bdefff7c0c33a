import { expect, openSample, sample, sql, steady, test, viewTest, visit } from "./fixtures";

/** Keys for a day of reading: the search hands focus back, checkboxes keep the page keys, the record takes focus. */

test.use({ viewport: { width: 1600, height: 1000 } });

const SFT = `read_parquet(['${sample("ultrachat_200k/test_sft-00000-of-00002.parquet")}', '${sample("ultrachat_200k/test_sft-00001-of-00002.parquet")}'])`;

viewTest(
  "Esc in the search clears it and hands focus to the list: j then moves to the next row and types nothing",
  async ({ view: page }) => {
    await openSample(page);
    await page.keyboard.press("/");
    await expect(page.getByTestId("search")).toBeFocused();
    await page.keyboard.type("tide");
    await expect(page.getByTestId("row-count")).not.toHaveText("84 of 84 rows");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("search")).toHaveValue("");
    await expect(page.getByTestId("row-count")).toHaveText("84 of 84 rows");
    await expect(page.getByTestId("record-list")).toBeFocused();
    const selected = Number(
      await steady(() => page.locator('[data-testid="record-row"][aria-selected="true"]').getAttribute("data-row")),
    );
    await page.keyboard.press("j");
    await expect(page).toHaveURL(new RegExp(`row=${selected + 1}(&|$)`));
    await expect(page.getByTestId("search")).toHaveValue("");
    await expect(page).not.toHaveURL(/q=/);
  },
);

viewTest(
  "Enter in the search searches at once and goes to the list, where ↓ moves the selection",
  async ({ view: page }) => {
    const [{ n }] = (await sql(
      `SELECT count(*) AS n FROM ${SFT} WHERE len(list_filter(messages, m -> contains(m.content, '潮だまり'))) > 0`,
    )) as [{ n: number }];
    await openSample(page);
    await page.keyboard.press("/");
    await page.keyboard.type("潮だまり");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("row-count")).toHaveText(`${n} of 84 rows`);
    await expect(page.getByTestId("record-list")).toBeFocused();
    // in the default order the rows listed are the matching rows by number; ↓ selects the one after the selection
    const listed = async () =>
      (
        await page.getByTestId("record-row").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-row"))))
      ).sort((a, b) => a - b);
    // the count can show before the page of rows has filled in
    await expect(page.getByTestId("record-row")).toHaveCount(Number(n));
    const rows = await listed();
    // with no row in the link the first row listed is the one shown, and selected
    await expect(page.locator('[data-testid="record-row"][aria-selected="true"]')).toHaveCount(1);
    const selected = await steady(() =>
      page
        .locator('[data-testid="record-row"][aria-selected="true"]')
        .evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-row")))),
    );
    // ↓ moves from the selected row, or to the first row when none of the rows listed is selected
    const at = selected.length ? rows.indexOf(selected[0]!) : -1;
    await page.keyboard.press("ArrowDown");
    await expect(page).toHaveURL(new RegExp(`row=${rows[at + 1]}(&|$)`));
    await page.keyboard.press("ArrowDown");
    await expect(page).toHaveURL(new RegExp(`row=${rows[at + 2]}(&|$)`));
  },
);

viewTest("after ticking a filter's checkbox the page keys still work", async ({ view: page }) => {
  await visit(page, "/?ds=ultrafeedback");
  await expect(page.getByTestId("completion").first()).toBeVisible();
  await page.getByTestId("filter-na").check();
  await expect(page).toHaveURL(/na=1/);
  await expect(page.getByTestId("filter-na")).toBeFocused();
  await page.keyboard.press("m");
  await expect(page.getByTestId("model-summary")).toBeVisible();
  await page.keyboard.press("x");
  await expect(page.getByTestId("checks-panel")).toBeVisible();
});

test("Enter puts focus in the record, Esc puts it back on the list at the same row", async ({ page }) => {
  await openSample(page, "/?row=33");
  await page.locator('[data-testid="record-row"][data-row="33"]').click();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/pane=record/);
  await expect(page.getByTestId("record-panel")).toBeFocused();
  // the keys that scroll read the record
  const panel = page.getByTestId("record-panel");
  await page.keyboard.press("End");
  await expect.poll(() => panel.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("record-list")).toBeFocused();
  await expect(page.locator('[data-testid="record-row"][data-row="33"]')).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowDown");
  await expect(page).toHaveURL(/row=34(&|$)/);
});

viewTest(
  "n and Shift+N step through the matches of the search in a long record, down to one below the fold",
  async ({ view: page }) => {
    // row 33 is a dialogue of 24 turns; "Roman aqueducts" comes up in its later turns only
    const [{ n }] = (await sql(
      `SELECT sum(len(string_split(lower(m.content), 'roman aqueducts')) - 1) AS n FROM ` +
        `(SELECT unnest(messages) AS m FROM (SELECT messages, row_number() OVER () - 1 AS r FROM ${SFT}) WHERE r = 33)`,
    )) as [{ n: number }];
    expect(Number(n)).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1600, height: 600 });
    await openSample(page, "/?row=33&q=Roman%20aqueducts");
    const stepper = page.getByTestId("match-stepper");
    await expect(stepper).toHaveAttribute("data-count", String(n));
    const first = page.getByTestId("record-panel").locator("mark").first();
    await expect(first).not.toBeInViewport();
    await page.keyboard.press("n");
    await expect(page.getByTestId("match-count")).toHaveText(`Match 1 of ${n}`);
    await expect(first).toBeInViewport();
    await expect(first).toHaveAttribute("data-current", "true");
    await page.getByTestId("match-next").click();
    await expect(page.getByTestId("match-count")).toHaveText(`Match 2 of ${n}`);
    await page.keyboard.press("Shift+N");
    await expect(page.getByTestId("match-count")).toHaveText(`Match 1 of ${n}`);
    await expect(page.getByTestId("search")).toHaveValue("Roman aqueducts");
  },
);

test("n past the last match of a record goes on to the next record that matches, Shift+N back to the last", async ({
  page,
}) => {
  const matches = `len(string_split(lower(array_to_string(list_transform(messages, m -> m.content), chr(10))), 'roman aqueducts')) - 1`;
  const rows = await sql<{ r: number; n: number }>(
    `SELECT r, ${matches} AS n FROM (SELECT messages, row_number() OVER () - 1 AS r FROM ${SFT}) WHERE ${matches} > 0 ORDER BY r`,
  );
  expect(rows.length).toBeGreaterThan(1);
  const [first, second] = [rows[0]!, rows[1]!];
  await openSample(page, `/?row=${first.r}&q=Roman%20aqueducts`);
  await expect(page.getByTestId("match-stepper")).toHaveAttribute("data-count", String(first.n));
  for (let i = 1; i <= Number(first.n); i++) {
    await page.keyboard.press("n");
    await expect(page.getByTestId("match-count")).toHaveText(`Match ${i} of ${first.n}`);
  }
  await page.keyboard.press("n");
  await expect(page.getByTestId("record")).toHaveAttribute("data-row", String(second.r));
  await expect(page.getByTestId("match-count")).toHaveText(`Match 1 of ${second.n}`);
  await expect(page.getByTestId("record-panel").locator('mark[data-current="true"]')).toBeInViewport();
  await page.keyboard.press("Shift+N");
  await expect(page.getByTestId("record")).toHaveAttribute("data-row", String(first.r));
  await expect(page.getByTestId("match-count")).toHaveText(`Match ${first.n} of ${first.n}`);
});
