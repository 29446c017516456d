import { MAX_SUBSCRIPTIONS_PER_ADDRESS } from "./alert-limits";
import { frequencyLabel, type AlertFrequency } from "./alert-frequency";
import { describeAlertQuery } from "./alert-query";
import { blocksHtml, blocksText, mailHtml, type MailBlock } from "./mail-layout";
import type { AlertMail } from "./mailer";

const SIGNATURE: MailBlock = { text: "Venlig hilsen\nReferatportalen" };
const IGNORE =
  "Har du ikke bedt om det, kan du se bort fra denne mail: uden bekræftelse sender vi ikke mere til adressen, og tilmeldingen slettes efter 48 timer.";

function notice(to: string, subject: string, blocks: MailBlock[]): AlertMail {
  const all = [...blocks, SIGNATURE];
  return { to, subject, text: blocksText(all), html: mailHtml(subject, blocksHtml(all)) };
}

/** The double opt-in mail: the only mail an unconfirmed address ever gets. */
export function confirmationMail(to: string, query: string, frequency: AlertFrequency, link: string): AlertMail {
  return notice(to, "Bekræft dit abonnement på Referatportalen", [
    { text: `Nogen (forhåbentlig dig) har bedt om at få besked på denne adresse om nye punkter i kommunernes referater, der matcher søgningen ${describeAlertQuery(query)} (${frequencyLabel(frequency).toLowerCase()}).` },
    { link, label: "Bekræft abonnementet (linket virker i 48 timer og kun én gang)" },
    { text: IGNORE },
  ]);
}

/** Sent to a confirmed address that subscribes to the same search again (the form answers alike either way). */
export function alreadySubscribedMail(to: string, query: string, manageLink: string): AlertMail {
  return notice(to, "Du abonnerer allerede på denne søgning", [
    { text: `Der er bedt om et abonnement på søgningen ${describeAlertQuery(query)}, men denne adresse abonnerer allerede på den. Der er ikke ændret noget.` },
    { link: manageLink, label: "Se, ret eller slet dine abonnementer" },
  ]);
}

/** Sent to a confirmed address that asks for more subscriptions than allowed. */
export function limitReachedMail(to: string, manageLink: string): AlertMail {
  return notice(to, "Du har nået det højeste antal abonnementer", [
    { text: `Der er bedt om et nyt abonnement, men en adresse kan højst have ${MAX_SUBSCRIPTIONS_PER_ADDRESS} abonnementer. Slet et af dem, og tilmeld dig igen.` },
    { link: manageLink, label: "Se og slet dine abonnementer" },
  ]);
}

/** The link to manage an address's subscriptions. */
export function manageLinkMail(to: string, manageLink: string): AlertMail {
  return notice(to, "Dine abonnementer på Referatportalen", [
    { text: "Her er linket til at se og slette dine abonnementer. Det virker i 48 timer." },
    { link: manageLink, label: "Administrer dine abonnementer" },
  ]);
}
