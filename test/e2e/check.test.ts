// swr-shell check against the real registry (docker-registry, the CNCF
// distribution that SWR's registry speaks like), twice: with htpasswd (the
// Basic challenge), and with `auth: token`, where a token server written here
// signs JWTs with a test key whose self-signed certificate (made by openssl)
// the registry trusts, so the Bearer flow is real end to end. Each with the
// right key and a refused one; and a host that does not answer, one that
// refuses connections, and one whose certificate is not trusted.

import { spawn } from 'node:child_process';
import { createSign, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AK, SK, TempHome } from '../support/cli.ts';
import { opensslLoginKey } from '../support/huawei-login-key.ts';
import { check, freePort, run } from '../support/process.ts';
import { denoCommand, denoOwnEnv, nodeCommand } from '../support/runtimes.ts';
import { requireTools } from '../support/tools.ts';
import { type Account, type Registry, startRegistry } from './daemons.ts';

const REGION = 'ap-southeast-3';
const USER = `${REGION}@${AK}`;
const WRONG_KEY = 'f'.repeat(64);
const SERVICE = 'swr-shell-test';
const ISSUER = 'swr-shell-test-issuer';

const RUNTIMES = { node: nodeCommand, deno: denoCommand } as const;
type RuntimeName = keyof typeof RUNTIMES;

const listen = (server: Server, port = 0): Promise<number> =>
  new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

/** A key pair and its self-signed certificate, from openssl; the PEM texts and the certificate's DER in base64. */
async function makeCertificate(dir: string, name: string): Promise<{ key: string; cert: string; der: string; certPath: string }> {
  const keyPath = join(dir, `${name}.key`);
  const certPath = join(dir, `${name}.pem`);
  await check('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', `/CN=${name}`, '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyPath, '-out', certPath]);
  const cert = readFileSync(certPath, 'utf8');
  const der = cert.replace(/-----[^-]+-----|\s/g, '');
  return { key: readFileSync(keyPath, 'utf8'), cert, der, certPath };
}

const base64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

/** An ES256 JWT as distribution's token auth reads it: the certificate chain in x5c, the claims it checks. */
function signToken(signer: { key: string; der: string }, subject: string): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', x5c: [signer.der] }));
  const claims = base64url(JSON.stringify({ iss: ISSUER, sub: subject, aud: SERVICE, exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access: [] }));
  const signature = createSign('SHA256').update(`${header}.${claims}`).sign({ key: signer.key, dsaEncoding: 'ieee-p1363' });
  return `${header}.${claims}.${base64url(signature)}`;
}

interface TokenServer {
  realm: string;
  /** What each request asked for: its query. */
  requests: URLSearchParams[];
  server: Server;
}

/** The token server: Basic credentials in, a signed token out; a wrong password gets 401 and a JSON error, as SWR's IAM answers. */
async function startTokenServer(accounts: readonly Account[], signer: { key: string; der: string }): Promise<TokenServer> {
  const requests: URLSearchParams[] = [];
  const server = createHttpServer((request: IncomingMessage, response: ServerResponse) => {
    const query = new URL(request.url!, 'http://token').searchParams;
    requests.push(query);
    const given = Buffer.from((request.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8');
    const account = accounts.find(({ user, password }) => given === `${user}:${password}`);
    response.setHeader('content-type', 'application/json');
    if (account === undefined || query.get('service') !== SERVICE) {
      response.statusCode = 401;
      response.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication failed: wrong user name or password' }] }));
      return;
    }
    const token = signToken(signer, account.user);
    response.end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() }));
  });
  const port = await listen(server);
  return { realm: `http://127.0.0.1:${port}/token`, requests, server };
}

