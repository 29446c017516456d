/** How often a subscription is mailed (Prisma enum AlertFrequency). */
export type AlertFrequency = "immediate" | "daily" | "weekly";

/** Frequencies in the order the form offers them, with their Danish labels. */
export const ALERT_FREQUENCIES: ReadonlyArray<{ value: AlertFrequency; label: string }> = [
  { value: "immediate", label: "Straks (når nye referater er indlæst)" },
  { value: "daily", label: "Dagligt" },
  { value: "weekly", label: "Ugentligt" },
];

/** The Danish label of a frequency, for mails and the manage page. */
export function frequencyLabel(frequency: AlertFrequency): string {
  return ALERT_FREQUENCIES.find((f) => f.value === frequency)?.label ?? frequency;
}

/** True for the three known frequency values. */
export function isAlertFrequency(value: string): value is AlertFrequency {
  return ALERT_FREQUENCIES.some((f) => f.value === value);
}
