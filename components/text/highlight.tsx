import { splitMatches } from "@/lib/text/matches";

/**
 * Data text with the search's matches marked, isolated from the text around it (a right-to-left
 * override inside it reorders only itself, never the app's words or the next value).
 */
export function Highlight({ text, query }: { text: string; query: string }) {
  return (
    <bdi>
      {splitMatches(text, query).map((p, i) =>
        p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
    </bdi>
  );
}
