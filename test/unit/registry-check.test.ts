// The rules of swr-shell check that the real registry cannot show: where the
// key may go (https; http only to a loopback host), and the challenge parser.
// Each request is recorded by a stand-in fetch.

import { describe, expect, it } from 'vitest';
import { Failure } from '../../src/core/errors.ts';
import { checkLogin, type Fetch, isLoopback, parseChallenge } from '../../src/core/registry-check.ts';

const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const USER = 'ap-southeast-3@TESTAKEXAMPLE123';

type Answer = Response | Error;

/** A fetch that answers from `answers` in order and records each URL and its authorization header. */
function recordingFetch(...answers: Answer[]): { fetch: Fetch; asked: Array<{ url: string; authorization: string | undefined }> } {
  const asked: Array<{ url: string; authorization: string | undefined }> = [];
  return {
    asked,
    fetch: (url, init) => {
      asked.push({ url, authorization: init.headers['authorization'] });
      const answer = answers.shift();
      if (answer === undefined) return Promise.reject(new Error(`unexpected request ${url}`));
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
}

const challenge = (header: string) => new Response('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}', { status: 401, headers: { 'www-authenticate': header } });
const notTls = () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'wrong version number' } });
const request = (registry: string) => ({ registry, user: USER, key: KEY, timeoutMs: 1000 });

