import type { PrismaClient } from "@/lib/db/client";
import { municipalityPath } from "@/lib/data/paths";
import { slugifyCommittee } from "@/lib/data/paths";
import { recordPageChange } from "./page-changes";

/**
 * Renames a committee; its old slug becomes an alias so every old link redirects (308) to
 * the new one, and later documents printed with the old name still land on this committee.
 */
export async function renameCommittee(
  prisma: PrismaClient,
  municipalitySlug: string,
  committeeSlug: string,
  newName: string,
): Promise<{ oldSlug: string; newSlug: string }> {
  const newSlug = slugifyCommittee(newName);
  if (!newSlug) throw new Error(`"${newName}" gives an empty URL slug`);
  return prisma.$transaction(async (tx) => {
    const committee = await tx.committee.findFirst({ where: { slug: committeeSlug, municipality: { slug: municipalitySlug } } });
    if (!committee) throw new Error(`No committee /${municipalitySlug}/${committeeSlug}`);
    if (newSlug !== committee.slug) {
      const clash = await tx.committee.findFirst({ where: { municipalityId: committee.municipalityId, slug: newSlug } });
      if (clash) throw new Error(`/${municipalitySlug}/${newSlug} belongs to another committee already`);
      // The new slug may have been an alias of this committee once (renamed back and forth).
      await tx.committeeSlugAlias.deleteMany({ where: { municipalityId: committee.municipalityId, slug: newSlug } });
      await tx.committeeSlugAlias.create({ data: { municipalityId: committee.municipalityId, committeeId: committee.id, slug: committee.slug } });
    }
    await tx.committee.update({ where: { id: committee.id }, data: { name: newName, slug: newSlug } });
    // Old-slug pages turn into redirects and the municipality page lists the new name.
    await recordPageChange(tx, municipalityPath(municipalitySlug));
    return { oldSlug: committee.slug, newSlug };
  });
}
