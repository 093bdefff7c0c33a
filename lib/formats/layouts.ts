export type LayoutId = "ultrachat_raw" | "ultrachat_200k" | "ultrafeedback" | "ultrafeedback_binarized" | "generic";

export interface LayoutInfo {
  id: LayoutId;
  label: string;
  /** Columns whose presence identifies the layout. */
  signature: string[];
  /** Columns the views need; a file with the signature but without these is refused by name. */
  required: string[];
}

export const LAYOUTS: LayoutInfo[] = [
  {
    id: "ultrafeedback_binarized",
    label: "UltraFeedback binarized",
    signature: ["chosen", "rejected", "score_chosen", "score_rejected"],
    required: ["prompt", "chosen", "rejected", "score_chosen", "score_rejected"],
  },
  {
    id: "ultrafeedback",
    label: "UltraFeedback",
    signature: ["completions"],
    required: ["instruction", "completions"],
  },
  {
    id: "ultrachat_200k",
    label: "UltraChat 200k",
    signature: ["messages"],
    required: ["messages"],
  },
  {
    id: "ultrachat_raw",
    label: "UltraChat (raw)",
    signature: ["data"],
    required: ["data"],
  },
];

export const GENERIC: LayoutInfo = { id: "generic", label: "Table", signature: [], required: [] };

export function layoutInfo(id: LayoutId): LayoutInfo {
  return LAYOUTS.find((l) => l.id === id) ?? GENERIC;
}

export type Detection = { layout: LayoutId } | { layout: LayoutId; missing: string[] };

/**
 * Picks the layout from column names alone, in priority order. A file that carries part of a
 * known signature but lacks a column the views need is reported, not shown as a generic table.
 */
export function detectLayout(columns: readonly string[]): Detection {
  const have = new Set(columns);
  for (const layout of LAYOUTS) {
    if (!layout.signature.some((c) => have.has(c))) continue;
    const missing = layout.required.filter((c) => !have.has(c));
    return missing.length > 0 ? { layout: layout.id, missing } : { layout: layout.id };
  }
  return { layout: "generic" };
}

export function missingColumns(d: Detection): string[] {
  return "missing" in d ? d.missing : [];
}

/** The layout of a file's columns, or what it lacks, in words a reader can act on. */
export function detectOrExplain(columns: readonly string[]): { layout: LayoutId } | { problem: string } {
  const detected = detectLayout(columns);
  const missing = missingColumns(detected);
  if (missing.length === 0) return { layout: detected.layout };
  const plural = missing.length > 1 ? "s" : "";
  return {
    problem: `looks like ${layoutInfo(detected.layout).label} but lacks the column${plural} ${missing.join(", ")}`,
  };
}