describe('where the key goes', () => {
  it('a public host: https only, even when https fails', async () => {
    const { fetch, asked } = recordingFetch(notTls());
    await expect(checkLogin(fetch, request('swr.ap-southeast-3.myhuaweicloud.com'))).rejects.toThrow('cannot reach https://swr.ap-southeast-3.myhuaweicloud.com/v2/');
    expect(asked.map(({ url }) => url)).toEqual(['https://swr.ap-southeast-3.myhuaweicloud.com/v2/']);
  });

  it('a loopback host that does not speak TLS: then plain http', async () => {
    const { fetch, asked } = recordingFetch(notTls(), challenge('Basic realm="r"'), new Response('{}', { status: 200 }));
    expect(await checkLogin(fetch, request('127.0.0.1:5000'))).toEqual({ accepted: true, how: 'Basic', url: 'http://127.0.0.1:5000/v2/' });
    expect(asked.map(({ url }) => url)).toEqual(['https://127.0.0.1:5000/v2/', 'http://127.0.0.1:5000/v2/', 'http://127.0.0.1:5000/v2/']);
    expect(asked[0]!.authorization).toBeUndefined();
    expect(asked[2]!.authorization).toBe(`Basic ${Buffer.from(`${USER}:${KEY}`).toString('base64')}`);
  });

  it('a loopback host with an untrusted certificate: a TLS error, no http', async () => {
    const untrusted = Object.assign(new TypeError('fetch failed'), { cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' } });
    const { fetch, asked } = recordingFetch(untrusted);
    await expect(checkLogin(fetch, request('localhost:5000'))).rejects.toThrow('the TLS certificate of localhost:5000 is not trusted here');
    expect(asked).toHaveLength(1);
  });

  it('a token realm on plain http elsewhere gets no key', async () => {
    const { fetch, asked } = recordingFetch(challenge('Bearer realm="http://iam.example.com/token",service="swr"'));
    await expect(checkLogin(fetch, request('swr.example.com'))).rejects.toThrow('neither https nor this machine; the key was not sent');
    expect(asked).toHaveLength(1);
  });

  it('the Bearer flow: realm with service, scope and account, then /v2/ with the token', async () => {
    const { fetch, asked } = recordingFetch(
      challenge('Bearer realm="https://iam.example.com/v2/token",service="swr",scope="registry:catalog:*"'),
      new Response(JSON.stringify({ access_token: 'T0KEN' }), { status: 200 }),
      new Response('{}', { status: 200 }),
    );
    const outcome = await checkLogin(fetch, request('swr.example.com'));
    expect(outcome).toMatchObject({ accepted: true, how: 'Bearer token from https://iam.example.com/v2/token' });
    const token = new URL(asked[1]!.url);
    expect(Object.fromEntries(token.searchParams)).toEqual({ service: 'swr', scope: 'registry:catalog:*', account: USER });
    expect(asked[2]).toEqual({ url: 'https://swr.example.com/v2/', authorization: 'Bearer T0KEN' });
  });

  it('a refusal that echoes the key shows it as …', async () => {
    const { fetch } = recordingFetch(challenge('Basic realm="r"'), new Response(`bad password ${KEY}`, { status: 401, statusText: 'Unauthorized' }));
    const outcome = await checkLogin(fetch, request('swr.example.com'));
    expect(outcome).toMatchObject({ accepted: false, answer: '401 Unauthorized: bad password …' });
  });
});

const REGISTRY = 'swr.example.com';
const V2 = `https://${REGISTRY}/v2/`;
const BEARER = 'Bearer realm="https://iam.example.com/v2/token",service="swr"';
const failed = (cause: object) => Object.assign(new TypeError('fetch failed'), { cause });

/** The Failure that checkLogin rejects with, by `fetch` answering in turn. */
async function failureOf(registry: string, ...answers: Answer[]): Promise<string> {
  const { fetch } = recordingFetch(...answers);
  const error = await checkLogin(fetch, request(registry)).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Failure);
  return (error as Failure).message;
}

describe('when the registry cannot be reached, a sentence that says what to check', () => {
  it('no answer within the time', async () => {
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    const { fetch } = recordingFetch(timeout);
    const error = await checkLogin(fetch, { registry: REGISTRY, user: USER, key: KEY, timeoutMs: 2500 }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(Failure);
    expect((error as Failure).message).toBe(`no answer from ${V2} within 2.5 s: check the registry host (swr-shell profiles shows it), your network and any proxy.`);
  });

  it('a certificate that is not trusted', async () => {
    expect(await failureOf(REGISTRY, failed({ code: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', message: 'unable to get local issuer certificate' }))).toBe(
      `the TLS certificate of ${REGISTRY} is not trusted here (UNABLE_TO_GET_ISSUER_CERT_LOCALLY: unable to get local issuer certificate). ` +
        'If a proxy or a private CA signs it, add that CA (NODE_EXTRA_CA_CERTS=ca.pem for Node, DENO_CERT=ca.pem for Deno).',
    );
  });

  it('a host that does not resolve (Node puts the code in the cause; Deno only a message)', async () => {
    expect(await failureOf(REGISTRY, failed({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND swr.example.com' }))).toBe(
      `cannot find the host ${REGISTRY} (ENOTFOUND: getaddrinfo ENOTFOUND swr.example.com): check the registry host.`,
    );
    const deno = new TypeError('error sending request for url (https://swr.example.com/v2/): client error (Connect): dns error: failed to lookup address information');
    expect(await failureOf(REGISTRY, deno)).toBe(`cannot find the host ${REGISTRY} (${deno.message}): check the registry host.`);
  });

  it('a port that refuses connections', async () => {
    expect(await failureOf('swr.example.com:8443', failed({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 192.0.2.1:8443' }))).toBe(
      'swr.example.com:8443 refuses connections (ECONNREFUSED: connect ECONNREFUSED 192.0.2.1:8443): check the host and port.',
    );
  });

  it('anything else, as it is', async () => {
    expect(await failureOf(REGISTRY, failed({ code: 'EHOSTUNREACH', message: 'connect EHOSTUNREACH' }))).toBe(`cannot reach ${V2} (EHOSTUNREACH: connect EHOSTUNREACH).`);
    expect(await failureOf(REGISTRY, new Error('socket hang up'))).toBe(`cannot reach ${V2} (socket hang up).`);
  });

  it('a loopback port that asks for a client certificate is a TLS failure, not a reason for plain http', async () => {
    const { fetch, asked } = recordingFetch(failed({ code: 'EPROTO', message: 'SSL routines:ssl3_read_bytes:sslv3 alert bad certificate' }));
    await expect(checkLogin(fetch, request('localhost:5000'))).rejects.toThrow('the TLS certificate of localhost:5000 is not trusted here (EPROTO: ');
    expect(asked).toHaveLength(1);
  });
});

describe("the registry's answers", () => {
  it('a registry that needs no login', async () => {
    const { fetch, asked } = recordingFetch(new Response('{}', { status: 200 }));
    expect(await checkLogin(fetch, request(REGISTRY))).toEqual({ accepted: true, how: 'no login', url: V2 });
    expect(asked).toHaveLength(1);
  });

  it('an answer that is not the 401 challenge, with the errors of its body', async () => {
    const body = JSON.stringify({ errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known' }, { message: 'only a message' }, { code: 'DENIED' }] });
    expect(await failureOf(REGISTRY, new Response(body, { status: 404, statusText: 'Not Found' }))).toBe(
      `${V2} answered 404 Not Found: NAME_UNKNOWN: repository name not known; only a message; DENIED, not the 401 challenge of a registry.`,
    );
  });

  it.each([
    ['a "details" field', '{"details": "go away"}', '503 Service Unavailable: go away'],
    ['an "error" field', '{"error": "maintenance"}', '503 Service Unavailable: maintenance'],
    ['both, details first', '{"details": "go away", "error": "maintenance"}', '503 Service Unavailable: go away'],
    ['other JSON, as text', '{"message": "down"}', '503 Service Unavailable: {"message": "down"}'],
    ['white space folded', '<html>\n  <b>down</b>\t\n</html>\n', '503 Service Unavailable: <html> <b>down</b> </html>'],
    ['an empty body', '', '503 Service Unavailable'],
  ])('an answer with %s', async (_, body, answer) => {
    expect(await failureOf(REGISTRY, new Response(body, { status: 503, statusText: 'Service Unavailable' }))).toBe(`${V2} answered ${answer}, not the 401 challenge of a registry.`);
  });

  it('an answer without a status text, and one whose body breaks off', async () => {
    expect(await failureOf(REGISTRY, new Response('down', { status: 503 }))).toBe(`${V2} answered 503: down, not the 401 challenge of a registry.`);
    const broken = new ReadableStream({ start: (controller) => controller.error(new Error('connection reset')) });
    expect(await failureOf(REGISTRY, new Response(broken, { status: 502, statusText: 'Bad Gateway' }))).toBe(`${V2} answered 502 Bad Gateway, not the 401 challenge of a registry.`);
  });

  it('a login it does not know, or none named', async () => {
    expect(await failureOf(REGISTRY, challenge('Negotiate abc'))).toBe(`${V2} asks for a login swr-shell does not know (WWW-Authenticate: Negotiate abc).`);
    expect(await failureOf(REGISTRY, new Response('', { status: 401 }))).toBe(`${V2} asks for a login swr-shell does not know (WWW-Authenticate: none).`);
    expect(await failureOf(REGISTRY, challenge('Bearer service="swr"'))).toBe(`${V2} asks for a login swr-shell does not know (WWW-Authenticate: Bearer service="swr").`);
  });

  it('a token realm that is not a URL', async () => {
    expect(await failureOf(REGISTRY, challenge('Bearer realm="token here"'))).toBe(`${V2} names a token realm that is not a URL: "token here".`);
  });
});

describe('Basic', () => {
  it.each([401, 403])('a refusal with status %i', async (status) => {
    const { fetch } = recordingFetch(challenge('Basic realm="r"'), new Response('{"errors":[{"code":"DENIED","message":"bad key"}]}', { status, statusText: 'No' }));
    expect(await checkLogin(fetch, request(REGISTRY))).toEqual({ accepted: false, how: 'Basic', answer: `${status} No: DENIED: bad key`, url: V2 });
  });

  it('any other answer to the login is a failure', async () => {
    expect(await failureOf(REGISTRY, challenge('Basic realm="r"'), new Response('oops', { status: 500, statusText: 'Internal Server Error' }))).toBe(
      `${V2} answered 500 Internal Server Error: oops to the login.`,
    );
  });
});

describe('Bearer', () => {
  it('a token server that refuses (401 or 403): not accepted, with its answer', async () => {
    for (const status of [401, 403]) {
      const { fetch, asked } = recordingFetch(challenge(BEARER), new Response('{"details":"wrong key"}', { status, statusText: 'Refused' }));
      expect(await checkLogin(fetch, request(REGISTRY))).toEqual({
        accepted: false,
        how: 'Bearer token from https://iam.example.com/v2/token',
        answer: `${status} Refused: wrong key`,
        url: V2,
      });
      expect(asked[1]!.authorization).toBe(`Basic ${Buffer.from(`${USER}:${KEY}`).toString('base64')}`);
    }
  });

  it('a token server that fails otherwise', async () => {
    expect(await failureOf(REGISTRY, challenge(BEARER), new Response('', { status: 500, statusText: 'Internal Server Error' }))).toBe(
      'the token server https://iam.example.com answered 500 Internal Server Error.',
    );
  });

  it.each([
    ['no token', '{}'],
    ['a token that is not a string', '{"access_token": 12345}'],
    ['an empty token', '{"token": ""}'],
    ['a body that is not JSON', 'token=abc'],
  ])('a token server that answers with %s', async (_, body) => {
    expect(await failureOf(REGISTRY, challenge(BEARER), new Response(body, { status: 200 }))).toBe('the token server https://iam.example.com answered without a token.');
  });

  it('takes "token" before "access_token"', async () => {
    const { fetch, asked } = recordingFetch(challenge(BEARER), new Response('{"token":"FIRST","access_token":"SECOND"}', { status: 200 }), new Response('{}', { status: 200 }));
    expect(await checkLogin(fetch, request(REGISTRY))).toEqual({ accepted: true, how: 'Bearer token from https://iam.example.com/v2/token', url: V2 });
    expect(asked[2]!.authorization).toBe('Bearer FIRST');
  });

  it('a token that /v2/ then refuses', async () => {
    const { fetch } = recordingFetch(challenge(BEARER), new Response('{"token":"T"}', { status: 200 }), new Response('', { status: 401, statusText: 'Unauthorized' }));
    expect(await checkLogin(fetch, request(REGISTRY))).toEqual({
      accepted: false,
      how: `Bearer token from https://iam.example.com/v2/token, then ${V2}`,
      answer: '401 Unauthorized',
      url: V2,
    });
  });

  it('a token realm on plain http to this machine gets the key', async () => {
    const { fetch, asked } = recordingFetch(challenge('Bearer realm="http://localhost:5001/auth"'), new Response('{"token":"T"}', { status: 200 }), new Response('{}', { status: 200 }));
    expect(await checkLogin(fetch, request('localhost:5000'))).toEqual({ accepted: true, how: 'Bearer token from http://localhost:5001/auth', url: 'https://localhost:5000/v2/' });
    expect(asked[1]!.url).toBe(`http://localhost:5001/auth?account=${encodeURIComponent(USER)}`);
  });

  it('a token realm on another scheme gets no key', async () => {
    expect(await failureOf(REGISTRY, challenge('Bearer realm="ftp://127.0.0.1/token"'))).toBe(
      `${V2} sends the login to ftp://127.0.0.1, which is neither https nor this machine; the key was not sent.`,
    );
  });
});

describe('challenges and hosts', () => {
  it('parses an empty or blank challenge as no scheme and no parameters', () => {
    expect(parseChallenge('')).toEqual({ scheme: '', params: {} });
    expect(parseChallenge('  ')).toEqual({ scheme: '', params: {} });
    expect(parseChallenge('  Basic')).toEqual({ scheme: 'basic', params: {} });
    expect(parseChallenge('Bearer realm=')).toEqual({ scheme: 'bearer', params: { realm: '' } });
  });

  it('parses quoted and bare parameters, in any case', () => {
    expect(parseChallenge('Bearer realm="https://a/token",service="swr.x",scope="repository:a/b:pull,push"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://a/token', service: 'swr.x', scope: 'repository:a/b:pull,push' },
    });
    expect(parseChallenge('Basic Realm=swr')).toEqual({ scheme: 'basic', params: { realm: 'swr' } });
  });

  it.each([
    ['localhost', true],
    ['localhost:5000', true],
    ['127.0.0.1:5000', true],
    ['127.1.2.3', true],
    ['127.0.0.100', true],
    ['127.255.255.255:65535', true],
    ['10.127.0.0.1', false],
    ['127.0.0:1.1', false],
    ['127.0.0.1000', false],
    ['127.0.0.1.nip.io', false],
    ['swr.ap-southeast-3.myhuaweicloud.com', false],
    ['localhost.example.com', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });
});
