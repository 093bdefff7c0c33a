import { cutText } from "../text/format";
import type { LayoutId } from "../types";
import type { ConversionSpec } from "./conversion";

/**
 * The published splits of the four datasets, with the facts a user needs before loading one:
 * files, rows and sizes (as published; "~" where only an approximate size is known).
 */
export interface CatalogFile {
  path: string;
  /** Rows in this file, when known. */
  rows: number | null;
  bytes: number;
  approximate?: boolean;
}

export interface CatalogSplit {
  name: string;
  rows: number;
  /** Only the order of magnitude is published. */
  rowsApproximate?: boolean;
  files: CatalogFile[];
  /** Where the Hub's Parquet conversion of the split is (offered, and used by default, when it is whole). */
  conversion?: ConversionSpec;
}

export interface CatalogDataset {
  repo: string;
  label: string;
  layout: LayoutId;
  splits: CatalogSplit[];
}

export const DEFAULT_HF_BASE = "https://huggingface.co";

const MB = 1e6;
const GB = 1e9;
const parquetShards = (split: string, hashes: string[], rows: number, bytesEach: number): CatalogSplit => ({
  name: split,
  rows,
  files: hashes.map((hash, i) => ({
    path: `data/${split}-${String(i).padStart(5, "0")}-of-${String(hashes.length).padStart(5, "0")}-${hash}.parquet`,
    rows: hashes.length === 1 ? rows : null,
    bytes: bytesEach,
    approximate: true,
  })),
});
const binarized = (split: string, rows: number, bytes: number): CatalogSplit => ({
  name: split,
  rows,
  files: [{ path: `data/${split}-00000-of-00001.parquet`, rows, bytes, approximate: true }],
});

export const CATALOG: CatalogDataset[] = [
  {
    repo: "HuggingFaceH4/ultrachat_200k",
    label: "UltraChat 200k",
    layout: "ultrachat_200k",
    splits: [
      parquetShards("train_sft", ["a3ecf92756993583", "0a1804bcb6ae68c6", "ee46ed25cfae92c6"], 207_865, 244 * MB),
      parquetShards("test_sft", ["f7dfac4afe5b93f4"], 23_110, 81 * MB),
      parquetShards("train_gen", ["a6c9fb894be3e50b", "d6a0402e417f35ca", "c0db75b92a2f48fd"], 256_032, 243 * MB),
      parquetShards("test_gen", ["3d4cd8309148a71f"], 28_304, 80 * MB),
    ],
  },
  {
    repo: "HuggingFaceH4/ultrafeedback_binarized",
    label: "UltraFeedback binarized",
    layout: "ultrafeedback_binarized",
    splits: [
      binarized("train_prefs", 61_135, 226 * MB),
      binarized("test_prefs", 2_000, 7.3 * MB),
      binarized("train_sft", 61_135, 226 * MB),
      binarized("test_sft", 1_000, 3.7 * MB),
      binarized("train_gen", 61_135, 184 * MB),
      binarized("test_gen", 1_000, 3.0 * MB),
    ],
  },
  {
    repo: "openbmb/UltraFeedback",
    label: "UltraFeedback (raw)",
    layout: "ultrafeedback",
    splits: [
      {
        name: "train",
        rows: 63_967,
        conversion: { config: "default", split: "train" },
        files: [
          { path: "evol_instruct.jsonl", rows: 10_000, bytes: 169 * MB, approximate: true },
          { path: "false_qa.jsonl", rows: 2_339, bytes: 26 * MB, approximate: true },
          { path: "flan.jsonl", rows: 20_939, bytes: 242 * MB, approximate: true },
          { path: "sharegpt.jsonl", rows: 19_949, bytes: 314 * MB, approximate: true },
          { path: "truthful_qa.jsonl", rows: 811, bytes: 10 * MB, approximate: true },
          { path: "ultrachat.jsonl", rows: 9_929, bytes: 183 * MB, approximate: true },
        ],
      },
    ],
  },
  {
    repo: "stingning/ultrachat",
    label: "UltraChat (raw)",
    layout: "ultrachat_raw",
    splits: [
      {
        name: "train",
        rows: 1_470_000,
        rowsApproximate: true,
        conversion: { config: "default", split: "train" },
        files: Array.from({ length: 10 }, (_, i) => ({
          path: `train_${i}.jsonl`,
          rows: null,
          bytes: 0.93 * GB,
          approximate: true,
        })),
      },
    ],
  },
];

