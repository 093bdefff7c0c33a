import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { hubPort } from "../playwright.config";
import { expect, fixture, openSample, sample, sqlCount, test, viewTest } from "./fixtures";

async function open(page: Page, file: string) {
  await openSample(page);
  await page.getByTestId("file-input").setInputFiles([fixture(file)]);
}

/** The names in the record, and their values, as shown. */
const fields = (page: Page) =>
  page
    .getByTestId("record")
    .locator("dt")
    .evaluateAll((els) => els.map((e) => e.textContent));

viewTest("a column with an empty name loads, shows and is searchable", async ({ view: page }) => {
  await open(page, "empty-column-name.jsonl");
  await expect(page.getByTestId("row-count")).toHaveText("3 of 3 rows");
  await expect(page.getByTestId("record")).toContainText("empty-named one");
  await expect.poll(() => fields(page)).toEqual(["", "a"]);
  await expect(page.getByTestId("sort-_~")).toContainText("(no name)");
  await page.getByTestId("search").fill("named two");
  await expect(page.getByTestId("row-count")).toHaveText("1 of 3 rows");
});

viewTest("a column named rowid is the data's own: rows keep their own numbers", async ({ view: page }) => {
  await open(page, "rowid-column.jsonl");
  await expect(page.getByTestId("row-count")).toHaveText("4 of 4 rows");
  await expect(page.getByTestId("record-row")).toHaveCount(4);
  const rows = await page.getByTestId("record-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-row")));
  expect(rows).toEqual(["0", "1", "2", "3"]);
  await page.locator('[data-testid="record-row"][data-row="3"]').click();
  await expect(page.getByTestId("record")).toContainText("zero again");
  await expect.poll(() => fields(page)).toEqual(["rowid", "name"]);
});

viewTest("a rowid column holding text loads as any other column", async ({ view: page }) => {
  await open(page, "rowid-text.jsonl");
  await expect(page.getByTestId("row-count")).toHaveText("3 of 3 rows");
  await expect(page.getByTestId("load-error")).toHaveCount(0);
  await page.getByTestId("search").fill("second");
  await expect(page.getByTestId("row-count")).toHaveText("1 of 3 rows");
});

viewTest(
  "columns named like the explorer's own stay visible and searchable, apart from its search column",
  async ({ view: page }) => {
    await open(page, "internal-names.jsonl");
    await expect(page.getByTestId("row-count")).toHaveText("2 of 2 rows");
    await expect(page.getByTestId("record")).toContainText("t-one");
    await expect.poll(() => fields(page)).toEqual(["__row", "__preview", "__text", "__turns", "__x", "q"]);
    for (const [needle, n] of [
      ["t-two", 1],
      ["x-one", 1],
      ["r-", 2],
      ["plain", 2],
    ] as const) {
      await page.getByTestId("search").fill(needle);
      await expect(page.getByTestId("row-count")).toHaveText(`${n} of 2 rows`);
    }
  },
);

viewTest(
  "a column that turns to text after the first batch, and a late column, keep every value",
  async ({ view: page }) => {
    await open(page, "late-columns.jsonl");
    await expect(page.getByTestId("row-count")).toHaveText("2,002 of 2,002 rows");
    await page.getByTestId("search").fill("late column");
    await expect(page.getByTestId("row-count")).toHaveText("1 of 2,002 rows");
    await page.getByTestId("record-row").first().click();
    await expect(page.getByTestId("record")).toContainText("abc");
    await expect.poll(() => fields(page)).toEqual(["n", "extra"]);
    await page.getByTestId("search").fill("abc");
    await expect(page.getByTestId("row-count")).toHaveText("1 of 2,002 rows");
  },
);

viewTest("a Parquet file whose completions are not a list is named with what was expected", async ({ view: page }) => {
  await open(page, "wrong-completions.parquet");
  await expect(page.getByTestId("load-error")).toHaveText(
    "wrong-completions.parquet: column “completions” holds text, but UltraFeedback needs a list of structs there",
  );
  await expect(page.getByTestId("row-count")).toHaveText("84 of 84 rows");
});

const DEFAULT_ROWS = "84 of 84 rows";

