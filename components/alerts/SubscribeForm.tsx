"use client";

import { useActionState } from "react";
import { subscribeAction, type FormState } from "@/app/abonnement/actions";
import { ALERT_FREQUENCIES } from "@/lib/alerts/alert-frequency";
import { EmailField } from "./EmailField";
import { RequestStatus } from "./RequestStatus";

/** Email and frequency for an alert on `query` (a canonical /soeg query string). */
export function SubscribeForm({ query }: { query: string }) {
  const [state, action, isPending] = useActionState<FormState, FormData>(subscribeAction, { status: "idle" });
  const emailError = state.status === "error" && state.field === "email";
  return (
    <form action={action} className="max-w-lg space-y-4" noValidate>
      <input type="hidden" name="soegning" value={query} />
      <EmailField id="alert-email" statusId="alert-status" isInvalid={emailError} />
      <fieldset>
        <legend className="font-semibold">Hvor ofte vil du have mail?</legend>
        {ALERT_FREQUENCIES.map((frequency) => (
          <div key={frequency.value} className="mt-1 flex items-center gap-2">
            <input id={`alert-${frequency.value}`} type="radio" name="hyppighed" value={frequency.value} defaultChecked={frequency.value === "daily"} />
            <label htmlFor={`alert-${frequency.value}`}>{frequency.label}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" disabled={isPending} className="rounded bg-brand px-4 py-2 font-semibold text-white">
        {isPending ? "Sender …" : "Tilmeld"}
      </button>
      <RequestStatus
        id="alert-status"
        state={state}
        sentText="Tak. Hvis adressen kan tilmeldes, har vi sendt en mail med et link, du skal bruge for at bekræfte. Linket virker i 48 timer. Vi sender intet andet, før du har bekræftet."
      />
    </form>
  );
}
