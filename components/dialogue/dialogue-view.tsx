import type { ChatMessage } from "@/lib/formats/canonical";
import { MessageBubble } from "./message-bubble";

export function DialogueView({ messages, query }: { messages: ChatMessage[]; query: string }) {
  if (messages.length === 0) return <p className="text-sm text-slate-600">This record has no messages.</p>;
  return (
    <div className="flex flex-col gap-3">
      {messages.map((m, i) => (
        <MessageBubble key={i} message={m} index={i} query={query} />
      ))}
    </div>
  );
}
