import { describe } from "vitest";
import { hasReal, REAL } from "./fixtures";

/**
 * A group of tests on real published rows (../shared/real-samples). They run, and fail on a mismatch,
 * where that folder is (our CI); in a clone without it they are skipped, saying so in one line.
 */
export function describeReal(name: string, fn: () => void) {
  if (!hasReal) console.log(`skipped “${name}”: it reads real published rows from ${REAL}, which is not there`);
  describe.skipIf(!hasReal)(name, fn);
}
