import { SAMPLES } from "@/lib/datasets/samples";

interface Props {
  value: string;
  opened: { id: string; label: string }[];
  onChange: (id: string) => void;
}

export function DatasetPicker({ value, opened, onChange }: Props) {
  const known = SAMPLES.some((s) => s.id === value) || opened.some((o) => o.id === value);
  return (
    <label className="flex min-w-0 items-center gap-2 text-sm">
      <span className="hidden text-slate-600 sm:inline">Dataset</span>
      <select
        data-testid="dataset-picker"
        aria-label="Dataset"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="max-w-[18rem] min-w-0 rounded border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        <optgroup label="Bundled samples">
          {SAMPLES.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label} ({s.rows} rows)
            </option>
          ))}
        </optgroup>
        {opened.length > 0 && (
          <optgroup label="Opened">
            {opened.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </optgroup>
        )}
        {!known && <option value={value}>{value.replace(/^(file|url):/, "")} (not open yet)</option>}
      </select>
    </label>
  );
}
