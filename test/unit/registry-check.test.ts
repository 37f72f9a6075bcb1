// The rules of swr-shell check that the real registry cannot show: where the
// key may go (https; http only to a loopback host), and the challenge parser.
// Each request is recorded by a stand-in fetch.

import { describe, expect, it } from 'vitest';
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

describe('challenges and hosts', () => {
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
    ['127.0.0.1.nip.io', false],
    ['swr.ap-southeast-3.myhuaweicloud.com', false],
    ['localhost.example.com', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });
});
