import { parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
import type { Block } from "@/lib/minutes";

/** A run of blocks under one heading; `heading` is null before the first heading. */
export interface HtmlSegment {
  heading: string | null;
  blocks: Block[];
}

type ListBlock = Extract<Block, { type: "list" }>;

// Elements whose content is never text of the minutes. Everything else contributes only its
// text: no attribute (onclick, href, style) and no tag survives into a block.
const DROPPED = new Set([
  "script", "style", "meta", "title", "head", "link", "noscript", "template", "iframe", "object",
  "embed", "svg", "math", "button", "select", "textarea", "input", "form", "base", "frame", "frameset", "applet",
]);
const HEADING = /^h[1-6]$/;
const BLOCK_LEVEL = new Set([
  "p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote", "pre", "address",
  "center", "body", "html", "figure", "figcaption", "dl", "dt", "dd", "hr", "nav",
]);
const LIST = new Set(["ul", "ol"]);

// Whitespace as HTML collapses it, including the no-break spaces Word pads empty paragraphs with.
const collapse = (text: string) => text.replace(/[\s\u00a0\u200b]+/g, " ").trim();

/** Text of an inline run: whitespace collapsed, `<br>` kept as a line break. */
function inlineText(nodes: readonly ChildNode[], skip: (element: Element) => boolean = () => false): string {
  const parts: string[] = [];
  const walk = (node: ChildNode) => {
    if (node.type === "text") parts.push(node.data);
    else if (node.type === "tag" || node.type === "script" || node.type === "style") {
      const name = node.name.toLowerCase();
      if (DROPPED.has(name) || skip(node)) return;
      if (name === "br") parts.push("\n");
      else {
        if (BLOCK_LEVEL.has(name) || name === "li" || name === "tr" || HEADING.test(name)) parts.push("\n");
        node.children.forEach(walk);
        if (name === "td" || name === "th") parts.push(" ");
        if (BLOCK_LEVEL.has(name) || name === "li" || name === "tr" || HEADING.test(name)) parts.push("\n");
      }
    }
  };
  nodes.forEach(walk);
  return parts
    .join("")
    .split("\n")
    .map(collapse)
    .filter((line) => line !== "")
    .join("\n");
}

function listBlock(list: Element, depth: number): ListBlock {
  const ordered = list.name.toLowerCase() === "ol";
  const block: ListBlock = { type: "list", ordered, items: [] };
  const start = Number(list.attribs.start);
  if (ordered && Number.isInteger(start) && start > 1) block.start = start;
  if (ordered && list.attribs.type === "a") block.numbering = "lower-alpha";
  for (const child of list.children) {
    if (child.type !== "tag") continue;
    if (child.name.toLowerCase() !== "li") {
      // Word sometimes nests a list directly in a list: its items continue the last item.
      if (LIST.has(child.name.toLowerCase())) appendNested(block, child, depth);
      continue;
    }
    block.items.push(inlineText(child.children, (element) => LIST.has(element.name.toLowerCase())));
    for (const nested of child.children) {
      if (nested.type === "tag" && LIST.has(nested.name.toLowerCase())) appendNested(block, nested, depth);
    }
  }
  block.items = block.items.filter((item) => item !== "");
  return block;
}

/** A nested list becomes indented lines of its parent item ("  - child"), so its structure stays readable. */
function appendNested(parent: ListBlock, nested: Element, depth: number): void {
  const inner = listBlock(nested, depth + 1);
  const indent = "  ".repeat(depth + 1);
  const lines = inner.items.map((item, index) => {
    const marker = inner.ordered ? `${(inner.start ?? 1) + index}.` : "-";
    return `${indent}${marker} ${item.replace(/\n/g, `\n${indent}  `)}`;
  });
  if (lines.length === 0) return;
  if (parent.items.length === 0) parent.items.push(lines.join("\n").trim());
  else parent.items[parent.items.length - 1] = `${parent.items[parent.items.length - 1]}\n${lines.join("\n")}`;
}

function tableBlock(table: Element): Block | null {
  const rows: string[][] = [];
  const walk = (node: ChildNode) => {
    if (node.type !== "tag") return;
    const name = node.name.toLowerCase();
    if (DROPPED.has(name)) return;
    if (name === "tr") {
      const cells = node.children
        .filter((cell): cell is Element => cell.type === "tag" && (cell.name.toLowerCase() === "td" || cell.name.toLowerCase() === "th"))
        .map((cell) => inlineText(cell.children).replace(/\n/g, " "));
      if (cells.some((cell) => cell !== "")) rows.push(cells);
      return;
    }
    node.children.forEach(walk);
  };
  table.children.forEach(walk);
  return rows.length ? { type: "table", rows } : null;
}

function containsStructure(element: Element): boolean {
  return element.children.some((child) => {
    if (child.type !== "tag") return false;
    const name = child.name.toLowerCase();
    if (DROPPED.has(name)) return false;
    return HEADING.test(name) || LIST.has(name) || name === "table" || BLOCK_LEVEL.has(name) || containsStructure(child);
  });
}

/**
 * Word-style HTML (FirstAgenda's item fields, saved minutes pages) → segments of blocks, split at
 * `<h1>`–`<h6>`: paragraphs (`<br>` kept as line breaks), ordered and bullet lists (nested lists as
 * indented lines of their item), tables. Parsed with htmlparser2; only text reaches a block:
 * scripts, styles, `<meta>`/`<title>`, attributes and links' targets are dropped, and paragraphs of
 * nothing but no-break spaces vanish.
 */
export function htmlToSegments(html: string): HtmlSegment[] {
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const segments: HtmlSegment[] = [{ heading: null, blocks: [] }];
  let inline: ChildNode[] = [];
  const current = () => segments[segments.length - 1] as HtmlSegment;
  const flushInline = () => {
    const text = inlineText(inline);
    inline = [];
    if (text !== "") current().blocks.push({ type: "paragraph", text });
  };
  const walk = (nodes: readonly ChildNode[]) => {
    for (const node of nodes) {
      if (node.type === "text") {
        inline.push(node);
        continue;
      }
      if (node.type !== "tag" && node.type !== "script" && node.type !== "style") continue;
      const name = node.name.toLowerCase();
      if (DROPPED.has(name)) continue;
      if (HEADING.test(name)) {
        flushInline();
        const heading = inlineText(node.children).replace(/\n/g, " ");
        if (heading !== "") segments.push({ heading, blocks: [] });
      } else if (LIST.has(name)) {
        flushInline();
        const list = listBlock(node, 0);
        if (list.items.length) current().blocks.push(list);
      } else if (name === "table") {
        flushInline();
        const table = tableBlock(node);
        if (table) current().blocks.push(table);
      } else if (BLOCK_LEVEL.has(name) || name === "li") {
        flushInline();
        walk(node.children);
        flushInline();
      } else if (containsStructure(node)) {
        // An inline wrapper around headings, lists or paragraphs (`<span><h3>…`) is transparent.
        walk(node.children);
      } else {
        inline.push(node);
      }
    }
  };
  walk(document.children);
  flushInline();
  return segments.filter((segment) => segment.heading !== null || segment.blocks.length > 0);
}
