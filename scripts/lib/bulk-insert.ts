import type pg from "pg";

/** A column of {@link insertJsonRows}: name, type in the JSON record, and the column's own type when it needs a cast (enums). */
export type JsonColumn = [name: string, recordType: string, cast?: string];

/** Rows a statement carries at most (one JSON parameter; PostgreSQL's limit on it is 1 GB). */
const ROWS_PER_STATEMENT = 20_000;

/**
 * Inserts `rows` (objects keyed by column name; missing keys are NULL) into `table` with one
 * statement per 20,000 rows, the rows passed as one JSON parameter (jsonb_to_recordset), as the
 * ingest writes items: far faster than a statement per row, and without a COPY client.
 */
export async function insertJsonRows(client: pg.Client, table: string, columns: readonly JsonColumn[], rows: readonly object[]): Promise<void> {
  const names = columns.map(([name]) => `"${name}"`).join(", ");
  const values = columns.map(([name, , cast]) => (cast ? `x."${name}"::${cast}` : `x."${name}"`)).join(", ");
  const record = columns.map(([name, type]) => `"${name}" ${type}`).join(", ");
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    await client.query(`INSERT INTO "${table}" (${names}) SELECT ${values} FROM jsonb_to_recordset($1::jsonb) AS x(${record})`, [JSON.stringify(chunk)]);
  }
}

/** Moves each table's id sequence past its largest id, after rows were inserted with ids of their own. */
export async function setSequencesToMax(client: pg.Client, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await client.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM "${table}"), false)`);
  }
}
