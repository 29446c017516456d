/**
 * The parts of Frictionless Data's JavaScript libraries (frictionlessdata/datapackage-js and
 * tableschema-js, which ship no types) that the bulk-file test uses.
 */
declare module "datapackage" {
  interface FrictionlessError {
    message: string;
  }
  export interface Resource {
    readonly name: string;
    readonly tabular: boolean;
    readonly descriptor: Record<string, unknown>;
    /** All rows; with `cast`, a row that does not match the schema throws with `errors`. */
    read(options?: { cast?: boolean; keyed?: boolean }): Promise<unknown[][]>;
  }
  export class Package {
    static load(descriptor: string | Record<string, unknown>, options?: { basePath?: string; strict?: boolean }): Promise<Package>;
    readonly valid: boolean;
    readonly errors: FrictionlessError[];
    readonly resources: Resource[];
    readonly descriptor: Record<string, unknown>;
  }
}
