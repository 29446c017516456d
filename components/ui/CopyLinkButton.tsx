"use client";

import { useState } from "react";

/** Copies the absolute permalink of `path` (plus an optional #anchor) to the clipboard. */
export function CopyLinkButton({ path, label, anchor }: { path: string; label: string; anchor?: string }) {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    const url = `${window.location.origin}${path}${anchor ? `#${anchor}` : ""}`;
    try {
      await navigator.clipboard.writeText(url);
      setStatus("copied");
    } catch {
      setStatus("failed");
    }
    window.setTimeout(() => setStatus("idle"), 4000);
  }
  return (
    <span className="no-print inline-flex items-center gap-2">
      <button
        type="button"
        onClick={copy}
        aria-label={label}
        className="rounded border border-slate-400 bg-white px-2 py-1 text-sm text-ink hover:bg-slate-100"
      >
        Kopiér link
      </button>
      <span role="status" aria-live="polite" className="text-sm text-muted">
        {status === "copied" ? "Link kopieret" : status === "failed" ? "Kunne ikke kopiere – kopiér adressen i stedet" : ""}
      </span>
    </span>
  );
}
