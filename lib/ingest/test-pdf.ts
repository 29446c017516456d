import { PDFDocument, StandardFonts } from "pdf-lib";

/** Test support: a PDF with `lines` printed top-down, 60 to a page (Helvetica, so Danish letters work). */
export async function makePdf(lines: readonly string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let start = 0; start === 0 || start < lines.length; start += 60) {
    const page = pdf.addPage([595, 842]);
    lines.slice(start, start + 60).forEach((line, i) => page.drawText(line, { x: 30, y: 805 - i * 13, size: 9, font }));
  }
  return pdf.save();
}

/** A small but complete minutes document, one line per array entry. */
export const SMALL_MINUTES = [
  "REFERAT Udvalget for arbejdsmarked og integration 2022-2025 d. 19-03-2024",
  "Mødedato Tirsdag d. 19. marts 2024 kl. 14:00",
  "Mødested Vejen Rådhus",
  "",
  "Punkt 1: Orientering om sygedagpenge (B)",
  "",
  "Sagsfremstilling",
  "",
  "Antallet af sager på sygedagpenge er faldet i Vejen Kommune.",
  "",
  "Beslutning",
  "",
  "Taget til efterretning.",
];
