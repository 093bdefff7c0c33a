import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
const logs: string[] = [];
page.on("console", (m) => {
  if (m.text().startsWith("RL")) logs.push(m.text());
});
await page.goto("http://127.0.0.1:3000/");
await page.getByTestId("message").first().waitFor();
await new Promise((r) => setTimeout(r, 500));
console.log(logs.length, logs.filter((l) => l.includes("VCHANGE")).length);
logs.length = 0;
page
  .locator('[data-testid="record-row"][data-row="5"]')
  .click()
  .catch(() => {});
await new Promise((r) => setTimeout(r, 2000));
console.log(logs.length, logs.filter((l) => l.includes("VCHANGE")).length);
await browser.close();
