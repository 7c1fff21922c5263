/**
 * Records a response as it is written (status, headers, body), without changing what the client
 * gets: the anonymous cache stores what it records.
 */
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";

export interface Recorded {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

const lowerCaseHeaders = (headers: unknown): OutgoingHttpHeaders => {
  const out: OutgoingHttpHeaders = {};
  if (Array.isArray(headers)) {
    // writeHead's flat [name, value, name, value, …] form.
    for (let i = 0; i + 1 < headers.length; i += 2) out[String(headers[i]).toLowerCase()] = headers[i + 1];
  } else if (headers && typeof headers === "object") {
    for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value as OutgoingHttpHeaders[string];
  }
  return out;
};

/**
 * Records what is written to `res` and calls `done` once, when the response ends (with what
 * was written, or null when it cannot be stored: `unstorable` refused its head, or the body grew
 * past `maxBodyBytes`) or when the connection closed first ("aborted").
 */
export function recordResponse(
  res: ServerResponse,
  limits: { maxBodyBytes: number; unstorable: (head: { status: number; headers: OutgoingHttpHeaders }) => string | null },
  done: (recorded: Recorded | null | "aborted") => void,
) {
  const { maxBodyBytes, unstorable } = limits;
  const write = res.write;
  const end = res.end;
  const writeHead = res.writeHead;
  let head: { status: number; headers: OutgoingHttpHeaders } | null = null;
  let chunks: Buffer[] | null = [];
  let size = 0;
  let settled = false;
  const settle = (recorded: Recorded | null | "aborted") => {
    if (settled) return;
    settled = true;
    done(recorded);
  };
  const takeHead = (status = res.statusCode, extra?: unknown) => {
    if (head) return;
    head = { status, headers: { ...res.getHeaders(), ...lowerCaseHeaders(extra) } };
    if (unstorable(head)) chunks = null;
  };
  const keep = (chunk: unknown, encoding: unknown) => {
    if (!chunks || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > maxBodyBytes) chunks = null;
    else chunks.push(buffer);
  };
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    takeHead(status, rest.find((arg) => typeof arg === "object"));
    return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
  } as typeof res.writeHead;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    takeHead();
    keep(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    takeHead();
    keep(chunk, rest[0]);
    const result = (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    settle(head && chunks ? { ...head, body: Buffer.concat(chunks) } : null);
    return result;
  } as typeof res.end;
  res.once("close", () => settle("aborted"));
}
