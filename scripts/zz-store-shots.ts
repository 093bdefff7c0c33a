import { existsSync, mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";

const base = "http://127.0.0.1:3000";
mkdirSync("/tmp/shots", { recursive: true });
const browser = await chromium.launch({
  executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
for (const [w, h] of [
  [1600, 1000],
  [900, 1000],
  [390, 844],
] as const) {
  const context = await browser.newContext({ viewport: { width: w, height: h } });
  const page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && console.log(`[${w}] console error: ${m.text()}`));
  await page.goto(`${base}/?ds=ultrafeedback`);
  await page.locator('[data-testid="stored-badge"][data-stored="kept"]').first().waitFor({ state: "attached" });
  await page.goto(`${base}/?ds=ultrachat-train_0`);
  await page.locator('[data-testid="stored-badge"][data-stored="kept"]').first().waitFor({ state: "attached" });
  await page.goto(`${base}/?ds=ultrafeedback`);
  await page.locator('[data-testid="stored-badge"][data-stored="reopened"]').first().waitFor({ state: "attached" });
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/shots/reopened-${w}.png` });
  if (w === 390) {
    await page
      .getByTestId("dataset-more")
      .first()
      .click()
      .catch(() => undefined);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `/tmp/shots/reopened-more-${w}.png` });
    await page.keyboard.press("Escape");
    await page.getByTestId("header-menu").locator("summary").click();
  }
  await page.getByTestId("open-catalog").first().click();
  await page.getByTestId("stored-entry").first().waitFor();
  await page.getByTestId("stored-list").scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/shots/stored-list-${w}.png` });
  await context.close();
}
await browser.close();
