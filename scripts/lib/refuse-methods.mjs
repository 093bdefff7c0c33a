// Loaded with `--import` by every server of the app (next start, npm run serve): a request whose
// method the app does not answer (TRACE, TRACK, CONNECT, PUT, …) gets 405 before it reaches Next,
// whose own handling of TRACE fails with a stack (the fetch standard forbids building such a request).
import http from "node:http";

const ALLOWED = new Set(["GET", "HEAD", "POST"]);
const emit = http.Server.prototype.emit;

http.Server.prototype.emit = function (event, request, response) {
  if (event === "request" && !ALLOWED.has(request.method)) {
    response.writeHead(405, { Allow: [...ALLOWED].join(", "), "Content-Type": "text/plain; charset=utf-8" });
    response.end("This method is not allowed.\n");
    return true;
  }
  return emit.apply(this, arguments);
};
