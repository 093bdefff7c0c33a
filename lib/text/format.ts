const whole = new Intl.NumberFormat("en-US");

/** A count with thousands separators (12,345). One formatter for all: `toLocaleString` builds one per call. */
export const fmt = (n: number) => whole.format(n);
