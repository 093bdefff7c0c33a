import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { startHub } from "./hub-server";
import { generateBench } from "./bench/generate";
import { hubFiles, shardSets, startNext } from "./bench/servers";

const parsers = process.argv[2] ?? "1";
const which = process.argv[3] ?? "UltraFeedback raw";
const dir = await generateBench(1, ["none"]);
const sets = shardSets(dir).filter((s) => s.key.includes(which));
const hub = await startHub(0, hubFiles(sets));
const next = await startNext(3400, hub.url);
const ticks = () => {
  const out = new Map<string, number>();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (!/chrom/i.test(readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0] ?? "")) continue;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
        const name = /\((.*)\)/.exec(stat)![1]!;
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        out.set(`${pid}/${tid} ${name}`, Number(f[11]) + Number(f[12]));
      }
    } catch {
      // gone
    }
  }
  return out;
};
const browser = await chromium.launch({
  executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
await page.goto(`http://127.0.0.1:3400/?bench&parsers=${parsers}`);
await page
  .getByTestId("row-count")
  .getByText(/^84 of 84 rows$/)
  .waitFor({ timeout: 60_000 });
const set = sets[0]!;
await page.getByTestId("open-catalog").click();
const before = ticks();
const t0 = Date.now();
await page.getByTestId(`catalog-load-${set.repo}:${set.split}`).click();
await page
  .getByTestId("row-count")
  .getByText(/^[\d,]{6,} of [\d,]{6,} (prompts|rows)$/)
  .waitFor({ timeout: 600_000 });
const wall = (Date.now() - t0) / 1000;
const parts = await page.evaluate(() =>
  ["load:insert", "load:derive"].map((n) => [
    n,
    performance.getEntriesByName(n).reduce((s, e) => s + e.duration, 0) / 1000,
    performance.getEntriesByName(n).length,
  ]),
);
console.log(JSON.stringify(parts));
const after = ticks();
const used = [...after].map(([k, v]) => [k, (v - (before.get(k) ?? 0)) / 100] as const).sort((a, b) => b[1] - a[1]);
console.log(`parsers ${parsers}: wall ${wall.toFixed(1)} s`);
for (const [k, s] of used.slice(0, 10)) console.log(`${s.toFixed(1).padStart(6)} s  ${k}`);
await browser.close();
process.kill(-next.pid!);
await hub.close();