for (const [id, why] of [
  ["nonexistent", "it is not a bundled sample, an hf:<owner>/<name>:<split> split or a url:<address>"],
  ["url:javascript:alert(1)", "only http(s) and hf:// addresses can be opened, not javascript:"],
  ["hf:../../x:y", "the catalog has no split “y” of “../../x”"],
  ["hf:HuggingFaceH4/ultrachat_200k:test_sft:nope.parquet", "UltraChat 200k · test_sft has no file “nope.parquet”"],
] as const) {
  test(`a link to ${id} says why it cannot be opened and opens the default sample`, async ({ page }) => {
    await page.goto(`/?ds=${encodeURIComponent(id)}`);
    await expect(page.getByTestId("load-error")).toHaveText(`the link’s dataset “${id}” cannot be opened: ${why}`);
    await expect(page.getByTestId("row-count")).toHaveText(DEFAULT_ROWS);
    await expect(page).not.toHaveURL(/ds=/);
    await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);
  });
}

test("a link that names nothing, reached from an open dataset, leaves that dataset open", async ({ page }) => {
  await openSample(page, "/?ds=ultrafeedback");
  await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
  await page.evaluate(() => {
    history.pushState(history.state, "", "/?ds=nonexistent");
    dispatchEvent(new PopStateEvent("popstate"));
  });
  await expect(page.getByTestId("load-error")).toContainText("“nonexistent” cannot be opened");
  await expect(page).toHaveURL(/ds=ultrafeedback(&|$)/);
  await expect(page.getByTestId("row-count")).toHaveText("60 of 60 prompts");
  await page.locator('[data-testid="record-row"][data-row="3"]').click();
  await expect(page.getByTestId("completion")).not.toHaveCount(0);
});

test("a search too long for a link: the link holds its start, says so, and loads again", async ({ page }) => {
  await openSample(page);
  const long = `${"tide pool ".repeat(2_000)}`; // 20,000 characters
  await page.getByTestId("search").fill(long);
  await expect(page.getByTestId("q-cut")).toHaveAttribute("data-state", "held");
  await expect(page.getByTestId("q-cut")).toHaveText(
    "This search (20,000 characters) is too long for a link: a link to this view holds its first 2,000.",
  );
  await expect(page).toHaveURL(/qcut=1/);
  expect(page.url().length).toBeLessThan(3_000);
  // the whole search is what runs: no row holds 2,000 times "tide pool"
  await expect(page.getByTestId("row-count")).toHaveText("0 of 84 rows");
  const again = await page.reload();
  expect(again?.status()).toBe(200);
  await expect(page.getByTestId("q-cut")).toHaveAttribute("data-state", "cut");
  await expect(page.getByTestId("q-cut")).toHaveText(
    "The link this view came from held only the first 2,000 characters of its search; the rest was not in it.",
  );
  await expect(page.getByTestId("search")).toHaveValue(long.slice(0, 2_000));
});

