/** How long a confirmation link works. */
export const CONFIRM_TTL_MS = 48 * 60 * 60 * 1000;
/** How long a link to manage an address's subscriptions works. */
export const MANAGE_TTL_MS = 48 * 60 * 60 * 1000;
/** Window of the subscription rate limits. */
export const RATE_WINDOW_MS = 60 * 60 * 1000;
/** Subscription (and manage-link) requests per address in one window. */
export const MAX_REQUESTS_PER_ADDRESS = 3;
/** Subscription (and manage-link) requests per client IP in one window. */
export const MAX_REQUESTS_PER_IP = 10;
/** Subscriptions one address may hold, confirmed or waiting for confirmation. */
export const MAX_SUBSCRIPTIONS_PER_ADDRESS = 10;
/** Items listed in one digest; more are summed up with a link to the search. */
export const MAX_ITEMS_PER_DIGEST = 50;
/** Minimum time between two digests of a daily or weekly subscription (a little under a day or a week, so a timer's jitter never skips one). */
export const DIGEST_INTERVAL_MS = { immediate: 0, daily: 23 * 60 * 60 * 1000, weekly: (7 * 24 - 1) * 60 * 60 * 1000 } as const;
