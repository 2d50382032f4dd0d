import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export type OidcPerson = { name: string; groups: string[] };

export type OidcIdp = {
  /** The issuer (`http://127.0.0.1:PORT`). */
  issuer: string;
  /** The people, by login (= `sub` and `preferred_username`); change a person's groups between sign-ins. */
  people: Map<string, OidcPerson>;
  /**
   * Between the provider and the client, on the token endpoint's answer: `groups` rewrites the ID token's groups
   * claim keeping its header and signature (a tampered token).
   */
  tamper: { groups?: string[] };
  close(): Promise<void>;
};

/**
 * A real OpenID provider (`oidc-provider`) on a free loopback port, with one confidential client and its own
 * signing key; its devInteractions login page signs in anyone by login (no consent asked: the grant is made at once).
 * ID tokens carry `name`, `preferred_username` and `groups`.
 */
export async function startOidcProvider(client: {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}): Promise<OidcIdp> {
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const people = new Map<string, OidcPerson>();
  const tamper: OidcIdp['tamper'] = {};
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.redirectUris,
        post_logout_redirect_uris: client.postLogoutRedirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['plaint-test-cookie-key'] },
    scopes: ['openid', 'profile', 'groups'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], groups: ['groups'] },
    // The ID token carries the scopes' claims (the client could also read them from UserInfo).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx, id) {
      const person = people.get(id);
      if (!person) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, preferred_username: id, name: person.name, groups: person.groups };
        },
      };
    },
    // No consent page: the client is the organisation's own.
    async loadExistingGrant(ctx) {
      const session = ctx.oidc.session;
      const clientId = ctx.oidc.client?.clientId;
      if (!session?.accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile groups');
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === '/token' && tamper.groups && body?.id_token) {
      const [header, payload, signature] = body.id_token.split('.');
      const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
      claims.groups = tamper.groups;
      body.id_token = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    }
  });
  server.on('request', provider.callback());
  return {
    issuer,
    people,
    tamper,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
