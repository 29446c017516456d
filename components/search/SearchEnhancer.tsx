"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Progressive enhancement of the server-rendered search form: typing searches after a pause
 * and any filter change searches at once, keeping the URL in sync. Without JavaScript the
 * form's own submit button does the same.
 */
export function SearchEnhancer({ formId }: { formId: string }) {
  const router = useRouter();
  useEffect(() => {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    let timer: number | undefined;
    const go = () => {
      const query = new URLSearchParams();
      for (const [key, value] of new FormData(form)) {
        if (typeof value === "string" && value !== "" && !(key === "sort" && value === "relevans")) query.append(key, value);
      }
      const text = query.toString();
      router.replace(text ? `/soeg?${text}` : "/soeg", { scroll: false });
    };
    const onInput = (event: Event) => {
      window.clearTimeout(timer);
      if (event.target instanceof HTMLInputElement && event.target.type === "search") timer = window.setTimeout(go, 350);
    };
    const onChange = (event: Event) => {
      if (event.target instanceof HTMLInputElement && event.target.type === "search") return;
      window.clearTimeout(timer);
      go();
    };
    form.addEventListener("input", onInput);
    form.addEventListener("change", onChange);
    return () => {
      window.clearTimeout(timer);
      form.removeEventListener("input", onInput);
      form.removeEventListener("change", onChange);
    };
  }, [formId, router]);
  return null;
}
