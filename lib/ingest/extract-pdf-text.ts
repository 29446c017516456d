import { extractText, getDocumentProxy } from "unpdf";

/**
 * Text of a PDF, lines kept as the PDF lays them out (pdf.js marks line ends), so the same
 * parser reads it as a text export. Each page after the first starts with a form feed, as in
 * pdftotext's output: the parser needs the page breaks to drop running headers and footers.
 */
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    return text.join("\n\f");
  } finally {
    await pdf.destroy();
  }
}
