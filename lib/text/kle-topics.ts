import kle from "@/data/kle-hovedgrupper.json";

/** KLE main group code ("15") → Danish name, from data/kle-hovedgrupper.json. */
export const KLE_GROUP_NAMES: ReadonlyMap<string, string> = new Map(kle.groups.map((group) => [group.code, group.name]));

/** The KLE main group ("15") of a KLE code ("15.00.00"), or null. */
export function kleGroupOf(kleCode: string | null): string | null {
  const match = kleCode?.match(/^(\d{2})\./);
  return match?.[1] && KLE_GROUP_NAMES.has(match[1]) ? match[1] : null;
}

/** The topic an item is filed under: its KLE main group with the Danish name. */
export function kleTopic(kleCode: string | null): { code: string; name: string } | null {
  const group = kleGroupOf(kleCode);
  const name = group ? KLE_GROUP_NAMES.get(group) : undefined;
  return group && name ? { code: group, name } : null;
}
