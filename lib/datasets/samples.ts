import type { LayoutId } from "../types";
import manifest from "./sample-manifest.json";

export interface SampleDataset {
  id: string;
  label: string;
  layout: LayoutId;
  /** Paths under /samples/ */
  files: string[];
  rows: number;
  /** A translation or another version of this sample: the picker offers the two as a pair. */
  partnerOf?: string;
}

export const SAMPLES = manifest as SampleDataset[];
export const DEFAULT_SAMPLE = SAMPLES[0]!.id;

export function sampleById(id: string): SampleDataset | undefined {
  return SAMPLES.find((s) => s.id === id);
}
