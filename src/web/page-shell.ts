// The part of a kept public page that is the same for every product: the layout (head, header, navigation,
// footer, scripts), rendered once per day, page template and navigation, from the page's own template with
// two marks in place of the title and the main content. A kept page is then the shell around the title and
// the page's main fragment (its own small template, which the full page includes), so a miss renders only
// the product's part, and the bytes are those of a full render of the same template, compacted
// (compact-html.ts: indentation and blank lines left out).
import { escapeHtml, type ViewEnvironment } from './nunjucks-setup.js';
import { compactHtml } from './compact-html.js';

/** Stand in for the page's title and main content; neither escaping nor a template changes them. */
const TITLE_MARK = '\u0001iotlabel-title\u0001';
const MAIN_MARK = '\u0001iotlabel-main\u0001';

export interface PageShell {
  /** Up to the title, from the title to the main content, after it. */
  head: Buffer;
  middle: Buffer;
  tail: Buffer;
}

/** Shells kept at most: one per page template, navigation and day, so a handful in practice. */
const LIMIT = 64;

export function createShells(env: ViewEnvironment) {
  const kept = new Map<string, PageShell | null>();

  /**
   * The shell of `template` for a page whose layout context is `layout` (navigation, who is signed in: the
   * same for every product on the day), or null when the template does not place both marks exactly once
   * (then the page is rendered whole). The template shows `shell` instead of including its main fragment.
   */
  function shellOf(template: string, day: string, layout: Record<string, unknown>): PageShell | null {
    const key = `${day}|${template}|${JSON.stringify(layout['navigation'] ?? null)}`;
    let shell = kept.get(key);
    if (shell === undefined) {
      // Compacted whole, with the marks in place, as a kept page's fragment is (compact-html.ts).
      const text = compactHtml(env.render(template, { ...layout, pageTitle: TITLE_MARK, shell: MAIN_MARK }));
      const [head, afterTitle, ...moreTitles] = text.split(TITLE_MARK);
      const [middle, tail, ...moreMains] = (afterTitle ?? '').split(MAIN_MARK);
      shell =
        afterTitle === undefined || tail === undefined || moreTitles.length > 0 || moreMains.length > 0
          ? null
          : { head: Buffer.from(head!), middle: Buffer.from(middle!), tail: Buffer.from(tail) };
      if (kept.size >= LIMIT) kept.clear();
      kept.set(key, shell);
    }
    return shell;
  }

  return { shellOf };
}

/** The title as the layout prints it (autoescaped). */
export const escapeTitle = escapeHtml;
