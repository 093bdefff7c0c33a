import { describe, expect, it } from "vitest";
import { HostTrust } from "./trust";

const PAGE = "http://127.0.0.1:3000";

function memory() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe("hosts a link may read from", () => {
  it("trusts the Hub and the page, and asks for any other host once each", () => {
    const trust = new HostTrust(["https://huggingface.co"]);
    expect(
      trust.untrusted(
        [
          "https://huggingface.co/datasets/a/b/resolve/main/x.parquet",
          `${PAGE}/samples/x.jsonl`,
          "/samples/y.jsonl",
          "https://evil.example/a.jsonl",
          "https://evil.example/b.jsonl",
          "http://mirror.example:8080/c.jsonl",
        ],
        PAGE,
      ),
    ).toEqual(["evil.example", "mirror.example:8080"]);
  });

  it("a host on another port or scheme is another host", () => {
    const trust = new HostTrust(["http://127.0.0.1:4000"]);
    expect(trust.untrusted(["http://127.0.0.1:4000/x", "http://127.0.0.1:4001/x"], PAGE)).toEqual(["127.0.0.1:4001"]);
  });

  it("remembers what the user allowed in this tab", () => {
    const storage = memory();
    const trust = new HostTrust([], storage);
    trust.allow("https://mirror.example/datasets");
    trust.allowHosts(["yes.example:8443"]);
    expect(trust.untrusted(["https://mirror.example/a", "https://yes.example:8443/b"], PAGE)).toEqual([]);
    const again = new HostTrust([], storage);
    expect(again.untrusted(["https://mirror.example/a", "https://other.example/a"], PAGE)).toEqual(["other.example"]);
  });

  it("survives an unreadable record and addresses that are not URLs", () => {
    const storage = memory();
    storage.setItem("trusted-hosts", "{not json");
    const trust = new HostTrust(["not a url"], storage);
    expect(trust.untrusted(["https://a.example/x"], PAGE)).toEqual(["a.example"]);
  });
});
