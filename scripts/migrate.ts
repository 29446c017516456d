/** npm run db:migrate: applies pending migrations (idempotent) to DATABASE_URL or the embedded PostgreSQL. */
import { runWithDatabase } from "./lib/with-database";

await runWithDatabase(async () => {
  console.log("Database is up to date.");
});
