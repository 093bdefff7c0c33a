"use client";
import { useEffect, useState } from "react";
import { focusList } from "./use-record-keys";

/**
 * Typing is debounced before it reaches the URL (and so the query). `/` anywhere focuses it; Enter
 * searches at once and ↓ goes to the list; Esc clears the search and goes to the list too, so the
 * page's keys work again.
 */
export function SearchBox({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const [text, setText] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    setLastValue(value);
    setText(value);
  }

  useEffect(() => {
    if (text === value) return;
    const t = setTimeout(() => onChange(text), 250);
    return () => clearTimeout(t);
  }, [text, value, onChange]);

  return (
    <input
      id="search"
      data-testid="search"
      type="search"
      aria-label="Search all text"
      value={text}
      placeholder="Search all text (press /)"
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          setText("");
          if (value !== "") onChange("");
        } else if (e.key === "Enter") {
          if (text !== value) onChange(text);
        } else if (e.key !== "ArrowDown") return;
        e.preventDefault();
        focusList();
      }}
      className="w-full min-w-0 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm"
    />
  );
}
