/**
 * One HTTP request as an endpoint check makes it: Node's fetch with a timeout for the
 * whole exchange, redirects followed by hand (at most 10), the body read up to a cap.
 * Never throws: a failure comes back as a short reason a postmortem can show.
 */

export interface HttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  timeoutMs: number;
}

export type HttpOutcome =
  | { ok: true; status: number; contentType: string | null; body: Buffer; elapsedMs: number; finalUrl: string }
  | { ok: false; error: string; elapsedMs: number; permanent: boolean };

/** Most redirects followed before giving up with "redirect loop". */
export const MAX_REDIRECTS = 10;
/** Most body bytes read; a larger body fails the check. */
export const MAX_BODY_BYTES = 1024 * 1024;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/** Sends the request; `fetchImpl` is injectable for tests (default: global fetch). */
export async function httpRequest(request: HttpRequest, fetchImpl: typeof fetch = fetch): Promise<HttpOutcome> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { ok: false, error: `invalid URL: ${JSON.stringify(request.url)}`, elapsedMs: 0, permanent: true };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, error: `invalid URL: ${url.protocol} is not http or https`, elapsedMs: 0, permanent: true };
  }

  // fetch refuses a URL with user:password; send them as Basic auth instead.
  if (url.username || url.password) {
    if (!Object.keys(request.headers).some((name) => name.toLowerCase() === 'authorization')) {
      const pair = `${decode(url.username)}:${decode(url.password)}`;
      request = { ...request, headers: { ...request.headers, authorization: `Basic ${Buffer.from(pair).toString('base64')}` } };
    }
    url.username = '';
    url.password = '';
  }

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  let method = request.method;
  let body = request.body;
  let headers = { ...request.headers };
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await fetchImpl(url, { method, headers, body, redirect: 'manual', signal: controller.signal });
      const location = response.headers.get('location');
      if (REDIRECTS.has(response.status) && location !== null) {
        await response.body?.cancel().catch(() => {});
        if (redirects >= MAX_REDIRECTS) {
          return {
            ok: false,
            error: `redirect loop: more than ${MAX_REDIRECTS} redirects (last to ${safeUrl(location, url)})`,
            elapsedMs: elapsed(),
            permanent: false,
          };
        }
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          return { ok: false, error: `invalid redirect: Location ${JSON.stringify(location.slice(0, 100))}`, elapsedMs: elapsed(), permanent: false };
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          return { ok: false, error: `invalid redirect to ${next.protocol} (not http or https)`, elapsedMs: elapsed(), permanent: false };
        }
        // 303, and 301/302 after a POST, turn into a GET without a body (as browsers do).
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
          method = method === 'HEAD' ? 'HEAD' : 'GET';
          body = null;
          headers = withoutHeaders(headers, ['content-type', 'content-length']);
        }
        // Credentials stay with the origin they were meant for.
        if (next.origin !== url.origin) headers = withoutHeaders(headers, CREDENTIAL_HEADERS);
        url = next;
        continue;
      }
      const declared = Number(response.headers.get('content-length') ?? Number.NaN);
      if (declared > MAX_BODY_BYTES) {
        await response.body?.cancel().catch(() => {});
        return {
          ok: false,
          error: `body larger than ${MAX_BODY_BYTES / 1024 / 1024} MB (${declared} bytes announced)`,
          elapsedMs: elapsed(),
          permanent: false,
        };
      }
      const read = await readCapped(response);
      if (read === null) {
        return { ok: false, error: `body larger than ${MAX_BODY_BYTES / 1024 / 1024} MB (stopped reading)`, elapsedMs: elapsed(), permanent: false };
      }
      return { ok: true, status: response.status, contentType: response.headers.get('content-type'), body: read, elapsedMs: elapsed(), finalUrl: url.href };
    }
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, error: `timeout after ${request.timeoutMs} ms`, elapsedMs: elapsed(), permanent: false };
    return { ok: false, error: classifyError(error, url), elapsedMs: elapsed(), permanent: false };
  } finally {
    clearTimeout(timer);
  }
}

/** The body, or null when it is larger than MAX_BODY_BYTES (reading stops there). */
async function readCapped(response: Response): Promise<Buffer | null> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function withoutHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name.toLowerCase())));
}

function safeUrl(location: string, base: URL): string {
  try {
    const url = new URL(location, base);
    return url.origin === base.origin ? `${url.pathname}${url.search}` : url.origin + url.pathname;
  } catch {
    return JSON.stringify(location.slice(0, 100));
  }
}

const TLS_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not match the host name',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate not trusted (unknown issuer)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate not trusted (unknown issuer)',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate not trusted (unknown issuer)',
  CERT_REVOKED: 'certificate revoked',
  CERT_UNTRUSTED: 'certificate not trusted',
  CERT_SIGNATURE_FAILURE: 'certificate signature invalid',
  ERR_SSL_WRONG_VERSION_NUMBER: 'handshake failed (is the port serving plain HTTP?)',
  EPROTO: 'handshake failed',
};

/** A network error as a short reason: `connection refused (127.0.0.1:9)`, `TLS error: self-signed certificate (…)`. */
export function classifyError(error: unknown, url: URL): string {
  const { code, message } = rootCause(error);
  const host = url.hostname;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (code === 'ECONNREFUSED') return `connection refused (${host}:${port})`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL' || code === 'EAI_NODATA') {
    return `DNS lookup failed for ${host} (${code})`;
  }
  if (code === 'ECONNRESET') return `connection reset by ${host}:${port}`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `${host} is unreachable (${code})`;
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return `connect timeout to ${host}:${port}`;
  if (code === 'UND_ERR_SOCKET') return `connection closed by ${host}:${port} before the response ended`;
  if (code !== undefined && (TLS_REASONS[code] !== undefined || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))) {
    return `TLS error: ${TLS_REASONS[code] ?? 'handshake failed'} (${code})`;
  }
  if (code?.startsWith('HPE_')) return `invalid HTTP response from ${host}:${port} (${code})`;
  return `request failed: ${message}${code ? ` (${code})` : ''}`;
}

function rootCause(error: unknown): { code: string | undefined; message: string } {
  let current: unknown = error;
  let code: string | undefined;
  let message = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const own = (current as NodeJS.ErrnoException).code;
    if (typeof own === 'string') code = own;
    message = current.message || message;
    const next: unknown = (current as Error & { cause?: unknown }).cause;
    current = next === undefined && current instanceof AggregateError ? current.errors[0] : next;
  }
  return { code, message };
}
