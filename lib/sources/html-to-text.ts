import { renderBlocks } from "@/lib/minutes/blocks";
import { htmlToSegments } from "./html-to-blocks";

/**
 * A minutes page saved from a municipality's site (.html/.htm) as the plain text the parser
 * reads: each heading on its own line, then its blocks (paragraphs, "- x"/"1. x" lists, tables
 * tab-separated), separated by blank lines. Built on `htmlToSegments`, so scripts, styles,
 * attributes and link targets never reach the text.
 */
export function htmlToText(html: string): string {
  return htmlToSegments(html)
    .map((segment) => [segment.heading, renderBlocks(segment.blocks)].filter((part) => part !== null && part !== "").join("\n\n"))
    .join("\n\n");
}
