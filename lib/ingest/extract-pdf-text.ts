import { extractText, getDocumentProxy } from "unpdf";
import { DocumentReadError } from "./document-read-error";

/** pdf.js's exception names, in Danish. */
const PDF_ERRORS: ReadonlyMap<string, string> = new Map([
  ["InvalidPDFException", "PDF-filen er ugyldig eller beskadiget og kunne ikke læses."],
  ["PasswordException", "PDF-filen er beskyttet med en adgangskode og kunne ikke læses."],
  ["UnexpectedResponseException", "PDF-filen kunne ikke læses."],
]);

function danishPdfError(error: unknown): DocumentReadError {
  const name = error instanceof Error ? error.name : "";
  const reason = PDF_ERRORS.get(name) ?? `PDF-filen kunne ikke læses (${error instanceof Error ? error.message : String(error)}).`;
  return new DocumentReadError(reason, { cause: error });
}

/**
 * Text of a PDF, lines kept as the PDF lays them out (pdf.js marks line ends), so the same
 * parser reads it as a text export. Each page after the first starts with a form feed, as in
 * pdftotext's output: the parser needs the page breaks to drop running headers and footers.
 * Throws a DocumentReadError with a Danish reason for a broken or protected PDF, and for one
 * without any text (a scan without a text layer).
 */
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength === 0) throw new DocumentReadError("PDF-filen er tom.");
  let pages: string[];
  try {
    // verbosity 0: pdf.js's own warnings ("Indexing all PDF objects") would reach stderr beside our Danish error.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    try {
      pages = (await extractText(pdf, { mergePages: false })).text;
    } finally {
      await pdf.destroy();
    }
  } catch (error) {
    throw danishPdfError(error);
  }
  const text = pages.join("\n\f");
  if (text.replace(/\f/g, "").trim() === "") {
    throw new DocumentReadError("PDF-filen indeholder ingen tekst (måske en scannet PDF uden tekstlag), så der er intet referat at læse.");
  }
  return text;
}
