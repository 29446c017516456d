import { createRequire } from "node:module";
import type pg from "pg";

/**
 * Compares what `schema.prisma` describes with what a migrated PostgreSQL database holds:
 * tables, columns (type, nullability), enums, primary keys, unique and plain indexes, foreign
 * keys. Used by the drift test, because `prisma migrate diff` needs the schema engine binary,
 * which cannot be downloaded here; the schema is read with Prisma's own WASM schema parser.
 */

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  type: string;
  nativeType: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  fields: Array<{ name: string }>;
}
interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: Array<{ name: string; values: Array<{ name: string }> }>;
    indexes: DmmfIndex[];
  };
}

/** A normalized description of a database schema: every entry is one comparable fact. */
export type SchemaFacts = Set<string>;

const require = createRequire(import.meta.url);

function getDmmf(schema: string): Dmmf {
  const wasm = require("@prisma/prisma-schema-wasm") as { get_dmmf(params: string): string };
  return JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", schema]] }))) as Dmmf;
}

const SCALAR_UDT: Record<string, string> = {
  Int: "int4",
  BigInt: "int8",
  String: "text",
  Boolean: "bool",
  Float: "float8",
  Decimal: "numeric",
  Json: "jsonb",
  Bytes: "bytea",
  DateTime: "timestamp",
};

const NATIVE_UDT: Record<string, string> = {
  Date: "date",
  Timestamptz: "timestamptz",
  Timestamp: "timestamp",
  VarChar: "varchar",
  Text: "text",
  Integer: "int4",
  SmallInt: "int2",
  Uuid: "uuid",
};

const ON_DELETE: Record<string, string> = { Cascade: "c", Restrict: "r", SetNull: "n", NoAction: "a", SetDefault: "d" };

function udtOf(field: DmmfField): string {
  const base =
    field.kind === "enum"
      ? field.type
      : field.nativeType
        ? (NATIVE_UDT[field.nativeType[0]] ?? field.nativeType[0].toLowerCase())
        : (SCALAR_UDT[field.type] ?? field.type);
  return field.isList ? `_${base}` : base;
}

/** The facts `schema` (schema.prisma's text) implies for PostgreSQL. */
export function factsFromPrismaSchema(schema: string): SchemaFacts {
  const { datamodel } = getDmmf(schema);
  const facts: SchemaFacts = new Set();
  const tableOf = new Map(datamodel.models.map((m) => [m.name, m.dbName ?? m.name]));
  const columnOf = (model: DmmfModel, field: string): string => {
    const found = model.fields.find((f) => f.name === field);
    return found?.dbName ?? field;
  };
  for (const e of datamodel.enums) facts.add(`enum ${e.name} (${e.values.map((v) => v.name).join(", ")})`);
  for (const model of datamodel.models) {
    const table = tableOf.get(model.name) ?? model.name;
    facts.add(`table ${table}`);
    for (const field of model.fields) {
      if (field.kind === "object") {
        if (field.relationFromFields?.length) {
          const target = datamodel.models.find((m) => m.name === field.type);
          const onDelete = field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull");
          facts.add(
            `foreign key ${table}(${field.relationFromFields.map((f) => columnOf(model, f)).join(", ")}) -> ` +
              `${tableOf.get(field.type)}(${(field.relationToFields ?? []).map((f) => (target ? columnOf(target, f) : f)).join(", ")}) on delete ${ON_DELETE[onDelete] ?? onDelete}`,
          );
        }
        continue;
      }
      // Prisma creates scalar list columns as nullable arrays.
      const nullable = field.isList || !field.isRequired;
      facts.add(`column ${table}.${field.dbName ?? field.name} ${udtOf(field)} ${nullable ? "null" : "not null"}`);
    }
  }
  for (const index of datamodel.indexes) {
    const model = datamodel.models.find((m) => m.name === index.model);
    if (!model) continue;
    const table = tableOf.get(model.name) ?? model.name;
    const columns = index.fields.map((f) => columnOf(model, f.name));
    const suffix = index.type === "id" ? "pkey" : index.type === "unique" ? "key" : "idx";
    const name = index.dbName ?? (index.type === "id" ? `${table}_pkey` : `${table}_${columns.join("_")}_${suffix}`);
    const kind = index.type === "id" ? "primary key" : index.type === "unique" ? "unique index" : "index";
    facts.add(`${kind} ${name} on ${table}(${columns.join(", ")})`);
  }
  return facts;
}

/** The same facts read from a database's catalogs (schema `public`, Prisma's bookkeeping table excluded). */
export async function factsFromDatabase(client: pg.Client): Promise<SchemaFacts> {
  const facts: SchemaFacts = new Set();
  const enums = await client.query<{ name: string; values: string[] }>(`
    SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' GROUP BY t.typname`);
  for (const row of enums.rows) facts.add(`enum ${row.name} (${row.values.join(", ")})`);

  const columns = await client.query<{ table_name: string; column_name: string; udt_name: string; is_nullable: string }>(`
    SELECT c.table_name, c.column_name, c.udt_name, c.is_nullable
    FROM information_schema.columns c JOIN information_schema.tables t
      ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> '_prisma_migrations'`);
  for (const row of columns.rows) {
    facts.add(`table ${row.table_name}`);
    facts.add(`column ${row.table_name}.${row.column_name} ${row.udt_name} ${row.is_nullable === "YES" ? "null" : "not null"}`);
  }

  const indexes = await client.query<{ name: string; table: string; primary: boolean; unique: boolean; columns: string[] }>(`
    SELECT i.relname AS name, t.relname AS "table", ix.indisprimary AS primary, ix.indisunique AS unique,
      array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
    FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'`);
  for (const row of indexes.rows) {
    const kind = row.primary ? "primary key" : row.unique ? "unique index" : "index";
    facts.add(`${kind} ${row.name} on ${row.table}(${row.columns.join(", ")})`);
  }

  const foreignKeys = await client.query<{ table: string; columns: string[]; target: string; target_columns: string[]; on_delete: string }>(`
    SELECT t.relname AS "table", r.relname AS target, c.confdeltype AS on_delete,
      array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
      array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS target_columns
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE c.contype = 'f' AND n.nspname = 'public'`);
  for (const row of foreignKeys.rows) {
    facts.add(`foreign key ${row.table}(${row.columns.join(", ")}) -> ${row.target}(${row.target_columns.join(", ")}) on delete ${row.on_delete}`);
  }
  return facts;
}

/** Differences between two fact sets, as readable lines ("missing in database: …"). */
export function diffSchemaFacts(expected: SchemaFacts, actual: SchemaFacts): string[] {
  const missing = [...expected].filter((fact) => !actual.has(fact)).map((fact) => `missing in database: ${fact}`);
  const extra = [...actual].filter((fact) => !expected.has(fact)).map((fact) => `not in schema.prisma: ${fact}`);
  return [...missing, ...extra].sort();
}
