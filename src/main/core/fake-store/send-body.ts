import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { FaultPlan, FaultSettings } from './faults';

export type Headers = Record<string, string | number>;

/** Breaks JSON the way a broken proxy or a PHP warning does: stray text inside the document. */
function malform(body: string): string {
  const cut = Math.max(1, Math.floor(body.length / 2));
  return `${body.slice(0, cut)}<br />\n<b>Warning</b>: Undefined index${body.slice(cut)}`;
}

/** Writes a response, applying the body-level fault chosen for it. */
export async function sendBody(
  res: ServerResponse,
  status: number,
  headers: Headers,
  body: string,
  fault: FaultPlan['kind'],
  settings: FaultSettings,
): Promise<void> {
  const bytes = Buffer.from(fault === 'malformed' ? malform(body) : body, 'utf8');
  const base = { 'Content-Type': 'application/json', ...headers };
  switch (fault) {
    case 'reset': {
      // Full length announced, half delivered, then the socket dies: the client sees a reset mid-body.
      res.writeHead(status, { ...base, 'Content-Length': bytes.length });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
      return;
    }
    case 'truncate': {
      // Chunked, so the response ends cleanly: valid HTTP, cut JSON.
      res.writeHead(status, base);
      res.end(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 3))));
      return;
    }
    case 'drip': {
      res.writeHead(status, { ...base, 'Content-Length': bytes.length });
      for (let at = 0; at < bytes.length && !res.destroyed; at += settings.dripChunkBytes) {
        // A pause between chunks, none after the last: the client holds the whole body once it arrives.
        if (at > 0) await delay(settings.dripDelayMs);
        res.write(bytes.subarray(at, at + settings.dripChunkBytes));
      }
      res.end();
      return;
    }
    default:
      res.writeHead(status, { ...base, 'Content-Length': bytes.length });
      res.end(bytes);
  }
}

export function sendError5xx(res: ServerResponse, status: number, headers: Headers): void {
  // A 502 usually comes from the load balancer in front, as HTML, not from the API.
  if (status === 502) {
    const html =
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
    res.writeHead(status, { ...headers, 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(html) });
    res.end(html);
    return;
  }
  const body = JSON.stringify({
    message: status === 503 ? 'Service Unavailable' : 'Server Error',
    status_code: status,
  });
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
