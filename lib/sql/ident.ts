/** The one place identifiers enter SQL: double-quoted, inner quotes doubled. Values never come here. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
