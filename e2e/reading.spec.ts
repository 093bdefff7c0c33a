import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, sample, settled, sql, steady, test, viewTest, visit } from "./fixtures";

/**
 * Reading at length: the split between list and record moves and is kept; a long record keeps its
 * header and the completions' names in view; a long dialogue has an outline; ids copy whole; a model's
 * own ratings in the list.
 */

const UF = `read_json([${["sharegpt", "false_qa", "truthful_qa"].map((f) => `'${sample(`ultrafeedback/${f}.jsonl`)}'`).join(", ")}])`;

const listHeight = async (page: Page) => (await page.getByTestId("record-list").boundingBox())!.height;

viewTest(
  "the split between list and record moves by keys and by dragging, is kept, and resets",
  async ({ view: page }) => {
    await visit(page, "/?ds=ultrafeedback");
    await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
    await expect(page.getByTestId("record")).toBeVisible();
    const handle = page.getByTestId("split-handle");
    await expect(handle).toHaveAttribute("role", "separator");
    // Measured once nothing above the list changes any more (the load's end, its copy kept in this browser).
    await settled(page);
    const start = await steady(() => listHeight(page));
    await handle.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => listHeight(page)).toBeGreaterThan(start + 40);
    const moved = await listHeight(page);
    await page.reload();
    await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
    await settled(page);
    await expect.poll(() => listHeight(page)).toBe(moved);

    // Dragged to a third of the panes' height.
    const panes = (await page.getByTestId("panes").boundingBox())!;
    const bar = (await handle.boundingBox())!;
    await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2);
    await page.mouse.down();
    await page.mouse.move(bar.x + bar.width / 2, panes.y + panes.height / 3, { steps: 5 });
    await page.mouse.up();
    await expect(handle).toHaveAttribute("aria-valuenow", "33");
    await expect
      .poll(async () => Math.abs((await handle.boundingBox())!.y - (panes.y + panes.height / 3)))
      .toBeLessThan(4);

    await handle.dblclick();
    await expect.poll(() => listHeight(page)).toBe(start);
  },
);

viewTest("reading down a record, its header and the four model names stay in view", async ({ view: page }) => {
  await page.setViewportSize({ width: 900, height: 1000 });
  await visit(page, "/?ds=ultrafeedback&row=2&pane=record");
  await expect(page.getByTestId("completion")).toHaveCount(4);
  const panel = page.getByTestId("record-panel");
  // Marked as it is read: the mark shows in the header that stays.
  await page.getByTestId("mark-stay").check();
  await page.keyboard.press("1");
  await expect(page.getByTestId("record-header").getByTestId("record-mark")).toHaveAttribute("data-mark", "keep");
  // Read 1200 px down (scrolled there again should the record move, as the page settles): the header sits at
  // the panel's top, the names right under it, while the first completion's name has left the screen.
  const names = page.getByTestId("completion-names");
  await expect
    .poll(async () => {
      await panel.evaluate((el) => (el.scrollTop = 1200));
      // The panel's own top, read each time: the bars above it may change as the page settles.
      const top = (await panel.boundingBox())!.y;
      const header = (await page.getByTestId("record-header").boundingBox())!;
      const strip = (await names.boundingBox())!;
      return [Math.round(header.y - top), Math.round(strip.y - (header.y + header.height))];
    })
    .toEqual([0, 0]);
  await expect(page.getByTestId("completion").first().getByTestId("completion-model")).not.toBeInViewport();
  await expect(page.getByTestId("record-header")).toContainText("row 2");
  const [row] = await sql<{ models: string[] }>(
    `SELECT list_transform(completions, c -> c.model) AS models FROM (SELECT *, row_number() OVER () - 1 AS r FROM ${UF}) WHERE r = 2`,
  );
  await expect(names.getByRole("button")).toHaveText(row!.models.map((m, i) => `${i + 1}${m}`));
  // A name leads to its completion.
  await names.getByRole("button").nth(3).click();
  await expect(page.getByTestId("completion").nth(3)).toBeInViewport();
});

