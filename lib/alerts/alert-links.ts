import { sign } from "./alert-tokens";

/** The page where a mailed confirmation token is confirmed (by a button: mail scanners follow links). */
export function confirmUrl(siteUrl: string, token: string): string {
  return `${siteUrl}/abonnement/bekraeft?token=${encodeURIComponent(token)}`;
}

/** The page listing an address's subscriptions, for a mailed manage token. */
export function manageUrl(siteUrl: string, token: string): string {
  return `${siteUrl}/abonnement/administrer?token=${encodeURIComponent(token)}`;
}

/** The signed query of one subscription's unsubscribe links. */
export function unsubscribeQuery(key: string, subscriptionId: number): string {
  return `id=${subscriptionId}&sig=${sign(key, unsubscribeMessage(subscriptionId))}`;
}

/** The page with the unsubscribe button, linked from every digest. */
export function unsubscribePageUrl(siteUrl: string, key: string, subscriptionId: number): string {
  return `${siteUrl}/abonnement/afmeld?${unsubscribeQuery(key, subscriptionId)}`;
}

/** The RFC 8058 one-click endpoint (POST) named in every digest's List-Unsubscribe header. */
export function oneClickUnsubscribeUrl(siteUrl: string, key: string, subscriptionId: number): string {
  return `${siteUrl}/api/abonnement/afmeld?${unsubscribeQuery(key, subscriptionId)}`;
}

/** What an unsubscribe signature signs. */
export function unsubscribeMessage(subscriptionId: number): string {
  return `unsubscribe:${subscriptionId}`;
}
