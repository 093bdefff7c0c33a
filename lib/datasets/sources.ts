import { cutText, fmt } from "../text/format";
import type { LoadedDataset } from "../types";
import { fileUrl, findSplit, parseRemoteId, resolveReference } from "./catalog";
import { conversionFileUrl, conversionListUrl, findConversion, type ConversionFetch } from "./conversion";
import { sampleById } from "./samples";
import type { IngestSource } from "../ingest/protocol";

export function sampleSources(id: string, origin: string): IngestSource[] | null {
  const sample = sampleById(id);
  if (!sample) return null;
  return sample.files.map((f) => ({
    kind: "url",
    url: `${origin}/samples/${f}`,
    name: f.split("/").pop() ?? f,
  }));
}

/**
 * What an id loads. `resolve`, when set, finds the sources first (asking the Hub which files a
 * conversion has), from `asks`: its address counts with the sources' for the hosts the user agreed to.
 */
export type Planned =
  | {
      label: string;
      sources: IngestSource[];
      asks?: string;
      resolve?: (signal?: AbortSignal) => Promise<IngestSource[]>;
      /** A warning when the loaded rows are not what the catalog says the split has. */
      check?: (ds: LoadedDataset) => string | null;
    }
  | { problem: string };

/** A name from a link, quoted and cut to a readable length. */
export const quoted = (text: string) => `“${text.length > 120 ? `${cutText(text, 120)}…` : text}”`;

/**
 * What a dataset id in the URL loads: a bundled sample, a catalog split (under `base`; its Parquet
 * conversion is listed by `fetcher`, the reader's in the page), or one
 * address; a link that names none of these gets the reason. Null for ids that name something of
 * another session (a local file, a query result), which cannot be fetched.
 */
export function sourcesFor(id: string, base: string, origin: string, fetcher?: ConversionFetch): Planned | null {
  const sample = sampleSources(id, origin);
  if (sample) return { label: sampleById(id)?.label ?? id, sources: sample };
  if (id.startsWith("file:") || id.startsWith("query:") || id.startsWith("server:")) return null;
  if (id.startsWith("hf:")) {
    const remote = parseRemoteId(id);
    if (!remote) return { problem: "it is not of the form hf:<owner>/<name>:<split>" };
    const found = findSplit(remote.repo, remote.split);
    if (!found) {
      return { problem: `the catalog has no split ${quoted(remote.split)} of ${quoted(remote.repo)}` };
    }
    if (remote.conversion) {
      const spec = found.split.conversion;
      if (!spec)
        return { problem: `the Hub has no Parquet conversion of ${found.dataset.label} · ${found.split.name}` };
      const listing = conversionListUrl(base, remote.repo, `${spec.config}/${spec.split}`);
      const label = `${found.dataset.label} · ${found.split.name} (Parquet conversion)`;
      return {
        label,
        sources: [],
        asks: listing,
        check: (ds) => {
          const published = found.split.rows;
          if (found.split.rowsApproximate ? ds.rows >= published * 0.99 : ds.rows === published) return null;
          return (
            `The Hub's Parquet conversion of ${found.dataset.label} · ${found.split.name} holds ${fmt(ds.rows)} rows; ` +
            `the published split has ${found.split.rowsApproximate ? "about " : ""}${fmt(published)}. ` +
            `Load the original files for all of them.`
          );
        },
        resolve: async (signal) => {
          const c = await findConversion(base, remote.repo, spec, fetcher, signal);
          if (c.state === "none") throw new Error(`${label}: ${c.reason}`);
          return c.files.map((f) => ({
            kind: "url" as const,
            url: conversionFileUrl(base, remote.repo, f.path),
            name: f.path,
            bytes: f.bytes,
          }));
        },
      };
    }
    const files = found.split.files.filter((f) => !remote.files || remote.files.includes(f.path));
    const unknown = remote.files?.filter((f) => !found.split.files.some((x) => x.path === f)) ?? [];
    if (unknown.length > 0) {
      return { problem: `${found.dataset.label} · ${found.split.name} has no file ${unknown.map(quoted).join(", ")}` };
    }
    const subset = remote.files ? ` (${files.length} of ${found.split.files.length} files)` : "";
    return {
      label: `${found.dataset.label} · ${found.split.name}${subset}`,
      sources: files.map((f) => ({
        kind: "url",
        url: fileUrl(base, remote.repo, f.path),
        name: f.path.split("/").pop() ?? f.path,
        bytes: f.bytes,
      })),
    };
  }
  if (id.startsWith("url:")) {
    const resolved = resolveReference(id.slice(4), base);
    if ("problem" in resolved) return resolved;
    return { label: resolved.name, sources: [{ kind: "url", url: resolved.url, name: resolved.name }] };
  }
  return { problem: "it is not a bundled sample, an hf:<owner>/<name>:<split> split or a url:<address>" };
}
