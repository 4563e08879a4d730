// Kept pages drop the indentation and blank lines their templates leave (a product page is a sixth
// whitespace). A run of whitespace that holds a line break becomes one line break: where HTML renders
// whitespace as one space it still does, and nothing is joined that was apart. The elements whose text keeps
// its whitespace (pre, textarea), and script and style (whose bytes a content-security-policy hash may pin),
// are left as they are.

const KEPT_AS_IS = /<(pre|textarea|script|style)\b[\s\S]*?<\/\1\s*>/gi;
const LINE_BREAK_RUN = /\n[ \t\r\n]*/g;

export function compactHtml(html: string): string {
  let out = '';
  let from = 0;
  for (const match of html.matchAll(KEPT_AS_IS)) {
    out += html.slice(from, match.index).replace(LINE_BREAK_RUN, '\n') + match[0];
    from = match.index + match[0].length;
  }
  return out + html.slice(from).replace(LINE_BREAK_RUN, '\n');
}
