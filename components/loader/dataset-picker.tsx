import { SAMPLES, sampleById } from "@/lib/datasets/samples";
import type { LoadedDataset } from "@/lib/types";
import type { Served } from "@/lib/server/protocol";
import { count, isolate } from "@/lib/text/format";
import { OptionGroup } from "@/components/ui/option-group";

interface Props {
  value: string;
  opened: { id: string; label: string }[];
  served?: readonly Served[] | null;
  onChange: (id: string) => void;
}

/** A bundled pair's value in the picker: both sides. */
const pairValue = (original: string, partner: string) => `pair:${original}|${partner}`;

/** What the picker's value opens: a dataset, or a bundled pair (the original beside its partner). */
export function pickedDataset(value: string): { ds: string; pair: string | null } {
  const m = /^pair:([^|]+)\|(.+)$/.exec(value);
  return m ? { ds: m[1]!, pair: m[2]! } : { ds: value, pair: null };
}

/** The picker's value for what is on screen: its bundled pair when the partner is the sample's own. */
export const pickerValue = (ds: string, pair: string | null) =>
  pair && sampleById(pair)?.partnerOf === ds ? pairValue(ds, pair) : ds;

/** Datasets opened in this page that are neither samples nor the server's, as the picker lists them. */
export const openedOptions = (datasets: Iterable<LoadedDataset>) =>
  [...datasets]
    .filter((d) => !sampleById(d.id) && d.engine !== "server")
    .map((d) => ({ id: d.id, label: `${isolate(d.name)} (${count(d.rows, "row")}${d.loading ? " so far" : ""})` }));

/** A served dataset in words: its rows once loaded, else where its load stands. */
function servedLabel(s: Served): string {
  const name = isolate(s.name);
  if (s.state === "ready") return `${name} (${count(s.dataset?.rows ?? 0, "row")})`;
  if (s.state === "failed") return `${name} (could not be loaded)`;
  if (s.state === "loading") return `${name} (loading${s.percent !== null ? ` ${s.percent}%` : ""})`;
  return `${name} (waiting to load)`;
}

export function DatasetPicker({ value, opened, served, onChange }: Props) {
  const known =
    value.startsWith("pair:") ||
    SAMPLES.some((s) => s.id === value) ||
    opened.some((o) => o.id === value) ||
    (served ?? []).some((s) => s.id === value);
  return (
    <label className="flex min-w-0 items-center gap-2 text-sm">
      <span className="hidden text-slate-600 2xl:inline">Dataset</span>
      <select
        data-testid="dataset-picker"
        aria-label="Dataset"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="max-w-[14rem] min-w-0 rounded border border-slate-300 bg-white px-2 py-1.5 text-sm 2xl:max-w-[18rem]"
      >
        <OptionGroup
          label="Bundled samples"
          items={SAMPLES.map((s) => ({ id: s.id, label: `${s.label} (${s.rows} rows)` }))}
        />
        <OptionGroup
          label="Bundled pairs (original beside translation or version)"
          items={SAMPLES.filter((s) => s.partnerOf).map((s) => ({
            id: pairValue(s.partnerOf!, s.id),
            label: `${SAMPLES.find((x) => x.id === s.partnerOf)?.label} ⇄ ${s.label.split(" · ").pop()}`,
          }))}
        />
        <OptionGroup
          label="On this server"
          items={(served ?? []).map((s) => ({ id: s.id, label: servedLabel(s), engine: "server" }))}
        />
        <OptionGroup label="Opened" items={opened} />
        {!known && <option value={value}>{value.replace(/^(file|url):/, "")} (not open yet)</option>}
      </select>
    </label>
  );
}
