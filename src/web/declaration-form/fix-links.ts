// "What to fix" links: the assessment's reasons name the declaration fields they are about
// ("declare it as vulnerabilityDisclosure.acknowledgementWithinDays"); the form knows which step and field
// fixes each, so a manufacturer goes straight there instead of being told a JSON name.
import { fieldOfPath, type StepId } from './fields.js';

export interface FixLink {
  step: StepId;
  /** The element id on that step. */
  href: string;
  text: string;
}

const PATH = /\b((?:manufacturer|product|passwords|vulnerabilityDisclosure|supportPeriod|signatory)\.[A-Za-z]+)\b/g;

// "Declare 5.1-3 (…) in provisions.statements": a provision the form asks about on the provisions step.
const PROVISION = /\bDeclare (\d+(?:\.\d+)*-\d+[A-Z]?)\b/g;

/** The form fields a reason names, each once, in the order it names them. */
export function fixLinksOf(reason: string): FixLink[] {
  const out: FixLink[] = [];
  for (const [, id] of reason.matchAll(PROVISION))
    if (!out.some((l) => l.href === `s_${id}`))
      out.push({ step: 'provisions', href: `s_${id}`, text: `Answer provision ${id}` });
  for (const [, path] of reason.matchAll(PATH)) {
    const field = fieldOfPath(path!);
    if (field && !out.some((l) => l.href === field.href))
      out.push({ step: field.step, href: field.href, text: `Change ${field.label}` });
  }
  return out;
}

/** The reason with the field names it mentions in words ("(product.batch)" -> "(the batch)"). */
export function reasonInWords(reason: string): string {
  return reason
    .replace(/\bin provisions\.statements\b/g, 'on the security provisions step')
    .replace(PATH, (path: string) => fieldOfPath(path)?.label ?? path);
}
