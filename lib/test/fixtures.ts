import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");
/** Real rows of the published datasets; present beside the project in our CI, not in a plain clone. */
export const REAL = join(ROOT, "..", "shared", "real-samples");
export const hasReal = existsSync(REAL);

export const realJson = (name: string) => JSON.parse(readFileSync(join(REAL, name), "utf8")) as Record<string, unknown>;
export const sampleFile = (p: string) => join(ROOT, "public", "samples", p);
export const fixtureFile = (p: string) => join(ROOT, "e2e", "fixtures", p);
export const jsonl = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
