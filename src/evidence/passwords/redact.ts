// Examples in findings show only the edges of a value, so a report can be shared without leaking a
// live device secret. Short values show nothing but their length.
const MASK = '•';

export function redact(value: string): string {
  const chars = [...value];
  const n = chars.length;
  if (n === 0) return '(empty)';
  if (n < 6) return MASK.repeat(n);
  const keep = n >= 10 ? 2 : 1;
  return chars.slice(0, keep).join('') + MASK.repeat(n - 2 * keep) + chars.slice(n - keep).join('');
}
