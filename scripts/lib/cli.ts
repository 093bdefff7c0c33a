/** The value after a flag of the command line (`--scale 0.1` → "0.1"), or undefined. */
export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}