test("the server accepts a link with a search written elsewhere at full length", async ({ page }) => {
  const response = await page.goto(`/?q=${"x".repeat(20_000)}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("q-cut")).toHaveAttribute("data-state", "held");
  await expect(page.getByTestId("row-count")).toHaveText(DEFAULT_ROWS.replace("84 of", "0 of"));
});

test("a page that does not exist says so, with its scripts allowed by the page's policy", async ({
  page,
  consoleErrors,
}) => {
  const response = await page.goto("/nope/<script>");
  expect(response?.status()).toBe(404);
  expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  await expect(page.getByRole("heading")).toHaveText("There is no page at this address.");
  await page.getByRole("link", { name: "Open the explorer" }).click();
  await expect(page.getByTestId("row-count")).toHaveText(DEFAULT_ROWS);
  // The browser reports the page's own 404 status; nothing else (no script refused by the policy).
  expect(consoleErrors).toEqual(["Failed to load resource: the server responded with a status of 404 (Not Found)"]);
  consoleErrors.length = 0;
});

test("ratings off the 1–5 scale are shown marked, counted apart and left out of ranges", async ({ page }) => {
  const UF = `read_json(['${["sharegpt", "false_qa", "truthful_qa"].map((s) => sample(`ultrafeedback/${s}.jsonl`)).join("', '")}'])`;
  const off = (r: string) => `TRY_CAST(${r} AS DOUBLE) NOT BETWEEN 1 AND 5`;
  const aspects = ["instruction_following", "honesty", "truthfulness", "helpfulness"];
  const prompts = await sqlCount(
    `SELECT count(*) AS n FROM ${UF} WHERE len(list_filter(completions, c -> ${aspects.map((a) => off(`c.annotations.${a}.Rating`)).join(" OR ")})) > 0`,
  );
  const following = await sqlCount(
    `SELECT count(*) AS n FROM (SELECT unnest(completions) AS c FROM ${UF}) WHERE ${off("c.annotations.instruction_following.Rating")}`,
  );
  const followingPrompts = await sqlCount(
    `SELECT count(*) AS n FROM ${UF} WHERE len(list_filter(completions, c -> ${off("c.annotations.instruction_following.Rating")})) > 0`,
  );
  expect([prompts, following]).toEqual([11, 8]);
  await page.goto("/?ds=ultrafeedback&oos=1");
  await expect(page.getByTestId("row-count")).toHaveText(`${prompts} of 60 prompts`);
  await expect(page.getByTestId("filter-oos")).toBeChecked();
  // the first row's gpt-3.5-turbo rated "0" on instruction following
  await page.locator('[data-testid="record-row"][data-row="0"]').click();
  const marked = page.locator('[data-testid="rating"][data-off-scale="true"]');
  await expect(marked).toHaveCount(1);
  await expect(marked).toHaveAttribute("data-aspect", "instruction_following");
  await expect(marked).toHaveText("0off scale");
  await page.goto("/?ds=ultrafeedback&panel=stats");
  const chart = page.locator('[data-testid="chart"][data-chart="rating-instruction_following"]');
  await expect(chart.locator('[data-value="outside 1–5"]')).toHaveAttribute("data-count", String(following));
  await expect(chart.locator('[data-value="0"]')).toHaveCount(0);
  await chart.locator('[data-value="outside 1–5"]').click();
  await expect(page).toHaveURL(/oos_instruction_following=1/);
  await expect(page.getByTestId("row-count")).toHaveText(`${followingPrompts} of 60 prompts`);
});

test("a link that reads from another host asks first, naming it; no request goes there before a yes", async ({
  page,
}) => {
  const asked: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).host === "evil.example") asked.push(r.url());
  });
  await page.goto(`/?ds=${encodeURIComponent("url:https://evil.example/a.jsonl")}`);
  await expect(page.getByTestId("link-host-name")).toHaveText("evil.example");
  await expect(page.getByTestId("record-row")).toHaveCount(0);
  await page.getByTestId("link-host-decline").click();
  await expect(page.getByTestId("row-count")).toHaveText(DEFAULT_ROWS);
  await expect(page).not.toHaveURL(/ds=/);
  expect(asked).toEqual([]);
});

test("a yes reads from the host the link names, and is remembered in the tab", async ({ page }) => {
  const pairs = await sqlCount(
    `SELECT count(*) AS n FROM read_parquet('${sample("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet")}')`,
  );
  // the same files as the configured Hub, under a host name the page has not been told of
  const other = `http://localhost:${hubPort}`;
  await page.goto(`/?ds=${encodeURIComponent("hf:HuggingFaceH4/ultrafeedback_binarized:test_prefs")}&base=${other}`);
  await expect(page.getByTestId("link-host-name")).toHaveText(`localhost:${hubPort}`);
  await page.getByTestId("link-host-read").click();
  await expect(page.getByTestId("row-count")).toHaveText(`${pairs} of ${pairs} pairs`);
  await page.reload();
  await expect(page.getByTestId("row-count")).toHaveText(`${pairs} of ${pairs} pairs`);
  await expect(page.getByTestId("link-host")).toHaveCount(0);
});

test("a Hub address in a link that is not http(s) is named, and the configured Hub is used", async ({ page }) => {
  await page.goto("/?base=javascript:alert(1)");
  await expect(page.getByTestId("bad-base")).toContainText(
    `The link’s Hub address “javascript:alert(1)” is not an http(s) address; splits are read from http://127.0.0.1:${hubPort}.`,
  );
  await expect(page.getByTestId("row-count")).toHaveText(DEFAULT_ROWS);
  await page.getByTestId("bad-base").getByRole("button", { name: "Dismiss" }).click();
  await expect(page).not.toHaveURL(/base=/);
});

test("static files are served as their type says, never sniffed", async ({ page, request }) => {
  await openSample(page);
  const script = await page.locator("script[src]").first().getAttribute("src");
  for (const path of [script!, "/samples/ultrafeedback/sharegpt.jsonl", "/duckdb/duckdb-eh.wasm"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
  }
});

viewTest(
  "one record written as a pretty-printed JSON object opens as one row of its layout",
  async ({ view: page }) => {
    const record = JSON.parse(readFileSync(fixture("pretty-row.json"), "utf8")) as { instruction: string };
    await open(page, "pretty-row.json");
    await expect(page.getByTestId("row-count")).toHaveText("1 of 1 prompts");
    await expect(page.getByTestId("load-error")).toHaveCount(0);
    await expect(page.getByTestId("completion")).toHaveCount(4);
    await expect(page.getByTestId("record")).toContainText(record.instruction.slice(0, 40));
  },
);
