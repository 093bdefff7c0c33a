/** FNV-1a, 64 bits, of a text's UTF-8 bytes: a short, stable name for a text (not a secure hash). */
export function fnv1a64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(text)) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h;
}
