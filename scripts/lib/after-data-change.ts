/**
 * Work that follows any change to the stored minutes: pages revalidate on their own (ISR),
 * the search index is rebuilt here once the search library lands.
 */
export async function afterDataChange(log: (message: string) => void): Promise<void> {
  log("Data changed: pages refresh within 30 seconds.");
}
