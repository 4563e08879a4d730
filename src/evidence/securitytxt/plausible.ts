// Is this text a security.txt at all? The parser reads anything and reports what is wrong, so a retailer's CSV
// or a JSON document would be kept as a declaration's security.txt and fail the product under every regime.
// Evidence of the wrong kind is refused instead: a binary file, a file with none of RFC 9116's fields, or one
// most of whose lines are not `Field: value` lines, comments or an OpenPGP signature (a CSV, say).
import { REGISTERED_FIELDS } from './read-line.js';

/** Why `text` is not a plausible security.txt, in one sentence; undefined when it is one. */
export function notASecurityTxt(text: string): string | undefined {
  // NUL, other C0 controls than tab, CR, LF and form feed, or bytes that were not UTF-8 (U+FFFD).
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\0-\x08\x0e-\x1f\x7f\ufffd]/.test(text)) return 'is a binary file, not a security.txt';
  let fields = 0;
  let registered = 0;
  let other = 0;
  let inSignature = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    // A signed file's armour and signature block are not fields, and not foreign lines either.
    if (/^-----BEGIN PGP SIGNATURE-----$/.test(line)) inSignature = true;
    if (inSignature || /^-----(BEGIN|END) PGP /.test(line) || /^Hash: /.test(line)) {
      if (/^-----END PGP SIGNATURE-----$/.test(line)) inSignature = false;
      continue;
    }
    // Field-like: a short name before the colon, even one the RFC would not allow ("Bug Bounty Contact: ...",
    // seen in the wild), but not a CSV row or JSON, whose names hold commas or quotes.
    const field = /^([^\s:,;"'{[][^:,;"]{0,63}):/.exec(line);
    if (!field) {
      other++;
      continue;
    }
    fields++;
    if (REGISTERED_FIELDS.has(field[1]!.trim().toLowerCase())) registered++;
  }
  if (registered === 0)
    return (
      'is not a security.txt: it has none of the RFC 9116 fields ' +
      '(Contact, Expires, Encryption, Acknowledgments, Preferred-Languages, Canonical, Policy, Hiring, CSAF)'
    );
  if (other > fields)
    return `is not a security.txt: ${other} of its ${other + fields} lines are not "Field: value" lines or comments (is it a CSV or another document?)`;
  return undefined;
}
