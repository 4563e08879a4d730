// RFC 5646 language tags for Preferred-Languages: the ABNF of §2.1 plus the checks of §2.2.5/§2.2.6 that
// need no registry (no repeated variant or extension singleton). A primary language subtag of 4 to 8
// letters is well-formed but none is registered, so such a tag (e.g. "English") is not a valid tag.

const IRREGULAR_AND_REGULAR = new Set([
  'en-gb-oed',
  'i-ami',
  'i-bnn',
  'i-default',
  'i-enochian',
  'i-hak',
  'i-klingon',
  'i-lux',
  'i-mingo',
  'i-navajo',
  'i-pwn',
  'i-tao',
  'i-tay',
  'i-tsu',
  'sgn-be-fr',
  'sgn-be-nl',
  'sgn-ch-de',
  'art-lojban',
  'cel-gaulish',
  'no-bok',
  'no-nyn',
  'zh-guoyu',
  'zh-hakka',
  'zh-min',
  'zh-min-nan',
  'zh-xiang',
]);

const ALPHA = /^[a-z]+$/;
const DIGIT = /^[0-9]+$/;
const ALNUM = /^[a-z0-9]+$/;

function privateUse(subtags: string[]): boolean {
  return subtags.length > 0 && subtags.every((s) => ALNUM.test(s) && s.length <= 8);
}

/** True when `tag` is a well-formed RFC 5646 language tag with a registrable primary language subtag. */
export function isLanguageTag(tag: string): boolean {
  const lower = tag.toLowerCase();
  if (IRREGULAR_AND_REGULAR.has(lower)) return true;
  const subtags = lower.split('-');
  if (subtags[0] === 'x') return privateUse(subtags.slice(1));
  let i = 0;
  const at = () => subtags[i] ?? '';
  const language = at();
  if (!ALPHA.test(language) || language.length < 2 || language.length > 3) return false;
  i++;
  for (let n = 0; n < 3 && ALPHA.test(at()) && at().length === 3; n++) i++; // extlang
  if (ALPHA.test(at()) && at().length === 4) i++; // script
  if ((ALPHA.test(at()) && at().length === 2) || (DIGIT.test(at()) && at().length === 3)) i++; // region
  const variants = new Set<string>();
  while (ALNUM.test(at()) && (at().length >= 5 ? at().length <= 8 : at().length === 4 && /^[0-9]/.test(at()))) {
    if (variants.has(at())) return false;
    variants.add(at());
    i++;
  }
  const singletons = new Set<string>();
  while (at().length === 1 && at() !== 'x' && ALNUM.test(at())) {
    if (singletons.has(at())) return false;
    singletons.add(at());
    i++;
    const start = i;
    while (ALNUM.test(at()) && at().length >= 2 && at().length <= 8) i++;
    if (i === start) return false;
  }
  if (at() === 'x') return privateUse(subtags.slice(i + 1));
  return i === subtags.length;
}

/** The tags of a Preferred-Languages value, or null when any member is not a valid tag. */
export function parseLanguageList(value: string): string[] | null {
  const tags = value.split(',').map((tag) => tag.trim());
  return tags.every(isLanguageTag) ? tags : null;
}
