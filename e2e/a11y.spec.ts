import type { Page } from "@playwright/test";
import { expect, expectNoSeriousViolations, viewTest as test, visit } from "./fixtures";

/**
 * axe-core on every view and panel: no serious or critical violation of WCAG 2.x A/AA. A failure lists
 * each rule with the elements it found.
 */

const VIEWS: { name: string; path: string; ready: string; width?: number; then?: (page: Page) => Promise<void> }[] = [
  { name: "dialogue list and record", path: "/?row=33", ready: "message" },
  { name: "UltraFeedback record", path: "/?ds=ultrafeedback&row=0&pane=record", ready: "completion" },
  {
    name: "UltraFeedback list with the model summary",
    path: "/?ds=ultrafeedback&honesty=..2&summary=models",
    ready: "model-summary-row",
  },
  { name: "binarized pair", path: "/?ds=ultrafeedback_binarized-test_prefs", ready: "chosen" },
  { name: "UltraFeedback at 390 px", path: "/?ds=ultrafeedback", ready: "record-row", width: 390 },
  { name: "dialogue at 390 px", path: "/?row=30", ready: "record-row", width: 390 },
  {
    name: "UltraFeedback at 900 px, filtered, with a match to step to",
    path: "/?ds=ultrafeedback&honesty=..2&q=glaciers&row=0",
    ready: "completion",
    width: 900,
  },
  { name: "dialogue at 900 px", path: "/?row=33&q=Roman%20aqueducts", ready: "match-stepper", width: 900 },
  { name: "checks panel", path: "/?ds=ultrafeedback&panel=checks", ready: "check" },
  { name: "charts", path: "/?ds=ultrafeedback&panel=stats", ready: "chart" },
  { name: "dialogue charts, Japanese text picked", path: "/?ds=ultrachat-train_0&panel=stats&ja=yes", ready: "chart" },
  {
    name: "dialogue charts at 900 px",
    path: "/?ds=ultrachat-train_0&panel=stats",
    ready: "chart",
    width: 900,
  },
  { name: "dialogue charts at 390 px", path: "/?ds=ultrachat-train_0&panel=stats", ready: "chart", width: 390 },
  {
    name: "SQL console",
    path: "/?ds=ultrafeedback&panel=sql&sql=SELECT%20model%2C%20count(*)%20AS%20n%20FROM%20ultrafeedback_completions%20GROUP%20BY%20model",
    ready: "sql-result",
  },
  {
    name: "SQL console with a join's note and a result's row opened whole",
    path: `/?ds=ultrafeedback_binarized-test_prefs&panel=sql&sql=${encodeURIComponent(
      "SELECT a.prompt, b.prompt_id FROM ultrafeedback_binarized_test_prefs a JOIN ultrafeedback_binarized_test_prefs b USING (prompt)",
    )}`,
    ready: "sql-join-note",
    then: async (page) => {
      await page.getByTestId("sql-result").getByTestId("record-row").first().click();
      await page.getByTestId("sql-row-value").first().waitFor();
    },
  },
  {
    name: "a duplicate's record with its group",
    path: "/?ds=ultrafeedback&pane=record&check=duplicate_prompt",
    ready: "check-group",
  },
  {
    name: "a duplicate's record with its group at 390 px",
    path: "/?ds=ultrafeedback&pane=record&check=duplicate_prompt",
    ready: "check-group",
    width: 390,
  },
  {
    name: "SQL console with a join's note at 390 px",
    path: `/?ds=ultrafeedback_binarized-test_prefs&panel=sql&sql=${encodeURIComponent(
      "SELECT a.prompt, b.prompt_id FROM ultrafeedback_binarized_test_prefs a JOIN ultrafeedback_binarized_test_prefs b USING (prompt)",
    )}`,
    ready: "sql-join-note",
    width: 390,
  },
  { name: "a raw UltraChat dialogue", path: "/?ds=ultrachat-train_0&row=1", ready: "message" },
  {
    name: "the help",
    path: "/",
    ready: "record-row",
    then: async (page) => {
      await page.keyboard.press("?");
      await page.getByTestId("help").waitFor();
    },
  },
  {
    name: "the catalog",
    path: "/",
    ready: "record-row",
    then: async (page) => {
      await page.getByTestId("open-catalog").click();
      await page.getByTestId("catalog").waitFor();
    },
  },
];

for (const view of VIEWS) {
  test(`no serious accessibility violation: ${view.name}`, async ({ view: page }) => {
    await page.setViewportSize({ width: view.width ?? 1600, height: 1000 });
    await visit(page, view.path);
    await expect(page.getByTestId(view.ready).first()).toBeVisible();
    await expect(page.getByTestId("row-count")).toHaveText(/^[\d,]+ of [\d,]+ /);
    await view.then?.(page);
    await expectNoSeriousViolations(page, view.name);
    // What the view opened on top (the help, the catalog, a result's row) is closed for the next view.
    if (view.then) await page.keyboard.press("Escape");
  });
}
