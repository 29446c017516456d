"use client";

import { useActionState } from "react";
import { manageLinkAction, type FormState } from "@/app/abonnement/actions";
import { EmailField } from "./EmailField";
import { RequestStatus } from "./RequestStatus";

/** Asks for a link to manage an address's subscriptions. */
export function ManageLinkForm() {
  const [state, action, isPending] = useActionState<FormState, FormData>(manageLinkAction, { status: "idle" });
  const emailError = state.status === "error" && state.field === "email";
  return (
    <form action={action} className="max-w-lg space-y-4" noValidate>
      <EmailField id="manage-email" statusId="manage-status" isInvalid={emailError} />
      <button type="submit" disabled={isPending} className="rounded bg-brand px-4 py-2 font-semibold text-white">
        {isPending ? "Sender …" : "Send mig et link"}
      </button>
      <RequestStatus id="manage-status" state={state} sentText="Hvis adressen har abonnementer, har vi sendt den et link til at se og slette dem. Linket virker i 48 timer." />
    </form>
  );
}