/** The address of a file in a dataset repository under a base (the Hub, a mirror, a local copy). */
export function fileUrl(base: string, repo: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/datasets/${repo}/resolve/main/${path}`;
}

/** Why a Hub address cannot be used; null when it can (empty means the default). */
export function hubBaseProblem(text: string): string | null {
  if (text === "") return null;
  try {
    const url = new URL(text);
    if (url.protocol === "http:" || url.protocol === "https:") return null;
    return `A Hub address must be an http(s) address, not ${url.protocol}`;
  } catch {
    return `“${text.length > 120 ? `${cutText(text, 120)}…` : text}” is not an address`;
  }
}

/**
 * Reads `hf://datasets/<repo>/<path>` (with an optional `@main` revision) or a plain http(s) URL;
 * anything else is refused with the reason.
 */
export function resolveReference(text: string, base: string): { url: string; name: string } | { problem: string } {
  const ref = text.trim();
  const hf = /^hf:\/\/datasets\/([^/\s]+\/[^/@\s]+)(?:@main)?\/(.+)$/.exec(ref);
  if (hf) {
    const [, repo, path] = hf as unknown as [string, string, string];
    return { url: fileUrl(base, repo, path), name: path.split("/").pop() ?? path };
  }
  if (/^hf:\/\//.test(ref)) return { problem: `“${ref}” is not of the form hf://datasets/<owner>/<name>/<file>` };
  let url: URL;
  try {
    url = new URL(ref);
  } catch {
    return { problem: `“${ref}” is not a URL or an hf://datasets/… reference` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { problem: `only http(s) and hf:// addresses can be opened, not ${url.protocol}` };
  }
  const name = decodeURIComponent(url.pathname.split("/").pop() || url.hostname);
  return { url: url.href, name };
}

export function findSplit(repo: string, split: string): { dataset: CatalogDataset; split: CatalogSplit } | null {
  const dataset = CATALOG.find((d) => d.repo === repo);
  const s = dataset?.splits.find((x) => x.name === split);
  return dataset && s ? { dataset, split: s } : null;
}

/**
 * Dataset ids in the page URL: `hf:<repo>:<split>` with an optional `:<file>,<file>` subset, or
 * `hf:<repo>:<split>@parquet` for the Hub's Parquet conversion of the split; or `url:<address>`.
 */
export function parseRemoteId(
  id: string,
): { repo: string; split: string; files: string[] | null; conversion: boolean } | null {
  const m = /^hf:([^:]+\/[^:]+):([^:]+)(?::(.+))?$/.exec(id);
  if (!m) return null;
  const conversion = !m[3] && m[2]!.endsWith(CONVERSION_MARK);
  return {
    repo: m[1]!,
    split: conversion ? m[2]!.slice(0, -CONVERSION_MARK.length) : m[2]!,
    files: m[3] ? m[3].split(",").filter(Boolean) : null,
    conversion,
  };
}

const CONVERSION_MARK = "@parquet";

export function remoteId(repo: string, split: string, files: string[] | null, conversion = false): string {
  if (conversion) return `hf:${repo}:${split}${CONVERSION_MARK}`;
  return `hf:${repo}:${split}${files ? `:${files.join(",")}` : ""}`;
}

export function formatBytes(n: number, approximate = false): string {
  const text =
    n >= GB
      ? `${(n / GB).toFixed(2)} GB`
      : n >= MB
        ? `${(n / MB).toFixed(n < 10 * MB ? 1 : 0)} MB`
        : `${Math.max(1, Math.round(n / 1e3))} kB`;
  return approximate ? `~${text}` : text;
}
