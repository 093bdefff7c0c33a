/** One group of a select's options (none when it has no items); `engine` marks a server's dataset. */
export function OptionGroup({
  label,
  items,
}: {
  label: string;
  items: readonly { id: string; label: string; engine?: string }[];
}) {
  if (items.length === 0) return null;
  return (
    <optgroup label={label}>
      {items.map((o) => (
        <option key={o.id} value={o.id} data-engine={o.engine}>
          {o.label}
        </option>
      ))}
    </optgroup>
  );
}
