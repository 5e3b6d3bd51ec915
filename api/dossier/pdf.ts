import PDFDocument from 'pdfkit';
import type { Language } from '../../domain/constants.ts';

// The PDFs of a claim (its summary, its letter to the carrier), drawn with PDFKit's built-in
// Helvetica: no font file to ship, and its WinAnsi encoding holds every letter and sign Spanish
// and English text needs (á, ñ, ü, «», €, —, “ ”), which a text extractor (pdftotext) reads back
// as written. A character outside it (a Polish ł, a Chinese place name) is written as its
// closest Latin letter, or "?": a PDF never shows a wrong glyph for it, and the dossier's JSON
// keeps the exact text.

export type Pdf = PDFKit.PDFDocument;

const BODY = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const SIZE = 10;
const MARGIN = 56;

// WinAnsi beyond Latin-1: what Windows-1252 puts in 0x80–0x9F.
const PRINTABLE = /^[\n\x20-\x7e\xa0-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]$/u;
/** Letters NFKD does not take apart into a Latin letter and an accent, and an arrow people type. */
const LATIN: Readonly<Record<string, string>> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', ŉ: "'n", ſ: 's', Ŧ: 'T', ŧ: 't', '→': '->' };

/** `text` in characters Helvetica's WinAnsi encoding has. */
export function printable(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/[\t\v\f\u2028\u2029]/g, ' ')) {
    if (PRINTABLE.test(char)) {
      out += char;
      continue;
    }
    const bare = char.normalize('NFKD').replace(/\p{M}/gu, '');
    out += bare && [...bare].every((c) => PRINTABLE.test(c)) ? bare : (LATIN[char] ?? '?');
  }
  return out;
}

export interface PdfInfo {
  title: string;
  author: string;
  lang: Language;
  /** Printed at the foot of every page, before its number. */
  footer: string;
  /** "Page n of m" in the document's language. */
  page: (n: number, of: number) => string;
}

/** The PDF `draw` writes, whole: a claim's PDFs are a few pages, built in memory unlike the archive around them. */
export function renderPdf(info: PdfInfo, draw: (doc: Pdf) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: info.lang,
    displayTitle: true,
    info: { Title: printable(info.title), Author: printable(info.author), Creator: 'Claimdesk' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.once('end', () => resolve(Buffer.concat(chunks)));
    doc.once('error', reject);
  });
  doc.font(BODY).fontSize(SIZE);
  draw(doc);
  footers(doc, info);
  doc.end();
  return done;
}

/** The footer line and "page n of m" on every page, in the bottom margin (so they never push a new page). */
function footers(doc: Pdf, info: PdfInfo): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN / 2 - 4;
    const width = doc.page.width - 2 * MARGIN;
    doc.font(BODY).fontSize(8).fillColor('#555555');
    doc.text(printable(info.footer), MARGIN, y, { width, align: 'left', lineBreak: false });
    doc.text(printable(info.page(i - start + 1, count)), MARGIN, y, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}

/** Drawing helpers, each leaving the cursor under what it wrote, in the body font. */
export const write = {
  title(doc: Pdf, text: string): void {
    doc.font(BOLD).fontSize(16).text(printable(text)).moveDown(0.3);
    doc.font(BODY).fontSize(SIZE);
  },
  heading(doc: Pdf, text: string): void {
    doc.moveDown(0.6).font(BOLD).fontSize(12).text(printable(text)).moveDown(0.3);
    doc.font(BODY).fontSize(SIZE);
  },
  paragraph(doc: Pdf, text: string, options: PDFKit.Mixins.TextOptions = {}): void {
    doc.font(BODY).fontSize(SIZE).text(printable(text), { align: 'justify', ...options }).moveDown(0.5);
  },
  muted(doc: Pdf, text: string): void {
    doc.font(BODY).fontSize(9).fillColor('#444444').text(printable(text)).fillColor('black').fontSize(SIZE);
  },
  /** Starts a new page unless `height` points fit on this one: what must not be split (a signature and its closing). */
  keep(doc: Pdf, height: number): void {
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  },
  /** "Label: value", the label in bold. */
  field(doc: Pdf, label: string, value: string): void {
    doc.font(BOLD).text(`${printable(label)}: `, { continued: true }).font(BODY).text(printable(value));
  },
  /** One item of a list, indented under a bullet; `detail` lines follow it, smaller. */
  item(doc: Pdf, text: string, detail: readonly string[] = []): void {
    const left = doc.page.margins.left;
    doc.font(BODY).fontSize(SIZE);
    // The bullet apart, so that a long item's next lines align with its text, not under the bullet.
    if (doc.y + doc.currentLineHeight(true) > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    doc.text('•', left + 8, top, { lineBreak: false });
    doc.text(printable(text), left + 18, top);
    for (const line of detail) doc.fontSize(9).fillColor('#444444').text(printable(line), left + 20).fillColor('black');
    doc.fontSize(SIZE);
    doc.x = left;
    doc.moveDown(0.2);
  },
};
