/**
 * The certificate as a PDF (pdfkit): A4 landscape, DejaVu Sans embedded (subset) so every
 * Kazakh letter renders and extracts as text, and a QR code of the verification link drawn as
 * vector squares. The font comes from Debian's fonts-dejavu-core (CERTIFICATE_FONT_DIR); nothing
 * is fetched at run time.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import PDFDocument from 'pdfkit';
import { create as createQr } from 'qrcode';
import type { CertificateContent } from './certificate-content.policy';

export interface CertificateFonts {
  regular: Buffer;
  bold: Buffer;
}

export function loadCertificateFonts(dir: string): CertificateFonts {
  return {
    regular: readFileSync(join(dir, 'DejaVuSans.ttf')),
    bold: readFileSync(join(dir, 'DejaVuSans-Bold.ttf')),
  };
}

export function renderCertificatePdf(
  c: CertificateContent,
  fonts: CertificateFonts,
  createdAt: Date,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margin: 56,
      info: { Title: `${c.heading} ${c.facts[2] ?? ''}`.trim(), Author: 'Qatys', CreationDate: createdAt },
      lang: c.lang,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('regular', fonts.regular);
    doc.registerFont('bold', fonts.bold);
    const width = doc.page.width - 112;

    doc
      .lineWidth(2)
      .rect(28, 28, doc.page.width - 56, doc.page.height - 56)
      .stroke('#1f4e79');
    doc.fillColor('#1f4e79').font('bold').fontSize(34).text(c.heading, 56, 70, { width, align: 'center' });
    doc.fillColor('#000').font('regular').fontSize(14).moveDown(0.6).text(c.lead, { width, align: 'center' });
    doc.font('bold').fontSize(26).moveDown(0.4).text(c.holderName, { width, align: 'center' });
    doc.font('regular').fontSize(14).moveDown(0.4).text(c.completed, { width, align: 'center' });
    if (c.modules.length) {
      doc
        .moveDown(0.8)
        .font('bold')
        .fontSize(12)
        .text(`${c.modulesLabel}:`, 96, undefined, { width: width - 200 });
      doc.font('regular').fontSize(11);
      for (const m of c.modules) doc.text(m, { width: width - 200 });
    }
    doc.moveDown(0.8).font('regular').fontSize(12);
    for (const f of c.facts) doc.text(f, 96, undefined, { width: width - 200 });

    // QR of the verification link, bottom right, with its quiet zone.
    const qr = createQr(c.verifyUrl, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    const cell = 3;
    const x0 = doc.page.width - 56 - 24 - n * cell;
    const y0 = doc.page.height - 56 - 40 - n * cell;
    doc.rect(x0 - 4 * cell, y0 - 4 * cell, (n + 8) * cell, (n + 8) * cell).fill('#fff');
    for (let r = 0; r < n; r++) {
      for (let col = 0; col < n; col++)
        if (qr.modules.get(r, col)) doc.rect(x0 + col * cell, y0 + r * cell, cell, cell);
    }
    doc.fill('#000');
    doc
      .font('regular')
      .fontSize(8)
      .text(`${c.verifyLabel}: ${c.verifyUrl}`, 56, doc.page.height - 56 - 30, {
        width,
        align: 'right',
      });
    doc.end();
  });
}
