import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Node options of `next start` wherever the app is served (npm start, the e2e and bench servers): request
 * headers up to 64 kB, so every link the app writes is accepted (Node's default is 16 kB), and methods
 * the app does not answer refused with 405 (`refuse-methods.mjs`).
 */
export const SERVER_NODE_OPTIONS = `--max-http-header-size=65536 --import \"${pathToFileURL(join(import.meta.dirname, "refuse-methods.mjs")).href}\"`;

export const serverNodeOptions = (current = process.env.NODE_OPTIONS) =>
  [current, SERVER_NODE_OPTIONS].filter(Boolean).join(" ");
