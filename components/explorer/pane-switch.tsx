import type { Panel } from "@/lib/state/url-state";
import type { Pane } from "@/lib/types";

/** The charts or the SQL console in place of the record, or neither. */
export function PanelSwitch({
  panel,
  onChange,
  closes = false,
}: {
  panel: Panel | null;
  onChange: (p: Panel | null) => void;
  /** In a menu: a choice closes it. */
  closes?: boolean;
}) {
  const options: [Panel, string, string][] = [
    ["stats", "Charts", "Charts of the rows listed, linked to the filters (s)"],
    ["sql", "SQL", "SQL console over the open datasets (c)"],
    ["checks", "Checks", "Checks report: the known problems of this dataset, counted over all rows (x)"],
  ];
  return (
    <div className="flex overflow-hidden rounded border border-slate-300 text-xs" role="group" aria-label="Panels">
      {options.map(([value, label, title]) => (
        <button
          key={value}
          type="button"
          data-testid={`panel-${value}`}
          data-closes={closes || undefined}
          aria-pressed={panel === value}
          title={title}
          onClick={() => onChange(panel === value ? null : value)}
          className={`px-2 py-1 ${panel === value ? "bg-sky-700 text-white" : "bg-white text-slate-700 hover:bg-slate-100"}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

export function PaneSwitch({ pane, onChange }: { pane: Pane; onChange: (p: Pane) => void }) {
  const options: [Pane, string, string][] = [
    ["list", "List", "The list on its own (l)"],
    ["split", "Both", "List and record together (Esc)"],
    ["record", "Record", "The record on its own, full width (Enter)"],
  ];
  return (
    <div className="flex overflow-hidden rounded border border-slate-300 text-xs" role="group" aria-label="Panes">
      {options.map(([value, label, title]) => (
        <button
          key={value}
          type="button"
          data-testid={`pane-${value}`}
          aria-pressed={pane === value}
          title={title}
          onClick={() => onChange(value)}
          className={`px-2 py-1 ${pane === value ? "bg-slate-700 text-white" : "bg-white text-slate-700 hover:bg-slate-100"}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

/** Above a record shown on its own: back to the list, previous and next. */
export function RecordToolbar({
  onBack,
  onStep,
  compact = false,
}: {
  onBack: () => void;
  onStep: (delta: number) => void;
  compact?: boolean;
}) {
  // On a phone the keys are left out: there is no keyboard to press them on.
  const key = (k: string) => !compact && <kbd className="text-slate-600">{k}</kbd>;
  return (
    <div className="mb-3 flex items-center gap-2 text-xs">
      <ToolButton testId="back-to-list" onClick={onBack}>
        {compact ? "← List" : "← Back to the list"} {key("Esc")}
      </ToolButton>
      <ToolButton onClick={() => onStep(-1)}>Previous {key("k")}</ToolButton>
      <ToolButton onClick={() => onStep(1)}>Next {key("j")}</ToolButton>
    </div>
  );
}

function ToolButton({
  testId,
  onClick,
  children,
}: {
  testId?: string;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      data-testid={testId}
      onClick={onClick}
      className="rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-100"
    >
      {children}
    </button>
  );
}

const PANEL_NAME: Record<Panel, string> = { stats: "Charts", sql: "SQL console", checks: "Checks" };

/** On a phone, above a panel that fills the screen: the way back to the list. */
export function PanelBack({ panel, onBack }: { panel: Panel; onBack: () => void }) {
  return (
    <div className="flex items-center gap-2 border-b border-slate-200 bg-white px-2 py-1 text-sm">
      <ToolButton testId="back-to-list" onClick={onBack}>
        ← List
      </ToolButton>
      <span className="font-semibold text-slate-700">{PANEL_NAME[panel]}</span>
    </div>
  );
}
