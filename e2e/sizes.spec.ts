import type { Page } from "@playwright/test";
import { expect, expectNoSeriousViolations, fixture, rowsInView, sample, sqlCount, test } from "./fixtures";

/**
 * Every layout at five screens: a wide desktop, a laptop, 900 px, a phone, and 1280 × 800 at 200 % zoom.
 * Rows are counted inside the list's own scroller; the page never scrolls sideways; a record opens and
 * is left by tap and the browser's Back; the folded filter bar counts the filter set; axe is clean.
 */

const SIZES = [
  { name: "1600 × 1000", width: 1600, height: 1000, rows: 10, compact: false },
  { name: "1280 × 800", width: 1280, height: 800, rows: 6, compact: false },
  { name: "900 × 1000", width: 900, height: 1000, rows: 6, compact: false },
  { name: "390 × 844 (a phone)", width: 390, height: 844, rows: 3, compact: true },
  { name: "640 × 400 (1280 × 800 at 200 %)", width: 640, height: 400, rows: 1, compact: true },
];

const UF = `read_json([${["sharegpt", "false_qa", "truthful_qa"].map((f) => `'${sample(`ultrafeedback/${f}.jsonl`)}'`).join(", ")}])`;
const SFT = `read_parquet(['${sample("ultrachat_200k/test_sft-00000-of-00002.parquet")}', '${sample("ultrachat_200k/test_sft-00001-of-00002.parquet")}'])`;
const RAW = `read_json('${sample("ultrachat/train_0.jsonl")}')`;
const PREFS = `read_parquet('${sample("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet")}')`;

interface Layout {
  name: string;
  open: (page: Page) => Promise<void>;
  /** The filter the bar counts: set by the link, or by hand for a file. */
  filter: string;
  total: number;
  /** Rows the filter leaves, by SQL over the same file. */
  listed: () => Promise<number>;
  noun: string;
}

