import kle from "@/data/kle-hovedgrupper.json";

const NAMES = new Map(kle.groups.map((group) => [group.code, group.name]));

/** The KLE main group ("15") of a KLE code ("15.00.00"), or null. */
export function kleGroupOf(kleCode: string | null): string | null {
  const match = kleCode?.match(/^(\d{2})\./);
  return match?.[1] && NAMES.has(match[1]) ? match[1] : null;
}

/** Danish name of a KLE main group, e.g. "15" → "Arbejdsmarkeds- og beskæftigelsesforanstaltninger". */
export function kleGroupName(group: string): string | null {
  return NAMES.get(group) ?? null;
}

/** The topic an item is filed under: its KLE main group with the Danish name. */
export function kleTopic(kleCode: string | null): { code: string; name: string } | null {
  const group = kleGroupOf(kleCode);
  const name = group ? kleGroupName(group) : null;
  return group && name ? { code: group, name } : null;
}
