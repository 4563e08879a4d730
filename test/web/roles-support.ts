// Helpers for the retailer and regulator page tests: an account of another role, a browser-ish signed in
// as someone, a multipart form body for app.inject (a file upload the way a browser sends it), and waiting
// for a background catalogue check.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { systemActor } from '../../src/registry/index.js';
import { Browserish, type WebFixture } from './support.js';

export async function addAccount(
  f: WebFixture,
  kind: 'regulator' | 'retailer',
  name: string,
  email: string,
): Promise<{ orgId: string; email: string; password: string }> {
  const org = await f.services.organisations.registerOrganisation(systemActor('test'), { name, kind });
  const password = `${kind} password 2`;
  await f.services.users.createUser(systemActor('test'), {
    organisationId: org.id,
    email,
    name: `${kind} officer`,
    password,
  });
  return { orgId: org.id, email, password };
}

/** A new browser-ish with its own cookies, signed in as `account`. */
export async function signedIn(f: WebFixture, account: { email: string; password: string }): Promise<Browserish> {
  const b = new Browserish(f.app);
  await b.signIn(account.email, account.password);
  return b;
}

export interface FilePart {
  name: string;
  fileName: string;
  contentType: string;
  content: string | Buffer;
}

/** Posts fields (in order) and then files as multipart/form-data with the browser-ish's cookies. */
export async function postMultipart(
  app: FastifyInstance,
  b: Browserish,
  url: string,
  fields: Record<string, string>,
  files: FilePart[],
): Promise<LightMyRequestResponse> {
  const boundary = '----iotlabeltest7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files)
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.fileName}"\r\nContent-Type: ${f.contentType}\r\n\r\n`,
      ),
      Buffer.from(f.content),
      Buffer.from('\r\n'),
    );
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(chunks);
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
}

/** GETs the check page until it no longer says it is still checking. */
export async function waitForCheck(b: Browserish, url: string): Promise<LightMyRequestResponse> {
  for (let i = 0; i < 200; i++) {
    const res = await b.get(url);
    if (!res.body.includes('data-qa="check-progress"')) return res;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} still checking`);
}
