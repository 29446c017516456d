/**
 * Data the portal needs before it serves: the sample minutes when the database is empty.
 * The ingest and search steps join here as they land.
 */
export async function prepareData(): Promise<void> {
  console.log("Skipping the sample minutes: the ingest is not built yet.");
}
