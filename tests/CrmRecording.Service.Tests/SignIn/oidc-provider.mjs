// A certified OpenID provider (npm oidc-provider) for the interoperability tests of the pages' sign-in.
// Listens on a free loopback port and prints {"issuer": "..."} once ready. Settings by environment:
//   OIDC_PROVIDER_DIR  the folder npm installed oidc-provider into (scripts/services.sh: .tools/oidc-provider)
//   OIDC_CLIENT        {"client_id", "client_secret", "redirect_uri"}
//   OIDC_ACCOUNTS      [{"id", "oid", "name", "preferred_username"}]
// Its development interactions (a login form taking any password, then a consent form) stand in for a sign-in page.
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = path.join(process.env.OIDC_PROVIDER_DIR, 'node_modules', 'oidc-provider', 'lib', 'index.js');
const { default: Provider } = await import(pathToFileURL(entry).href);
const client = JSON.parse(process.env.OIDC_CLIENT);
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS);

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: client.client_id,
    client_secret: client.client_secret,
    redirect_uris: [client.redirect_uri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  // Entra ID puts oid and name in the ID token; so does this provider, instead of only at userinfo.
  claims: { openid: ['sub', 'oid'], profile: ['name', 'preferred_username'] },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  cookies: { keys: ['interop-tests-only'] },
  async findAccount(ctx, id) {
    const account = accounts.find((a) => a.id === id);
    return account && {
      accountId: id,
      async claims() {
        return { sub: id, oid: account.oid, name: account.name, preferred_username: account.preferred_username };
      },
    };
  },
});

server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
