/** What the tool is, said once above a bundled sample: that sample's text is ours, made up in the real layout. */
export function FrontNote({ short = false }: { short?: boolean }) {
  // On a phone or a short window only the part about the samples: the rows need the room.
  const wide = short ? "hidden" : "hidden sm:inline";
  return (
    <p data-testid="front-note" className="border-b border-slate-200 bg-slate-50 px-4 py-1 text-xs text-slate-600">
      <span className={wide}>
        Read, filter and check chat-alignment datasets (UltraChat, UltraFeedback and its binarized pairs) in this tab;
        nothing you open leaves it.{" "}
      </span>
      The bundled samples are synthetic text in the published layouts
      <span className={wide}> — open your own files or a Hugging Face split to read real data</span>.
    </p>
  );
}
