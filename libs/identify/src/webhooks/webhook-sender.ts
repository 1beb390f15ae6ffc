import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolveAllowed, type UrlPolicy } from './url-guard';
import { SIGNATURE_HEADER, signature } from './signature';

/** What one attempt came to. */
export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  /** The start of the answer's body, for the delivery log; never more is read. */
  excerpt: string | null;
}

/** Bytes of an answer read for the log; the rest is not read. */
const EXCERPT_BYTES = 256;

export interface Outgoing {
  deliveryId: string;
  eventId: string;
  eventType: string;
  url: string;
  secret: string;
  body: string;
}

/**
 * One signed POST. The socket connects only to an address checked at this moment (the lookup
 * below), redirects are not followed (a 3xx is a failure), the whole attempt is bounded by
 * `timeoutMs`, and at most EXCERPT_BYTES of the answer are kept.
 */
export function send(out: Outgoing, policy: UrlPolicy, timeoutMs: number): Promise<AttemptResult> {
  let url: URL;
  try {
    url = new URL(out.url);
  } catch {
    return Promise.resolve({ ok: false, statusCode: null, error: 'invalid URL', excerpt: null });
  }
  const checkedLookup: LookupFunction = (host, options, callback) => {
    resolveAllowed(host, policy).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (err: Error) => callback(Object.assign(err, { code: 'EFORBIDDEN' }), '', 0),
    );
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const timestamp = Math.floor(Date.now() / 1000);
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(result);
    };
    const fail = (error: string, statusCode: number | null = null, excerpt: string | null = null) =>
      done({ ok: false, statusCode, error, excerpt });
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs);
    const req = request(
      url,
      {
        method: 'POST',
        lookup: checkedLookup,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(out.body),
          'user-agent': 'Balanse-Webhooks/1',
          [SIGNATURE_HEADER]: signature(out.secret, timestamp, out.body),
          'Balanse-Event-Id': out.eventId,
          'Balanse-Event-Type': out.eventType,
          'Balanse-Delivery-Id': out.deliveryId,
        },
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          const excerpt = printable(Buffer.concat(chunks).subarray(0, EXCERPT_BYTES));
          if (status >= 200 && status < 300)
            done({ ok: true, statusCode: status, error: null, excerpt });
          else if (status >= 300 && status < 400)
            fail(`answered ${status}; redirects are not followed`, status, excerpt);
          else fail(`answered ${status}`, status, excerpt);
        };
        res.on('data', (chunk: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size >= EXCERPT_BYTES) finish();
        });
        res.on('end', finish);
        res.on('error', (err) => fail(describe(err), status));
      },
    );
    req.on('error', (err) => fail(describe(err)));
    req.end(out.body);
  });
}

/** Text safe to keep and show: control characters (NUL among them) become spaces. */
function printable(bytes: Buffer): string | null {
  if (bytes.length === 0) return null;
  // eslint-disable-next-line no-control-regex
  return bytes.toString('utf8').replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/g, ' ');
}

function describe(err: Error & { code?: string }): string {
  if (err.code === 'EFORBIDDEN') return `refused: host ${err.message}`;
  return err.code ? `${err.code}: ${err.message}`.slice(0, 300) : err.message.slice(0, 300);
}
