import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffSchemaFacts, factsFromDatabase, factsFromPrismaSchema } from "./schema-drift";
import { createTestDatabase, type TestDatabase } from "./test-database";

const schema = readFileSync("prisma/schema.prisma", "utf8");

describe("schema.prisma and the migrations agree", () => {
  let db: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it("has no drift between schema.prisma and the migrated database", async () => {
    const drift = diffSchemaFacts(factsFromPrismaSchema(schema), await factsFromDatabase(client));
    expect(drift).toEqual([]);
  });

  it("reports a field added to schema.prisma without a migration", async () => {
    const edited = schema.replace("model Attachment {\n", "model Attachment {\n  note String?\n");
    const drift = diffSchemaFacts(factsFromPrismaSchema(edited), await factsFromDatabase(client));
    expect(drift).toEqual(["missing in database: column Attachment.note text null"]);
  });

  it("reports an index the migrations created but the schema no longer declares", async () => {
    const edited = schema.replace("  @@index([kle])\n", "");
    const drift = diffSchemaFacts(factsFromPrismaSchema(edited), await factsFromDatabase(client));
    expect(drift).toEqual(["not in schema.prisma: index AgendaItem_kle_idx on AgendaItem(kle)"]);
  });
});
