"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { CLIENT_IP_HEADER } from "@/lib/alerts/client-ip";
import { portalAlerts } from "@/lib/alerts/portal-alerts";
import type { AlertRequestResult } from "@/lib/alerts/subscribe";

/** State of a request form: nothing yet, accepted, or refused with a Danish message. */
export type FormState = { status: "idle" } | { status: "sent" } | { status: "error"; field: string | null; message: string };

async function clientIp(): Promise<string | null> {
  return (await headers()).get(CLIENT_IP_HEADER) || null;
}

function toState(result: AlertRequestResult): FormState {
  return result.ok ? { status: "sent" } : { status: "error", field: result.field, message: result.messageDa };
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** Subscribe form: the search travels as hidden fields named like /soeg's parameters. */
export async function subscribeAction(_previous: FormState, form: FormData): Promise<FormState> {
  const query = new URLSearchParams(text(form, "soegning"));
  return toState(
    await portalAlerts.subscribe({ email: text(form, "email"), frequency: text(form, "hyppighed"), query, clientIp: await clientIp() }),
  );
}

/** "Mail me a link to manage my subscriptions". */
export async function manageLinkAction(_previous: FormState, form: FormData): Promise<FormState> {
  return toState(await portalAlerts.requestManageLink({ email: text(form, "email"), clientIp: await clientIp() }));
}

/** The confirmation button. */
export async function confirmAction(form: FormData): Promise<void> {
  const result = await portalAlerts.confirm(text(form, "token"));
  redirect(result.ok ? "/abonnement/bekraeft?status=bekraeftet" : `/abonnement/bekraeft?status=${result.reason === "expired" ? "udloebet" : "ugyldigt"}`);
}

/** Delete one subscription from the manage page. */
export async function deleteSubscriptionAction(form: FormData): Promise<void> {
  const token = text(form, "token");
  await portalAlerts.deleteSubscription(token, Number(text(form, "id")) || 0);
  redirect(`/abonnement/administrer?token=${encodeURIComponent(token)}&slettet=1`);
}

/** Delete the address and everything of it. */
export async function deleteAddressAction(form: FormData): Promise<void> {
  const deleted = await portalAlerts.deleteAddress(text(form, "token"));
  redirect(deleted ? "/abonnement/administrer?status=slettet" : "/abonnement/administrer?status=ugyldigt");
}
