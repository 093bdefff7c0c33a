import type { IngestSource } from "../ingest/protocol";
import { fnv1a64 } from "../text/hash";

/**
 * What says a source is the one read before: a local file's name, size and time of change; an
 * address's size with its ETag or Last-Modified, as its server answers them. Null when its server
 * gives nothing that would tell a changed file apart: then nothing is kept of it.
 */
export interface SourceIdentity {
  name: string;
  /** The address, or "file" for a file from this computer. */
  where: string;
  size: number | null;
  version: string | null;
}

/** The version of what a load makes of its files; a stored copy of another version is read again. */
export const INGEST_VERSION = process.env.NEXT_PUBLIC_INGEST_VERSION || "dev";

/** A local file's identity: its name, size and time of change. */
export const fileIdentity = (source: Extract<IngestSource, { kind: "file" }>): SourceIdentity => ({
  name: source.name,
  where: "file",
  size: source.file.size,
  version: String((source.file as Partial<File>).lastModified ?? ""),
});

/** An address's identity from the headers of its server's answer; null when they cannot tell a change. */
export function remoteIdentity(
  name: string,
  url: string,
  headers: Headers,
  size: number | null,
): SourceIdentity | null {
  const etag = headers.get("etag");
  const modified = headers.get("last-modified");
  // A weak ETag alone still changes with the content on every server we know; with no tag and no date, nothing does.
  if (!etag && !modified) return null;
  return { name, where: url, size, version: [etag ?? "", modified ?? ""].join(" · ") };
}

/** The key a load is kept under: every source's identity and the ingest's version. */
export function storeKey(identities: readonly SourceIdentity[], version = INGEST_VERSION): string {
  const text = JSON.stringify([version, identities.map((i) => [i.where, i.name, i.size, i.version])]);
  return fnv1a64(text).toString(16).padStart(16, "0");
}
