// The retail routes and who may call each, shared by the retail access matrix (retail-access.test.ts) and
// the main matrix's "covers every /v1 route" check.
type Caller = 'none' | 'revoked' | 'acme' | 'brightly' | 'retailer' | 'regulator' | 'admin';

const PUBLIC = { none: 200, revoked: 401, acme: 200, brightly: 200, retailer: 200, regulator: 200, admin: 200 };
const RETAILER = (ok: number) => ({
  none: 401,
  revoked: 401,
  acme: 403,
  brightly: 403,
  retailer: ok,
  regulator: 403,
  admin: 403,
});
const CHECKERS = { none: 401, revoked: 401, acme: 403, brightly: 403, retailer: 200, regulator: 200, admin: 403 };

export const RETAIL_ROUTES: {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  route: string;
  expect: Record<Caller, number>;
}[] = [
  { method: 'POST', route: '/v1/checks', expect: CHECKERS },
  { method: 'GET', route: '/v1/snapshots/latest', expect: PUBLIC },
  { method: 'GET', route: '/v1/snapshots/delta', expect: PUBLIC },
  { method: 'PUT', route: '/v1/watchlist', expect: RETAILER(200) },
  { method: 'GET', route: '/v1/watchlist', expect: RETAILER(200) },
  { method: 'POST', route: '/v1/watchlist/gtins', expect: RETAILER(200) },
  { method: 'DELETE', route: '/v1/watchlist/gtins/{gtin}', expect: RETAILER(204) },
  { method: 'GET', route: '/v1/feeds/retailer.atom', expect: RETAILER(200) },
  { method: 'GET', route: '/v1/feeds/retailer.json', expect: RETAILER(200) },
  { method: 'POST', route: '/v1/webhooks', expect: RETAILER(201) },
  { method: 'GET', route: '/v1/webhooks', expect: RETAILER(200) },
  { method: 'DELETE', route: '/v1/webhooks/{webhookId}', expect: RETAILER(204) },
  { method: 'GET', route: '/v1/webhooks/{webhookId}/deliveries', expect: RETAILER(200) },
];

export const RETAIL_EXPECT = { PUBLIC, RETAILER, CHECKERS };
