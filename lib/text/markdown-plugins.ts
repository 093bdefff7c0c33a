import { splitMatches } from "./matches";

interface Node {
  type: string;
  value?: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: Node[];
}

/** remark: raw HTML in a message is shown as the text it is, never parsed into elements. */
export function remarkHtmlAsText() {
  return (tree: Node) => {
    const walk = (node: Node) => {
      if (node.type === "html") node.type = "text";
      node.children?.forEach(walk);
    };
    walk(tree);
  };
}

/** rehype: wraps search matches inside rendered text in <mark>, leaving code and links intact. */
export function rehypeHighlight(needle: string) {
  return () => (tree: Node) => {
    if (!needle.trim()) return;
    const walk = (node: Node) => {
      if (!node.children) return;
      node.children = node.children.flatMap((child): Node[] => {
        if (child.type !== "text" || !child.value) {
          walk(child);
          return [child];
        }
        const pieces = splitMatches(child.value, needle);
        if (pieces.length === 1 && !pieces[0]?.match) return [child];
        return pieces.map((p) =>
          p.match
            ? { type: "element", tagName: "mark", properties: {}, children: [{ type: "text", value: p.text }] }
            : { type: "text", value: p.text },
        );
      });
    };
    walk(tree);
  };
}
