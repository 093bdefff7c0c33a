"use client";
import { memo, useMemo } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { rehypeHighlight, remarkHtmlAsText } from "@/lib/text/markdown-plugins";

const SAFE_HREF = /^(https?:|mailto:)/i;

const components: Components = {
  a({ href, children }) {
    if (href && SAFE_HREF.test(href)) {
      return (
        <a href={href} target="_blank" rel="noopener noreferrer nofollow">
          {children}
        </a>
      );
    }
    // Links to javascript:, data: and the like are shown, never followed.
    return (
      <span className="text-slate-600 underline decoration-dotted" title={`Link not followed: ${href ?? ""}`}>
        {children}
      </span>
    );
  },
  // A code block scrolls sideways; it takes focus so the keyboard can scroll it too.
  pre({ children }) {
    return <pre tabIndex={0}>{children}</pre>;
  },
  img({ alt, src }) {
    return (
      <span className="text-slate-600">
        [image: {alt || "no description"} — {typeof src === "string" ? src : ""}]
      </span>
    );
  },
};

/** Markdown as the model wrote it; nothing in it can run, load or navigate by itself. */
export const Markdown = memo(function Markdown({ text, highlight }: { text: string; highlight: string }) {
  const rehypePlugins = useMemo(() => [rehypeHighlight(highlight)], [highlight]);
  return (
    <div className="md">
      <ReactMarkdown
        remarkPlugins={[remarkGfm, remarkHtmlAsText]}
        rehypePlugins={rehypePlugins}
        components={components}
        urlTransform={(url) => url}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
});
