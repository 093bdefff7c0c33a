import { chromium } from "@playwright/test";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const p = await b.newPage({ viewport: { width: 1600, height: 1000 } });
p.on("console", (m) => m.type() === "error" && console.log("console", m.text(), JSON.stringify(m.location())));
for (const ds of ["hf:HuggingFaceH4/ultrachat_200k:test_sft", "url:http://127.0.0.1:3201/_fault/cut/datasets/HuggingFaceH4/ultrafeedback_binarized/resolve/main/data/test_prefs-00000-of-00001.parquet", "url:http://127.0.0.1:3201/_fault/liar/datasets/HuggingFaceH4/ultrafeedback_binarized/resolve/main/data/test_prefs-00000-of-00001.parquet", "url:http://127.0.0.1:3201/_fault/truncated/datasets/HuggingFaceH4/ultrafeedback_binarized/resolve/main/data/test_prefs-00000-of-00001.parquet", "url:http://127.0.0.1:3201/_fault/nocors/datasets/HuggingFaceH4/ultrafeedback_binarized/resolve/main/data/test_prefs-00000-of-00001.parquet", "url:http://127.0.0.1:3201/_fault/cut/datasets/openbmb/UltraFeedback/resolve/main/sharegpt.jsonl", "url:http://127.0.0.1:3201/_fault/liar/datasets/openbmb/UltraFeedback/resolve/main/sharegpt.jsonl", "url:http://127.0.0.1:3201/_fault/truncated/datasets/openbmb/UltraFeedback/resolve/main/sharegpt.jsonl", "url:http://127.0.0.1:3201/datasets/x/y/resolve/main/none.parquet", "url:http://127.0.0.1:9/x.parquet"]) {
  await p.goto("http://127.0.0.1:3000/?ds=" + encodeURIComponent(ds));
  const t0 = Date.now();
  await p.waitForTimeout(3000);
  console.log(
    ds,
    "|",
    await p.getByTestId("row-count").textContent(),
    "|",
    await p
      .getByTestId("transfer")
      .textContent({ timeout: 300 })
      .catch(() => "-"),
    "|",
    await p
      .getByTestId("load-error")
      .textContent({ timeout: 300 })
      .catch(() => "no error"),
  );
}
await p.screenshot({ path: "screenshots/probe.png" });
await b.close();
