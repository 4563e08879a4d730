// The service navigation: public links for everyone, plus each role's own pages when signed in.
// To add pages for a role, add entries to ROLE_LINKS and (if it has a home page) ROLE_HOME.
import type { SignedIn } from '../registry/index.js';
import type { OrganisationKind } from '../registry/accounts/organisation-kinds.js';

export interface NavLink {
  href: string;
  text: string;
}

const PUBLIC_LINKS: NavLink[] = [
  { href: '/', text: 'Search products' },
  { href: '/l', text: 'Check a label' },
  { href: '/open-data', text: 'Open data' },
];

export const ROLE_LINKS: Record<OrganisationKind, NavLink[]> = {
  manufacturer: [{ href: '/manufacturer', text: 'Your products' }],
  retailer: [
    { href: '/retailer', text: 'Check your catalogue' },
    { href: '/retailer/watchlist', text: 'Watch list' },
    { href: '/retailer/webhooks', text: 'Webhooks' },
    { href: '/retailer/market', text: 'Your market' },
  ],
  regulator: [
    { href: '/regulator', text: 'Market dashboard' },
    { href: '/regulator/what-if', text: 'What if' },
  ],
  admin: [],
};

/** Where a person lands after signing in. */
export const ROLE_HOME: Record<OrganisationKind, string> = {
  manufacturer: '/manufacturer',
  retailer: '/retailer',
  regulator: '/regulator',
  admin: '/account/api-keys',
};

const ACCOUNT_LINKS: NavLink[] = [{ href: '/account/api-keys', text: 'API keys' }];

/** The links to show, the one for `path` marked active (the longest matching prefix). */
export function navigationFor(signedIn: SignedIn | null, path: string): (NavLink & { active: boolean })[] {
  const links =
    signedIn === null ? PUBLIC_LINKS : [...PUBLIC_LINKS, ...ROLE_LINKS[signedIn.actor.role], ...ACCOUNT_LINKS];
  const bare = path.split('?')[0] ?? '/';
  const matches = (href: string) =>
    href === '/'
      ? bare === '/' || bare.startsWith('/search') || bare.startsWith('/products')
      : bare === href || bare.startsWith(`${href}/`);
  const best = links.filter((l) => matches(l.href)).sort((a, b) => b.href.length - a.href.length)[0];
  return links.map((l) => ({ ...l, active: l === best }));
}