viewTest(
  "a long dialogue has an outline of its turns, with the search's matches, to jump by",
  async ({ view: page }) => {
    const rows = readFileSync(sample("ultrachat/train_0.jsonl"), "utf8").trim().split("\n");
    const turns = (JSON.parse(rows[33]!) as { data: string[] }).data;
    expect(turns.length).toBeGreaterThan(8);
    const found = turns.flatMap((t, i) => (t.toLowerCase().includes("remember") ? [i + 1] : []));
    expect(found.length).toBeGreaterThan(1);
    await visit(page, "/?ds=ultrachat-train_0&row=33&q=remember");
    await expect(page.getByTestId("message")).toHaveCount(turns.length);
    const outline = page.getByTestId("turn-outline").locator("visible=true");
    await expect(outline.getByTestId("outline-turn")).toHaveCount(turns.length);
    const marked = outline.locator('[data-testid="outline-turn"][data-found]');
    await expect(marked).toHaveCount(found.length);
    await expect(marked.first()).toContainText(String(found[0]));
    // Far down (jumped there again should the record move as the page settles), the search's stepper and the
    // record's header both stay, one under the other.
    await expect
      .poll(async () => {
        await outline.getByTestId("outline-turn").nth(21).click();
        const panelTop = (await page.getByTestId("record-panel").boundingBox())!.y;
        const stepper = (await page.getByTestId("match-stepper").boundingBox())!;
        const header = (await page.getByTestId("record-header").boundingBox())!;
        return [Math.round(stepper.y - panelTop), Math.round(header.y - (stepper.y + stepper.height))];
      })
      .toEqual([0, 0]);
    await expect(page.getByTestId("message").nth(21)).toBeInViewport();
    await expect(page.getByTestId("match-count")).toBeInViewport();
    // A dialogue of a few turns has none.
    await visit(page, "/?ds=ultrachat-train_0&row=1");
    await expect(page.getByTestId("message").first()).toBeVisible();
    await expect(page.getByTestId("turn-outline")).toHaveCount(0);
  },
);

test("an id shown cut is copied whole", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const [row] = await sql<{ id: string }>(
    `SELECT prompt_id AS id FROM read_parquet('${sample("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet")}') LIMIT 1 OFFSET 3`,
  );
  expect(row!.id.length).toBeGreaterThan(16);
  await visit(page, "/?ds=ultrafeedback_binarized-test_prefs&row=3&pane=record");
  const header = page.getByTestId("record-header");
  await expect(header).toContainText(`id ${row!.id.slice(0, 16)}…`);
  await header.getByTitle("Copy the whole id").click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(row!.id);
});

viewTest(
  "with Ratings of: a model, the list shows that model's own ratings, and sorts by them",
  async ({ view: page }) => {
    const model = "alpaca-7b";
    const own = await sql<{ r: number; honesty: string | null; overall: number | null }>(
      `SELECT r, (list_filter(completions, c -> c.model = $1)[1]).annotations.honesty.Rating AS honesty,
       (list_filter(completions, c -> c.model = $1)[1]).overall_score AS overall
     FROM (SELECT *, row_number() OVER () - 1 AS r FROM ${UF})
     WHERE len(list_filter(completions, c -> c.model = $1)) > 0 ORDER BY r`,
      [model],
    );
    await visit(page, `/?ds=ultrafeedback&scope=model:${model}`);
    await expect(page.getByTestId("row-count")).toHaveText(`${own.length} of 60 prompts`);
    await expect(page.getByRole("columnheader", { name: `ratings of ${model}`, exact: true })).toBeVisible();
    const first = page.getByTestId("record-row").first();
    await expect(first).toHaveAttribute("data-row", String(own[0]!.r));
    const shown = (v: string | null) => (v === null || !/^\d+$/.test(v.trim()) ? "—" : v.trim());
    await expect(first.locator('[data-col="__own_honesty"]')).toHaveText(shown(own[0]!.honesty));
    await expect(first.locator('[data-col="__own_overall"]')).toHaveText(String(own[0]!.overall));
    // Sorted by its honesty, highest first.
    await page.getByTestId("sort-__own_honesty").click();
    const best = [...own].sort(
      (a, b) => (Number(shown(b.honesty)) || -1) - (Number(shown(a.honesty)) || -1) || a.r - b.r,
    )[0]!;
    await expect(page.getByTestId("record-row").first()).toHaveAttribute("data-row", String(best.r));
    await expect(page).toHaveURL(/sort=own_honesty\.desc/);
  },
);
