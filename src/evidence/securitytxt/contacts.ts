// Reading Contact values the way people use them: e-mail addresses and web forms.
import { isHttpsUrl, uriScheme } from './uri.js';

// Deliberately loose: one "@", something on both sides, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** E-mail addresses among Contact values (mailto: URIs and bare addresses), as written (not percent-decoded). */
export function contactEmails(contacts: readonly string[]): string[] {
  const emails: string[] = [];
  for (const contact of contacts) {
    const address = uriScheme(contact) === 'mailto' ? contact.slice('mailto:'.length).split('?')[0]! : contact;
    if (EMAIL.test(address)) emails.push(address);
  }
  return emails;
}

/** https web addresses among Contact values, in order of preference. */
export function contactUrls(contacts: readonly string[]): string[] {
  return contacts.filter(isHttpsUrl);
}
