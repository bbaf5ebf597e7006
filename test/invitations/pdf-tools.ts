/**
 * Reading a certificate PDF with tools independent of the one that wrote it: Debian's
 * poppler-utils (`pdftotext` for the text, `pdftoppm` to rasterize the page) and jsQR over the
 * pixels (pngjs) for the QR code.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import jsQR from 'jsqr';
import { tmpdir } from 'os';
import { join } from 'path';
import { PNG } from 'pngjs';

export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
}

export function pdfQr(pdf: Buffer): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'qatys-pdf-'));
  try {
    writeFileSync(join(dir, 'c.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', join(dir, 'c.pdf'), join(dir, 'page')]);
    const png = PNG.sync.read(readFileSync(join(dir, 'page.png')));
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bytes of the (first) application/pdf part of a raw MIME message (nodemailer writes base64). */
export function pdfAttachment(raw: string): Buffer | null {
  const m = /Content-Type: application\/pdf[^\r\n]*(?:\r?\n[^\r\n]+)*\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/i.exec(
    raw,
  );
  return m ? Buffer.from(m[1].replace(/\s+/g, ''), 'base64') : null;
}
