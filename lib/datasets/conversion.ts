import { cutText } from "../text/format";

/**
 * The Hub's Parquet conversion of a split: the files its own viewer reads, under the revision
 * `refs/convert/parquet` (`<config>/<split>/0000.parquet`, …). A split past the converter's size limit
 * is converted only in part, under `<config>/partial-<split>/`: the folder's name says which.
 */
export interface ConversionSpec {
  config: string;
  split: string;
}

export const CONVERSION_REVISION = "refs%2Fconvert%2Fparquet";

export interface ConversionFile {
  /** Its path in the revision, e.g. `default/train/0000.parquet`. */
  path: string;
  bytes: number;
}

export type Conversion =
  | { state: "complete" | "partial"; folder: string; files: ConversionFile[]; bytes: number }
  | { state: "none"; reason: string };

const trimBase = (base: string) => base.replace(/\/+$/, "");

/** The Hub's listing of a folder of the conversion (its tree API, on the Hub address in use). */
export const conversionListUrl = (base: string, repo: string, folder: string) =>
  `${trimBase(base)}/api/datasets/${repo}/tree/${CONVERSION_REVISION}/${folder}`;

/** The address of one file of the conversion. */
export const conversionFileUrl = (base: string, repo: string, path: string) =>
  `${trimBase(base)}/datasets/${repo}/resolve/${CONVERSION_REVISION}/${path}`;

/**
 * The Parquet files of a listing (an untrusted answer): entries of type "file" directly in `folder`,
 * ending in .parquet, with a size; in the order of their names (the order of the split's rows).
 */
export function parseListing(body: unknown, folder: string): ConversionFile[] | string {
  if (!Array.isArray(body)) return "the listing is not a list of files";
  const files: ConversionFile[] = [];
  for (const entry of body as unknown[]) {
    if (typeof entry !== "object" || entry === null) continue;
    const e = entry as { type?: unknown; path?: unknown; size?: unknown; lfs?: { size?: unknown } };
    if (e.type !== "file" || typeof e.path !== "string") continue;
    if (!e.path.startsWith(`${folder}/`) || e.path.slice(folder.length + 1).includes("/")) continue;
    if (!/\.parquet$/i.test(e.path)) continue;
    const size = typeof e.lfs?.size === "number" ? e.lfs.size : e.size;
    if (typeof size !== "number" || !Number.isFinite(size) || size < 0) {
      return `${cutText(e.path, 120)} has no size in the listing`;
    }
    files.push({ path: e.path, bytes: size });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return files;
}

export type ConversionFetch = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * Asks the Hub for the conversion of a split: the whole split's folder first, then the partial one.
 * Never throws: an address that does not answer, or answers with something else, is `none` with why.
 */
export async function findConversion(
  base: string,
  repo: string,
  spec: ConversionSpec,
  fetcher: ConversionFetch = (u, i) => fetch(u, i),
  signal?: AbortSignal,
): Promise<Conversion> {
  const folders: [string, "complete" | "partial"][] = [
    [`${spec.config}/${spec.split}`, "complete"],
    [`${spec.config}/partial-${spec.split}`, "partial"],
  ];
  let reason = "the Hub lists no Parquet conversion of this split";
  for (const [folder, state] of folders) {
    const url = conversionListUrl(base, repo, folder);
    let res: Response;
    try {
      res = await fetcher(url, { signal, headers: { Accept: "application/json" } });
    } catch (e) {
      if (signal?.aborted) throw e;
      return { state: "none", reason: `${url} did not answer (${(e as Error).message})` };
    }
    if (res.status === 404) continue;
    if (!res.ok) return { state: "none", reason: `${url} answered ${res.status} ${res.statusText}`.trim() };
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return { state: "none", reason: `${url} did not answer with JSON` };
    }
    const files = parseListing(body, folder);
    if (typeof files === "string") return { state: "none", reason: `${url}: ${files}` };
    if (files.length === 0) {
      reason = `${url} lists no Parquet file`;
      continue;
    }
    return { state, folder, files, bytes: files.reduce((s, f) => s + f.bytes, 0) };
  }
  return { state: "none", reason };
}
