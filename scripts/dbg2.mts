import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
for (const path of ["/?row=5", "/?row=9", "/?row=0"]) {
  await page.goto("http://127.0.0.1:3000" + path);
  await page.getByTestId("record-row").first().waitFor();
  const t = Date.now();
  const r = await Promise.race([
    page.evaluate(() => document.querySelectorAll("[data-testid=message]").length),
    new Promise((res) => setTimeout(() => res("timeout"), 4000)),
  ]);
  console.log(path, r, Date.now() - t);
}
await browser.close();