const LAYOUTS: Layout[] = [
  {
    name: "ultrachat_200k",
    open: (page) => page.goto("/?ds=ultrachat_200k-test_sft&turns=..4").then(() => undefined),
    filter: "turns=..4",
    total: 84,
    listed: () => sqlCount(`SELECT count(*) AS n FROM ${SFT} WHERE len(messages) <= 4`),
    noun: "rows",
  },
  {
    name: "raw UltraChat",
    open: (page) => page.goto("/?ds=ultrachat-train_0&turns=..4").then(() => undefined),
    filter: "turns=..4",
    total: 69,
    listed: () => sqlCount(`SELECT count(*) AS n FROM ${RAW} WHERE len(data) <= 4`),
    noun: "rows",
  },
  {
    name: "UltraFeedback",
    open: (page) => page.goto("/?ds=ultrafeedback&honesty=..2").then(() => undefined),
    filter: "honesty=..2",
    total: 60,
    listed: () =>
      sqlCount(
        `SELECT count(*) AS n FROM ${UF} WHERE len(list_filter(completions, c -> TRY_CAST(c.annotations.honesty.Rating AS DOUBLE) <= 2)) > 0`,
      ),
    noun: "prompts",
  },
  {
    name: "binarized",
    open: (page) => page.goto("/?ds=ultrafeedback_binarized-test_prefs&margin=..1").then(() => undefined),
    filter: "margin=..1",
    total: 59,
    listed: () => sqlCount(`SELECT count(*) AS n FROM ${PREFS} WHERE score_chosen - score_rejected <= 1`),
    noun: "pairs",
  },
  {
    name: "a generic table",
    open: async (page) => {
      await page.goto("/?ds=ultrafeedback");
      await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
      await page.getByTestId("file-input").setInputFiles(fixture("generic.jsonl"));
      await expect(page.getByTestId("row-count")).toHaveText("3 of 3 rows");
      const toggle = page.getByTestId("filter-toggle");
      if ((await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
      await page.getByTestId("column-filter").locator("summary").click();
      await page.getByTestId("column-filter-column").selectOption("score");
      await page.getByTestId("column-filter-min").fill("3");
      await page.getByTestId("column-filter-add").click();
    },
    filter: "score ≥ 3",
    total: 3,
    listed: () => sqlCount(`SELECT count(*) AS n FROM read_json('${fixture("generic.jsonl")}') WHERE score >= 3`),
    noun: "rows",
  },
];

/** The first row wholly in view, by its number. */
function firstInView(page: Page): Promise<number> {
  return page.getByTestId("record-list").evaluate((list) => {
    const box = list.getBoundingClientRect();
    const rows = [...list.querySelectorAll('[data-testid="record-row"]')]
      .filter((r) => r.getBoundingClientRect().top >= box.top - 1)
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    return Number(rows[0]?.getAttribute("data-row"));
  });
}

/**
 * A tap where the row is on screen. A locator's click scrolls the row wholly into view first when it
 * retries (a busy machine), which would move the list the test then expects to find unmoved.
 */
async function tapInPlace(page: Page, row: number) {
  const card = (await page.locator(`[data-testid="record-row"][data-row="${row}"]`).boundingBox())!;
  const list = (await page.getByTestId("record-list").boundingBox())!;
  const top = Math.max(card.y, list.y);
  const bottom = Math.min(card.y + card.height, list.y + list.height);
  await page.mouse.click(card.x + card.width / 2, (top + bottom) / 2);
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

for (const size of SIZES) {
  test(`at ${size.name}, every layout reads: rows in view, no sideways scroll, a record opened and left`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const layout of LAYOUTS) {
      const what = `${layout.name} at ${size.name}`;
      await layout.open(page);
      const listed = await layout.listed();
      expect(listed, what).toBeGreaterThan(1);
      expect(listed, what).toBeLessThan(layout.total);
      // As many rows as the screen holds, or every row listed when fewer.
      const want = Math.min(size.rows, listed);
      await expect(page.getByTestId("row-count"), what).toHaveText(`${listed} of ${layout.total} ${layout.noun}`);

      // The folded bar: one line that counts the filter and names it.
      const toggle = page.getByTestId("filter-toggle");
      await expect(toggle, what).toHaveAttribute("data-active", "1");
      if ((await toggle.getAttribute("aria-expanded")) === "true") await toggle.click();
      await expect(toggle, what).toHaveAttribute("aria-expanded", "false");
      await expect(page.getByTestId("filter-chip"), what).toHaveCount(1);

      await expect(page.getByTestId("record-row").nth(want - 1), what).toBeVisible();
      expect(await rowsInView(page), what).toBeGreaterThanOrEqual(want);
      expect(await pageWidth(page), what).toBe(size.width);
      await expect(page.getByTestId("panes"), what).toHaveAttribute("data-pane", size.compact ? "list" : "split");
      await expectNoSeriousViolations(page, `${what}, the list`);

      const list = page.getByTestId("record-list");
      if (size.compact) {
        // A phone: a tap opens the record full screen; Back returns to the same place in the list.
        await list.evaluate((el) => (el.scrollTop = el.scrollHeight / 3));
        // The rows there are fetched as they come into view: wait for them before reading one.
        await expect.poll(() => firstInView(page), { message: what }).not.toBeNaN();
        const row = await firstInView(page);
        const top = await list.evaluate((el) => el.scrollTop);
        if (await list.evaluate((el) => el.scrollHeight > el.clientHeight + 50)) expect(top, what).toBeGreaterThan(0);
        await tapInPlace(page, row);
        await expect(page.getByTestId("panes"), what).toHaveAttribute("data-pane", "record");
        await expect(page.getByTestId("record"), what).toHaveAttribute("data-row", String(row));
        await expect(page.getByTestId("record-list"), what).toHaveCount(0);
        const panel = (await page.getByTestId("record-panel").boundingBox())!;
        expect(panel.height, `${what}: the record takes the screen`).toBeGreaterThan(size.height * 0.75);
        expect(await pageWidth(page), what).toBe(size.width);
        await expectNoSeriousViolations(page, `${what}, the record`);
        await page.goBack();
        await expect(page.getByTestId("panes"), what).toHaveAttribute("data-pane", "list");
        await expect(page.locator(`[data-testid="record-row"][data-row="${row}"]`), what).toBeVisible();
        // the place is given back once the list is drawn again: read it when it settles there
        await expect.poll(() => list.evaluate((el) => el.scrollTop), { message: what }).toBe(top);
        // The visible way back does the same.
        await tapInPlace(page, row);
        await expect(page.getByTestId("record"), what).toHaveAttribute("data-row", String(row));
        await page.getByTestId("back-to-list").click();
        await expect(page.getByTestId("panes"), what).toHaveAttribute("data-pane", "list");
        // the place is given back once the list is drawn again: read it when it settles there
        await expect.poll(() => list.evaluate((el) => el.scrollTop), { message: what }).toBe(top);
        if (layout.name === "UltraFeedback") {
          // The panels wait behind the menu, and fill the screen when opened.
          for (const panel of ["stats", "checks", "sql"]) {
            await page.getByTestId("header-menu").locator("summary").click();
            await page.getByTestId(`panel-${panel}`).click();
            await expect(page.getByTestId("record-list"), what).toHaveCount(0);
            await expect(
              page.getByTestId(panel === "stats" ? "chart" : panel === "checks" ? "check" : "sql-run").first(),
              what,
            ).toBeVisible();
            expect(await pageWidth(page), `${what}, panel ${panel}`).toBe(size.width);
            await page.getByTestId("back-to-list").click();
            await expect(page.getByTestId("panes"), what).toHaveAttribute("data-pane", "list");
          }
        }
      } else {
        // Wider: a click shows the row beside the list, a double click opens it alone; Back returns.
        const second = page.getByTestId("record-row").nth(1);
        const row = Number(await second.getAttribute("data-row"));
        await second.click();
        await expect(page.getByTestId("record"), what).toHaveAttribute("data-row", String(row));
        const beside = (await page.getByTestId("record-panel").boundingBox())!;
        expect(beside.height, `${what}: the record beside the list`).toBeGreaterThan(200);
        await second.dblclick();
        await expect(page.getByTestId("panes"), what).toHaveAttribute("data-pane", "record");
        await expect(page.getByTestId("record"), what).toHaveAttribute("data-row", String(row));
        expect(await pageWidth(page), what).toBe(size.width);
        await page.goBack();
        await expect(page.getByTestId("panes"), what).toHaveAttribute("data-pane", "split");
        await expect(page.getByTestId("record-row").nth(1), what).toBeVisible();
      }
    }
  });
}
