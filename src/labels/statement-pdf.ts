// The statement of compliance as a PDF (pdfkit, built-in Helvetica). Dates inside the file come from the
// statement, not the clock, so the same statement gives the same document.
import PDFDocument from 'pdfkit';
import type { StatementOfCompliance } from './statement.js';
import { statementItems } from './statement-html.js';

export function renderStatementPdf(s: StatementOfCompliance): Promise<Buffer> {
  const issued = new Date(`${s.dateOfIssue}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `Statement of compliance: ${s.productType}`,
      Author: s.manufacturer.name,
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(20).text('Statement of compliance');
  doc
    .moveDown(0.5)
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#505a5f')
    .text(
      'Under the Product Security and Telecommunications Infrastructure Act 2022 and the Product Security and Telecommunications Infrastructure (Security Requirements for Relevant Connectable Products) Regulations 2023.',
    );
  doc.fillColor('#0b0c0c');
  for (const [ref, heading, text] of statementItems(s)) {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(11).text(`${ref} ${heading}`);
    doc.moveDown(0.2).font('Helvetica').fontSize(11).text(text);
  }
  doc.moveDown(3).font('Helvetica').fontSize(11).text('Signature: ______________________________');
  doc.moveDown(0.3).text(`${s.signatory.name}, ${s.signatory.function}`);
  doc.end();
  return done;
}
