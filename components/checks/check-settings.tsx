"use client";
import { useState } from "react";
import type { CheckSetting, Settings } from "@/lib/checks/types";

interface Props {
  settings: readonly CheckSetting[];
  values: Settings;
  /** New values of a setting; null: back to its default. */
  onChange: (key: string, values: string[] | null) => void;
}

/** The thresholds and phrase lists of one check; a change applies when the field is left or Apply is pressed. */
export function CheckSettings({ settings, values, onChange }: Props) {
  return (
    <div className="mt-1 flex flex-col gap-2 rounded bg-slate-50 p-2 text-xs">
      {settings.map((s) =>
        s.kind === "number" ? (
          <NumberSetting key={s.key} setting={s} value={values[s.key] as number} onChange={onChange} />
        ) : (
          <PhraseSetting key={s.key} setting={s} value={values[s.key] as readonly string[]} onChange={onChange} />
        ),
      )}
    </div>
  );
}

function NumberSetting({
  setting,
  value,
  onChange,
}: {
  setting: Extract<CheckSetting, { kind: "number" }>;
  value: number;
  onChange: Props["onChange"];
}) {
  const [text, setText] = useState(String(value));
  const [last, setLast] = useState(value);
  if (last !== value) {
    setLast(value);
    setText(String(value));
  }
  const apply = () => {
    const n = Number(text);
    if (text.trim() !== "" && Number.isFinite(n) && n !== value) onChange(setting.key, [String(n)]);
    else setText(String(value));
  };
  return (
    <label className="flex items-center gap-2">
      <span className="text-slate-600">{setting.label}</span>
      <input
        type="number"
        data-testid={`check-setting-${setting.key}`}
        value={text}
        min={setting.min}
        max={setting.max}
        step={setting.step}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === "Enter") apply();
        }}
        className="w-20 rounded border border-slate-300 px-1 py-0.5 tabular-nums"
      />
      {setting.default !== value && (
        <button type="button" onClick={() => onChange(setting.key, null)} className="text-sky-700 hover:underline">
          default ({setting.default})
        </button>
      )}
    </label>
  );
}

function PhraseSetting({
  setting,
  value,
  onChange,
}: {
  setting: Extract<CheckSetting, { kind: "phrases" }>;
  value: readonly string[];
  onChange: Props["onChange"];
}) {
  const joined = value.join("\n");
  const [text, setText] = useState(joined);
  const [last, setLast] = useState(joined);
  if (last !== joined) {
    setLast(joined);
    setText(joined);
  }
  const phrases = (t: string) =>
    t
      .split("\n")
      .map((p) => p.trim())
      .filter(Boolean);
  const changed = phrases(text).join("\n") !== joined;
  const isDefault = joined === setting.default.join("\n");
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`phrases-${setting.key}`} className="text-slate-600">
        {setting.label}
      </label>
      <textarea
        id={`phrases-${setting.key}`}
        data-testid={`check-setting-${setting.key}`}
        value={text}
        rows={Math.min(8, Math.max(3, value.length))}
        onChange={(e) => setText(e.target.value)}
        className="w-full rounded border border-slate-300 px-1 py-0.5 font-mono"
      />
      <div className="flex gap-2">
        <button
          type="button"
          disabled={!changed}
          onClick={() => onChange(setting.key, phrases(text))}
          className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100 disabled:opacity-50"
        >
          Apply
        </button>
        {!isDefault && (
          <button type="button" onClick={() => onChange(setting.key, null)} className="text-sky-700 hover:underline">
            back to the default list
          </button>
        )}
      </div>
    </div>
  );
}
