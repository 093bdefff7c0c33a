import type { SqlParam } from "../engine/types";
import { fnv1a64 } from "../text/hash";

/** Collects bound values and hands out their placeholders ($1, $2, …); values never enter SQL text. */
export class Params {
  readonly values: SqlParam[] = [];
  /**
   * Text the statement needs as a constant (a search pattern, which the engine compiles once only when
   * it is constant): set as session variables by the caller before the statement runs, by name.
   * Absent: the caller cannot set them, and the SQL must do without.
   */
  readonly constants: Map<string, string> | null;
  constructor(options: { constants?: boolean } = {}) {
    this.constants = options.constants ? new Map() : null;
  }
  add(v: SqlParam): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
  /** A constant, read through its variable (named from a hash of its text, so equal texts share it); null when unsupported. */
  constant(text: string): string | null {
    if (!this.constants) return null;
    const name = `__c_${fnv1a64(text).toString(16)}`;
    this.constants.set(name, text);
    return `getvariable('${name}')`;
  }
}

/** Sets the constants a statement reads, each value bound. */
export async function setConstants(
  db: { query(sql: string, params: SqlParam[], options: { write: boolean }): Promise<unknown> },
  params: Params,
) {
  for (const [name, text] of params.constants ?? [])
    await db.query(`SET VARIABLE ${name} = $1`, [text], { write: true });
}
