/**
 * Opens a page of the running app in Chromium, prints console messages and saves a screenshot:
 * tsx scripts/screenshot.ts <path-and-query> <out.png> [width] [height]
 */
import { chromium } from "@playwright/test";
import { existsSync } from "node:fs";

const [path = "/", out = "screenshots/page.png", w = "1600", h = "1000"] = process.argv.slice(2);
const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const browser = await chromium.launch({
  executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
});
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
page.on("console", (m) => console.log(`[${m.type()}] ${m.text()}`));
page.on("pageerror", (e) => console.log(`[pageerror] ${e.message}`));
const t0 = Date.now();
await page.goto(base + path);
await page
  .getByTestId("message")
  .first()
  .waitFor({ timeout: 30000 })
  .catch((e) => console.log("no message:", e.message));
console.log(`first message after ${Date.now() - t0} ms`);
await page.waitForTimeout(Number(process.env.WAIT ?? 300));
await page.screenshot({ path: out });
await browser.close();
