import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { serverNodeOptions } from "./scripts/lib/serve";

const debianChromium = "/usr/bin/chromium";
const port = Number(process.env.E2E_PORT ?? 3100);
/** A stand-in for the Hugging Face Hub (scripts/hub-server.ts); the app is pointed at it. */
export const hubPort = port + 1;

export default defineConfig({
  testDir: "e2e",
  // Generous bounds: every test waits for what it reads, and a machine twice as slow (two pages, the
  // server and the Hub stand-in sharing two cores) must pass as a fast one does, only later.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  // Two pages at once (E2E_WORKERS to change it): every test waits for what it reads, so none depends on pace.
  workers: Number(process.env.E2E_WORKERS) || 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    ...devices["Desktop Chrome"],
    viewport: { width: 1600, height: 1000 },
    launchOptions: {
      // Debian's Chromium when present (CI, this machine); Playwright's own browser elsewhere.
      executablePath: existsSync(debianChromium) ? debianChromium : undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: `npx tsx scripts/hub-server.ts --port ${hubPort}`,
      url: `http://127.0.0.1:${hubPort}/datasets/stingning/ultrachat/resolve/main/train_0.jsonl`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npx next start -H 127.0.0.1 -p ${port}`,
      url: `http://127.0.0.1:${port}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        HF_BASE_URL: `http://127.0.0.1:${hubPort}`,
        NODE_OPTIONS: serverNodeOptions(),
      },
    },
  ],
});
