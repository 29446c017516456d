import type { Block } from "@/lib/minutes";

function isBlockList(value: unknown): value is Block[] {
  return Array.isArray(value) && value.every((b) => typeof b === "object" && b !== null && "type" in b);
}

/**
 * A section's text as paragraphs, lists and tables. Everything is rendered as React text
 * nodes, so document text is always escaped.
 */
export function SectionBody({ blocks, text }: { blocks: unknown; text: string }) {
  const list: Block[] = isBlockList(blocks) && blocks.length > 0 ? blocks : [{ type: "paragraph", text }];
  return (
    <div className="prose-minutes max-w-prose">
      {list.map((block, i) => {
        if (block.type === "list") {
          const items = block.items.map((item, j) => <li key={j}>{item}</li>);
          // A list continued after a paragraph or page break keeps its printed numbers ("4." → start 4).
          const isLettered = block.numbering === "lower-alpha";
          return block.ordered ? (
            <ol
              key={i}
              start={block.start}
              type={isLettered ? "a" : undefined}
              className={isLettered ? "list-[lower-alpha] pl-6" : "list-decimal pl-6"}
            >
              {items}
            </ol>
          ) : (
            <ul key={i} className="list-disc pl-6">
              {items}
            </ul>
          );
        }
        if (block.type === "table") {
          const [head, ...body] = block.rows;
          return (
            <div key={i} className="overflow-x-auto" tabIndex={0} role="region" aria-label="Tabel">
              <table className="min-w-full border-collapse text-sm">
                {head && (
                  <thead>
                    <tr>
                      {head.map((cell, j) => (
                        <th key={j} scope="col" className="border border-slate-300 bg-slate-50 px-2 py-1 text-left">
                          {cell}
                        </th>
                      ))}
                    </tr>
                  </thead>
                )}
                <tbody>
                  {body.map((row, r) => (
                    <tr key={r}>
                      {row.map((cell, j) => (
                        <td key={j} className="border border-slate-300 px-2 py-1 align-top">
                          {cell}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }
        return (
          <p key={i} className="whitespace-pre-line">
            {block.text}
          </p>
        );
      })}
    </div>
  );
}
