import type { SqlParam } from "../engine/types";

/** Collects bound values and hands out their placeholders ($1, $2, …); values never enter SQL text. */
export class Params {
  readonly values: SqlParam[] = [];
  add(v: SqlParam): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}
