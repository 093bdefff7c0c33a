import { fileUrl, findSplit, parseRemoteId, resolveReference } from "@/lib/datasets/catalog";
import { sampleById } from "@/lib/datasets/samples";
import type { IngestSource } from "@/lib/ingest/protocol";

export function sampleSources(id: string): IngestSource[] | null {
  const sample = sampleById(id);
  if (!sample) return null;
  return sample.files.map((f) => ({
    kind: "url",
    url: `${window.location.origin}/samples/${f}`,
    name: f.split("/").pop() ?? f,
  }));
}

/** What a dataset id in the URL loads: a bundled sample, a catalog split (under `base`), or one address. */
export function sourcesFor(id: string, base: string): { label: string; sources: IngestSource[] } | null {
  const sample = sampleSources(id);
  if (sample) return { label: sampleById(id)?.label ?? id, sources: sample };
  const remote = parseRemoteId(id);
  if (remote) {
    const found = findSplit(remote.repo, remote.split);
    if (!found) return null;
    const files = found.split.files.filter((f) => !remote.files || remote.files.includes(f.path));
    if (files.length === 0) return null;
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
    if ("problem" in resolved) return null;
    return { label: resolved.name, sources: [{ kind: "url", url: resolved.url, name: resolved.name }] };
  }
  return null;
}
