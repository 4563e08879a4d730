// The statement of compliance as a standalone HTML page. Every value is escaped.
import { dateInWords } from '../calendar.js';
import type { StatementOfCompliance } from './statement.js';
import { escapeXml as e } from './svg-text.js';

/** The items in Schedule 4 order, as [reference, heading, text]; shared by the HTML and PDF renderers. */
export function statementItems(s: StatementOfCompliance): [string, string, string][] {
  const items: [string, string, string][] = [
    ['(a)', 'Product type and batch', `${s.productType}. Batch: ${s.batch}.`],
    ['(b)', 'Manufacturer', `${s.manufacturer.name}, ${s.manufacturer.address}`],
  ];
  if (s.authorisedRepresentative)
    items.push([
      '(b)',
      'Authorised representative',
      `${s.authorisedRepresentative.name}, ${s.authorisedRepresentative.address}`,
    ]);
  items.push(['(c)', 'Prepared by', s.preparedBy], ['(d)', 'Declaration', s.opinion]);
  if (s.standard)
    items.push([
      '(d)',
      'Standard relied on',
      `${s.standard.number}, version ${s.standard.version}, issued ${dateInWords(s.standard.date)}`,
    ]);
  items.push(
    ['(e)', 'Defined support period', s.supportPeriod.text],
    ['(f)', 'Signatory', `${s.signatory.name}, ${s.signatory.function}`],
    ['(g)', 'Place and date of issue', `${s.place}, ${dateInWords(s.dateOfIssue)}`],
  );
  return items;
}

export function renderStatementHtml(s: StatementOfCompliance): string {
  const rows = statementItems(s)
    .map(
      ([ref, heading, text]) =>
        `<div class="item"><dt><span class="ref">${e(ref)}</span> ${e(heading)}</dt><dd>${e(text)}</dd></div>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Statement of compliance: ${e(s.productType)}</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; max-width: 44em; margin: 2em auto; padding: 0 1em; color: #0b0c0c; line-height: 1.4; }
dt { font-weight: bold; margin-top: 1em; } dd { margin: 0.25em 0 0 0; } .ref { color: #505a5f; }
.signature { margin-top: 3em; border-top: 1px solid #0b0c0c; width: 20em; padding-top: 0.25em; }
</style>
</head>
<body>
<h1>Statement of compliance</h1>
<p>Under the Product Security and Telecommunications Infrastructure Act 2022 and the Product Security and Telecommunications Infrastructure (Security Requirements for Relevant Connectable Products) Regulations 2023.</p>
<dl>
${rows}
</dl>
<p class="signature">Signature: ${e(s.signatory.name)}, ${e(s.signatory.function)}</p>
</body>
</html>
`;
}
