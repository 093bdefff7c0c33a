/** What the tool is, said once above a bundled sample: that sample's text is ours, made up in the real layout. */
export function FrontNote() {
  return (
    <p data-testid="front-note" className="border-b border-slate-200 bg-slate-50 px-4 py-1 text-xs text-slate-600">
      {/* On a phone only the part about the samples: the rows need the room. */}
      <span className="hidden sm:inline">
        Read, filter and check chat-alignment datasets (UltraChat, UltraFeedback and its binarized pairs) in this tab;
        nothing you open leaves it.{" "}
      </span>
      The bundled samples are synthetic text in the published layouts
      <span className="hidden sm:inline"> — open your own files or a Hugging Face split to read real data</span>.
    </p>
  );
}