describe.runIf(requireTools('docker-registry', 'htpasswd', 'openssl'))('swr-shell check against a real registry', () => {
  const root = mkdtempSync(join(tmpdir(), 'swr-check-'));
  const key = opensslLoginKey(AK, SK);
  const account = { user: USER, password: key };
  const homes: TempHome[] = [];
  let basic: Registry;
  let bearer: Registry;
  let tokens: TokenServer;
  let forged: Registry;
  let forgedTokens: TokenServer;

  beforeAll(async () => {
    mkdirSync(join(root, 'certs'));
    const signer = await makeCertificate(join(root, 'certs'), 'token-signer');
    const stranger = await makeCertificate(join(root, 'certs'), 'stranger');
    tokens = await startTokenServer([account], signer);
    // A second token server signs with a key the registry does not trust.
    forgedTokens = await startTokenServer([account], stranger);
    const tokenAuth = (realm: string) =>
      `{ token: { realm: "${realm}", service: ${SERVICE}, issuer: ${ISSUER}, rootcertbundle: ${signer.certPath} } }`;
    [basic, bearer, forged] = await Promise.all([
      startRegistry(join(root, 'basic'), [account]),
      startRegistry(join(root, 'bearer'), [], tokenAuth(tokens.realm)),
      startRegistry(join(root, 'forged'), [], tokenAuth(forgedTokens.realm)),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([basic?.stop(), bearer?.stop(), forged?.stop()]);
    await Promise.all([tokens && close(tokens.server), forgedTokens && close(forgedTokens.server)]);
    for (const home of homes) home.remove();
    rmSync(root, { recursive: true, force: true });
  });

  /** A HOME whose default profile names `registry`, made by the real configure. */
  async function homeFor(registry: string): Promise<TempHome> {
    const home = new TempHome(denoOwnEnv(join(root, 'deno-cache')));
    homes.push(home);
    await home.configure('--region', REGION, '--registry', registry);
    return home;
  }

  const swrCheck = (runtime: RuntimeName, home: TempHome, env: Record<string, string> = {}, ...args: string[]) => {
    const [command, ...rest] = RUNTIMES[runtime]();
    return run(command!, [...rest, 'check', ...args], { env: { ...home.env, ...env } });
  };

  describe.each(Object.keys(RUNTIMES) as RuntimeName[])('%s', (runtime) => {
    it('Basic (htpasswd): the right key is accepted', async () => {
      const result = await swrCheck(runtime, await homeFor(basic.host));
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(`accepted: ${basic.host} accepts ${USER} with this key (Basic).\n`);
      expect(result.status).toBe(0);
    });

    it('Basic (htpasswd): a wrong key is refused with the registry\'s answer, and the key shows nowhere', async () => {
      const result = await swrCheck(runtime, await homeFor(basic.host), { SWR_AK: AK, SWR_LOGIN_KEY: WRONG_KEY });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`refused: ${basic.host} does not accept ${USER} with this key (Basic). The registry said: 401 Unauthorized: UNAUTHORIZED: authentication required.`);
      expect(result.stderr).not.toContain(WRONG_KEY);
      expect(result.stderr).not.toContain(key);
    });

    it('Bearer (auth: token): the token flow with realm, service and account; accepted', async () => {
      const before = tokens.requests.length;
      const result = await swrCheck(runtime, await homeFor(bearer.host));
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(`accepted: ${bearer.host} accepts ${USER} with this key (Bearer token from ${tokens.realm}).\n`);
      const asked = tokens.requests.slice(before);
      expect(asked).toHaveLength(1);
      expect(Object.fromEntries(asked[0]!)).toEqual({ service: SERVICE, account: USER });
    });

    it('Bearer (auth: token): the token server refuses a wrong key, and says why', async () => {
      const result = await swrCheck(runtime, await homeFor(bearer.host), { SWR_AK: AK, SWR_LOGIN_KEY: WRONG_KEY });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`The registry said: 401 Unauthorized: UNAUTHORIZED: authentication failed: wrong user name or password.`);
      expect(result.stderr).not.toContain(WRONG_KEY);
    });

    it('Bearer: a token the registry does not trust is refused by the registry itself', async () => {
      const result = await swrCheck(runtime, await homeFor(forged.host));
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`refused: ${forged.host} does not accept ${USER}`);
      expect(result.stderr).toContain('The registry said: 401 Unauthorized');
    });
  });

  describe('a registry that cannot be asked', () => {
    let silent: ReturnType<typeof createTcpServer>;
    let silentPort: number;
    const sockets: Socket[] = [];
    let tls: Server;
    let tlsPort: number;

    beforeAll(async () => {
      // Accepts connections and never answers.
      silent = createTcpServer((socket) => void sockets.push(socket));
      silentPort = await listen(silent as unknown as Server);
      const { key: tlsKey, cert } = await makeCertificate(join(root, 'certs'), 'untrusted');
      tls = createHttpsServer({ key: tlsKey, cert }, (_request, response) => {
        response.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end();
      });
      tlsPort = await listen(tls);
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all([close(silent as unknown as Server), close(tls)]);
    });

    it.each(Object.keys(RUNTIMES) as RuntimeName[])('%s: no answer within --timeout: a clear message, status 1', async (runtime) => {
      const home = await homeFor(`127.0.0.1:${silentPort}`);
      const [command, ...rest] = RUNTIMES[runtime]();
      const started = Date.now();
      // When the message comes (Node's process itself may linger until fetch's 10 s connect timeout).
      const child = spawn(command!, [...rest, 'check', '--timeout', '1'], { env: home.env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      let answeredAfter = Infinity;
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        answeredAfter = Math.min(answeredAfter, Date.now() - started);
      });
      const status = await new Promise((resolve) => child.on('close', resolve));
      expect(status).toBe(1);
      expect(stderr).toMatch(/^swr-shell: no answer from https:\/\/127\.0\.0\.1:\d+\/v2\/ within 1 s: check the registry host/);
      expect(answeredAfter).toBeLessThan(5_000);
    }, 20_000);

    it.each(Object.keys(RUNTIMES) as RuntimeName[])('%s: a port where nothing listens', async (runtime) => {
      const port = await freePort();
      const result = await swrCheck(runtime, await homeFor(`127.0.0.1:${port}`));
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`127.0.0.1:${port} refuses connections`);
    });

    it.each(Object.keys(RUNTIMES) as RuntimeName[])('%s: an untrusted certificate is a TLS error, and no fallback to http', async (runtime) => {
      const result = await swrCheck(runtime, await homeFor(`127.0.0.1:${tlsPort}`));
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`the TLS certificate of 127.0.0.1:${tlsPort} is not trusted here`);
    });
  });
});
