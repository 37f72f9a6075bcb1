// Does the registry accept this user and key? Asked as docker asks it at
// `docker login`: GET /v2/, and the challenge it answers with decides the rest:
// Basic (the credentials on /v2/ itself), or Bearer (a token from the realm,
// then /v2/ with that token). Nothing is stored. The key goes over https only,
// or over plain http to a loopback host (a local test registry).

import { Failure } from './errors.ts';

export type Fetch = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<Response>;

export interface CheckRequest {
  readonly registry: string;
  readonly user: string;
  readonly key: string;
  readonly timeoutMs: number;
}

export interface CheckOutcome {
  readonly accepted: boolean;
  /** How it was asked: "Basic", "Bearer token from <realm>", or "no login". */
  readonly how: string;
  /** The registry's (or token server's) status and message, when it refused. */
  readonly answer?: string;
  /** The URL of /v2/ that answered. */
  readonly url: string;
}

/** localhost and 127.0.0.0/8: the only hosts that get plain http. */
export function isLoopback(hostPort: string): boolean {
  const host = hostPort.replace(/:\d+$/, '');
  return host === 'localhost' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** `Bearer realm="...",service="..."`: the scheme in lower case and its parameters. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const scheme = (/^\s*(\S+)/.exec(header)?.[1] ?? '').toLowerCase();
  const params: Record<string, string> = {};
  for (const match of header.matchAll(/([A-Za-z]+)=(?:"([^"]*)"|([^\s,]*))/g)) params[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? '';
  return { scheme, params };
}

/** Node's fetch puts the reason into `cause`; Deno's into the message. */
function reasonOf(error: unknown): { code: string; message: string } {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  const message = typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
  return { code, message };
}

const CERTIFICATE = /CERT|UNABLE_TO_(GET|VERIFY)|SELF_SIGNED|DEPTH_ZERO|ALTNAME|certificate|UnknownIssuer|NotValidForName|Expired/i;
const NOT_TLS = /WRONG_VERSION_NUMBER|EPROTO|packet length|record layer|InvalidContentType|CorruptMessage|ECONNRESET|other side closed|SOCKET/i;

/** A failed request as one sentence that says what to check. */
function unreachable(url: string, error: unknown, timeoutMs: number): Failure {
  if ((error as { name?: unknown }).name === 'TimeoutError') {
    return new Failure(`no answer from ${url} within ${timeoutMs / 1000} s: check the registry host (swr-shell profiles shows it), your network and any proxy.`);
  }
  const { code, message } = reasonOf(error);
  const host = new URL(url).host;
  const reason = code ? `${code}: ${message}` : message;
  if (CERTIFICATE.test(reason)) {
    return new Failure(
      `the TLS certificate of ${host} is not trusted here (${reason}). If a proxy or a private CA signs it, ` +
        'add that CA (NODE_EXTRA_CA_CERTS=ca.pem for Node, DENO_CERT=ca.pem for Deno).',
    );
  }
  if (/ENOTFOUND|EAI_AGAIN|dns error|failed to lookup/i.test(reason)) return new Failure(`cannot find the host ${host} (${reason}): check the registry host.`);
  if (/ECONNREFUSED|Connection refused/i.test(reason)) return new Failure(`${host} refuses connections (${reason}): check the host and port.`);
  return new Failure(`cannot reach ${url} (${reason}).`);
}

/** The registry's answer in one line: status, then the errors' messages or the start of the body. */
async function answerOf(response: Response, key: string): Promise<string> {
  const text = (await response.text().catch(() => '')).trim();
  let detail = text;
  try {
    const body = JSON.parse(text) as { errors?: Array<{ code?: string; message?: string }>; details?: string; error?: string };
    if (Array.isArray(body.errors)) detail = body.errors.map((error) => [error.code, error.message].filter(Boolean).join(': ')).join('; ');
    else if (typeof body.details === 'string' || typeof body.error === 'string') detail = String(body.details ?? body.error);
  } catch {
    // Not JSON: the text itself.
  }
  detail = detail.replace(/\s+/g, ' ').slice(0, 300).split(key).join('…');
  return `${response.status} ${response.statusText}`.trim() + (detail ? `: ${detail}` : '');
}

const basic = (user: string, key: string): string => `Basic ${btoa(`${user}:${key}`)}`;

export async function checkLogin(fetchFn: Fetch, request: CheckRequest): Promise<CheckOutcome> {
  const { registry, user, key, timeoutMs } = request;
  const get = async (url: string, headers: Record<string, string> = {}): Promise<Response> => {
    try {
      return await fetchFn(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw Object.assign(unreachable(url, error, timeoutMs), { original: error });
    }
  };

  // https first; plain http only for a loopback host whose port does not speak TLS.
  let url = `https://${registry}/v2/`;
  let challenge: Response;
  try {
    challenge = await get(url);
  } catch (error) {
    const { code, message } = reasonOf((error as { original?: unknown }).original);
    if (!isLoopback(registry) || CERTIFICATE.test(`${code} ${message}`) || !NOT_TLS.test(`${code} ${message}`)) throw error;
    url = `http://${registry}/v2/`;
    challenge = await get(url);
  }
  if (challenge.ok) return { accepted: true, how: 'no login', url };
  if (challenge.status !== 401) throw new Failure(`${url} answered ${await answerOf(challenge, key)}, not the 401 challenge of a registry.`);
  const header = challenge.headers.get('www-authenticate') ?? '';
  const { scheme, params } = parseChallenge(header);

  if (scheme === 'basic') {
    const response = await get(url, { authorization: basic(user, key) });
    if (response.ok) return { accepted: true, how: 'Basic', url };
    if (response.status === 401 || response.status === 403) return { accepted: false, how: 'Basic', answer: await answerOf(response, key), url };
    throw new Failure(`${url} answered ${await answerOf(response, key)} to the login.`);
  }
  if (scheme !== 'bearer' || !params['realm']) {
    throw new Failure(`${url} asks for a login swr-shell does not know (WWW-Authenticate: ${header || 'none'}).`);
  }

  let realm: URL;
  try {
    realm = new URL(params['realm']);
  } catch {
    throw new Failure(`${url} names a token realm that is not a URL: ${JSON.stringify(params['realm'])}.`);
  }
  if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && isLoopback(realm.host))) {
    throw new Failure(`${url} sends the login to ${realm.origin}, which is neither https nor this machine; the key was not sent.`);
  }
  if (params['service']) realm.searchParams.set('service', params['service']);
  if (params['scope']) realm.searchParams.set('scope', params['scope']);
  realm.searchParams.set('account', user);
  const how = `Bearer token from ${realm.origin}${realm.pathname}`;
  const tokenResponse = await get(realm.href, { authorization: basic(user, key) });
  if (tokenResponse.status === 401 || tokenResponse.status === 403) {
    return { accepted: false, how, answer: await answerOf(tokenResponse, key), url };
  }
  if (!tokenResponse.ok) throw new Failure(`the token server ${realm.origin} answered ${await answerOf(tokenResponse, key)}.`);
  const body = (await tokenResponse.json().catch(() => ({}))) as { token?: unknown; access_token?: unknown };
  const token = typeof body.token === 'string' ? body.token : typeof body.access_token === 'string' ? body.access_token : undefined;
  if (!token) throw new Failure(`the token server ${realm.origin} answered without a token.`);
  const response = await get(url, { authorization: `Bearer ${token}` });
  if (response.ok) return { accepted: true, how, url };
  return { accepted: false, how: `${how}, then ${url}`, answer: await answerOf(response, key), url };
}
