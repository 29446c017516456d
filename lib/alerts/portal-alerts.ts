import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { alertDepsFromEnv } from "./alert-job";
import { deleteManagedAddress, deleteManagedSubscription, getManagedAddress, requestManageLink, unsubscribe, type ManagedSubscription } from "./manage";
import { confirmSubscription, requestSubscription, type AlertRequestResult, type ConfirmResult } from "./subscribe";

/**
 * The alert operations as the web pages and handlers call them: the process's database,
 * mailer and configuration filled in.
 */
export const portalAlerts = {
  subscribe: (input: { email: string; query: URLSearchParams; frequency: string; clientIp: string | null }): Promise<AlertRequestResult> =>
    requestSubscription(alertDepsFromEnv(getPrisma()), input),
  requestManageLink: (input: { email: string; clientIp: string | null }): Promise<AlertRequestResult> => requestManageLink(alertDepsFromEnv(getPrisma()), input),
  confirm: (token: string): Promise<ConfirmResult> => confirmSubscription(getPrisma(), token),
  getManaged: (token: string): Promise<{ email: string; subscriptions: ManagedSubscription[] } | null> => getManagedAddress(getPrisma(), token),
  deleteSubscription: (token: string, id: number): Promise<boolean> => deleteManagedSubscription(getPrisma(), token, id),
  deleteAddress: (token: string): Promise<boolean> => deleteManagedAddress(getPrisma(), token),
  unsubscribe: (id: string, signature: string): Promise<boolean> => unsubscribe(getPrisma(), getEnv().alertsSecret, id, signature),
};
