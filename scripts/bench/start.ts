import type { Browser } from "@playwright/test";
import { median } from "./measure";

/** A fresh context each time (no cache), to the first bundled row, then a reload of the same page; `times` over. */
export async function coldStart(browser: Browser, url: string, times = 3) {
  const cold: { first: number; db: number; duckdb: number; wasm: number; warm: number; warmDb: number }[] = [];
  for (let i = 0; i < times; i++) {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    let wasmBytes = 0;
    // the engine's worker fetches the wasm; responses of workers reach the context too
    context.on("response", (res) => {
      if (res.url().endsWith(".wasm")) wasmBytes += Number(res.headers()["content-length"] ?? 0);
    });
    await context.addInitScript(() => {
      // the first row on screen (from the prerendered first page), and the list served by the database
      new MutationObserver((_, observer) => {
        const seen = performance.getEntriesByName("bench:first-row").length > 0;
        if (!seen && document.querySelector('[data-testid="record-row"]')) performance.mark("bench:first-row");
        if (/^84 of 84 rows$/.test(document.querySelector('[data-testid="row-count"]')?.textContent ?? "")) {
          performance.mark("bench:db-rows");
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    const page = await context.newPage();
    const firstRow = async () => {
      await page
        .getByTestId("row-count")
        .getByText(/^84 of 84 rows$/)
        .waitFor({ timeout: 60_000 });
      return page.evaluate(() =>
        ["bench:first-row", "bench:db-rows", "duckdb:start", "duckdb:ready"].map(
          (n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN,
        ),
      );
    };
    await page.goto(`${url}/`);
    const [first, db, start, ready] = await firstRow();
    const wasm = wasmBytes;
    await page.reload();
    const [warm, warmDb] = await firstRow();
    cold.push({ first: first!, db: db!, duckdb: ready! - start!, wasm, warm: warm!, warmDb: warmDb! });
    await context.close();
  }
  return {
    firstRowMs: median(cold.map((c) => c.first)),
    duckdbStartMs: median(cold.map((c) => c.duckdb)),
    wasmMB: median(cold.map((c) => c.wasm)) / 1e6,
    warmFirstRowMs: median(cold.map((c) => c.warm)),
    databaseRowsMs: median(cold.map((c) => c.db)),
    warmDatabaseRowsMs: median(cold.map((c) => c.warmDb)),
  };
}
