import { extractText, getDocumentProxy } from "unpdf";

/**
 * Text of a PDF, pages joined with blank lines, lines kept as the PDF lays them out
 * (pdf.js marks line ends), so the same parser reads it as a text export.
 */
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    return text.join("\n\n");
  } finally {
    await pdf.destroy();
  }
}
