/**
 * A file that cannot be read as minutes: too big, a broken or protected PDF, a PDF without text.
 * The message is Danish and names no file; callers put the file name in front ("fil.pdf: …").
 */
export class DocumentReadError extends Error {
  override name = "DocumentReadError";
}
