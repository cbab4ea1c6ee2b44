// Shopify's published Admin GraphQL schema, as the npm package @shopify/dev-mcp ships it
// (dist/data/admin_<version>.json.gz: an introspection result plus, under `offline_scopes`, the
// access scopes each type and field needs with an offline token). The Admin API stand-in executes
// on it, and the contract tests hold the app's operations and the stand-in's answers against it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import {
  buildClientSchema,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type IntrospectionQuery,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export const PUBLISHED_SCHEMA_DIR = path.resolve(import.meta.dirname, "../../node_modules/@shopify/dev-mcp/dist/data");

interface ScopeItem {
  type: "type" | "field";
  typeName: string;
  fieldName?: string;
  requiredAccess: string;
  /** Any one of these grants access (Shopify writes "`a` access scope or `b` access scope"). */
  offlineScopes: string[];
}

export interface ScopeRequirement {
  anyOf: string[];
  requiredAccess: string;
}

export interface PublishedAdminSchema {
  version: string;
  schema: GraphQLSchema;
  /** What reading `typeName.fieldName` needs: the field's own scopes and those of the type it returns. */
  fieldRequirements(typeName: string, fieldName: string): ScopeRequirement[];
}

const loaded = new Map<string, PublishedAdminSchema>();

export function publishedSchemaFile(version: string) {
  return path.join(PUBLISHED_SCHEMA_DIR, `admin_${version}.json.gz`);
}

export function loadPublishedAdminSchema(version: string): PublishedAdminSchema {
  const cached = loaded.get(version);
  if (cached) return cached;
  const json = JSON.parse(gunzipSync(readFileSync(publishedSchemaFile(version))).toString("utf8")) as {
    data: IntrospectionQuery;
    offline_scopes: { items: ScopeItem[] };
  };
  const schema = buildClientSchema(json.data);
  const typeScopes = new Map<string, ScopeRequirement>();
  const fieldScopes = new Map<string, ScopeRequirement>();
  for (const item of json.offline_scopes.items) {
    if (item.offlineScopes.length === 0) continue;
    const requirement = { anyOf: item.offlineScopes, requiredAccess: item.requiredAccess };
    if (item.type === "type") typeScopes.set(item.typeName, requirement);
    else fieldScopes.set(`${item.typeName}.${item.fieldName}`, requirement);
  }
  const published: PublishedAdminSchema = {
    version,
    schema,
    fieldRequirements(typeName, fieldName) {
      const out: ScopeRequirement[] = [];
      const own = fieldScopes.get(`${typeName}.${fieldName}`);
      if (own) out.push(own);
      const parent = schema.getType(typeName);
      const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[fieldName] : undefined;
      const returned = field && typeScopes.get(getNamedType(field.type).name);
      if (returned) out.push(returned);
      return out;
    },
  };
  loaded.set(version, published);
  return published;
}

/** Shopify's rule: a `write_` scope also grants the matching `read_` one. */
export function grants(granted: Iterable<string>, requirement: ScopeRequirement): boolean {
  const held = new Set(granted);
  return requirement.anyOf.some((scope) => held.has(scope) || (scope.startsWith("read_") && held.has(`write_${scope.slice(5)}`)));
}

export interface UsedField {
  /** Type.field as the schema names it. */
  coordinate: string;
  requirements: ScopeRequirement[];
}

/** Every field an operation document selects, with the access scopes Shopify requires to read it. */
export function fieldsUsed(published: PublishedAdminSchema, document: DocumentNode): UsedField[] {
  const typeInfo = new TypeInfo(published.schema);
  const used = new Map<string, UsedField>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent || node.name.value.startsWith("__")) return;
        const coordinate = `${parent.name}.${node.name.value}`;
        if (!used.has(coordinate)) used.set(coordinate, { coordinate, requirements: published.fieldRequirements(parent.name, node.name.value) });
      },
    }),
  );
  return [...used.values()];
}

// ---- the shape of an answer ----

/** How each scalar appears in Shopify's JSON (the schema's descriptions say so, e.g. UnsignedInt64 as a string of digits). */
const SCALAR_JSON: Record<string, (value: unknown) => boolean> = {
  String: (v) => typeof v === "string",
  ID: (v) => typeof v === "string",
  Int: (v) => Number.isInteger(v) && Math.abs(v as number) <= 2 ** 31,
  Float: (v) => typeof v === "number" && Number.isFinite(v),
  Boolean: (v) => typeof v === "boolean",
  BigInt: (v) => typeof v === "string" && /^-?\d+$/.test(v),
  UnsignedInt64: (v) => typeof v === "string" && /^\d+$/.test(v),
  Decimal: (v) => typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v),
  Money: (v) => typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v),
  Date: (v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v),
  DateTime: (v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v),
  UtcOffset: (v) => typeof v === "string" && /^[+-]\d{2}:\d{2}$/.test(v),
  Color: (v) => typeof v === "string" && /^#[0-9a-fA-F]{6}$/.test(v),
  URL: (v) => typeof v === "string" && URL.canParse(v),
  JSON: () => true,
};
const stringScalar = (v: unknown) => typeof v === "string";

/**
 * Differences between an answer's `data` and what the published schema says that operation returns:
 * missing or extra keys, null where the schema says non-null, wrong scalar encodings, unknown enum
 * values, objects where lists belong. Empty when the answer could have come from Shopify.
 */
export function answerShapeErrors(published: PublishedAdminSchema, document: DocumentNode, data: unknown, operationName?: string): string[] {
  const { schema } = published;
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return [`no operation ${operationName ?? ""} in the document`];
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  const errors: string[] = [];

  /** The response keys a selection set asks of an object whose concrete type is `typeName`. */
  const collect = (set: SelectionSetNode, typeName: string, out = new Map<string, { field: string; set?: SelectionSetNode }[]>()) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        out.set(key, [...(out.get(key) ?? []), { field: selection.name.value, set: selection.selectionSet }]);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value)!;
        const condition = fragment.typeCondition?.name.value;
        if (!condition || condition === typeName || applies(condition, typeName)) collect(fragment.selectionSet, typeName, out);
      }
    }
    return out;
  };
  const applies = (condition: string, typeName: string) => {
    const abstract = schema.getType(condition);
    const concrete = schema.getType(typeName);
    return !!abstract && isAbstractType(abstract) && isObjectType(concrete) && schema.isSubType(abstract, concrete);
  };

  const check = (value: unknown, type: GraphQLOutputType, set: SelectionSetNode | undefined, at: string) => {
    if (isNonNullType(type)) {
      if (value === null || value === undefined) errors.push(`${at}: null, but the schema says ${type.toString()}`);
      else check(value, type.ofType, set, at);
      return;
    }
    if (value === null) return;
    if (value === undefined) {
      errors.push(`${at}: missing`);
      return;
    }
    if (isListType(type)) {
      if (!Array.isArray(value)) errors.push(`${at}: not a list (${type.toString()})`);
      else value.forEach((item, index) => check(item, type.ofType, set, `${at}[${index}]`));
      return;
    }
    if (isScalarType(type)) {
      const ok = (SCALAR_JSON[type.name] ?? stringScalar)(value);
      if (!ok) errors.push(`${at}: ${JSON.stringify(value)} is not how Shopify writes a ${type.name}`);
      return;
    }
    if (isEnumType(type)) {
      if (typeof value !== "string" || !type.getValue(value)) errors.push(`${at}: ${JSON.stringify(value)} is not a value of ${type.name}`);
      return;
    }
    if (typeof value !== "object" || Array.isArray(value)) {
      errors.push(`${at}: not an object (${type.toString()})`);
      return;
    }
    const record = value as Record<string, unknown>;
    let objectType: GraphQLObjectType | GraphQLInterfaceType;
    if (isObjectType(type)) objectType = type;
    else if ("__typename" in record) {
      const named = schema.getType(String(record.__typename));
      if (!named || !isObjectType(named) || !schema.isSubType(type, named)) {
        errors.push(`${at}: __typename ${JSON.stringify(record.__typename)} is not a ${type.name}`);
        return;
      }
      objectType = named;
    } else if (isInterfaceType(type)) {
      // Without __typename only the interface's own fields can be asked and checked.
      objectType = type;
    } else {
      errors.push(`${at}: a ${type.name} union member needs __typename to be checked`);
      return;
    }
    const asked = collect(set!, objectType.name);
    for (const key of Object.keys(record)) if (!asked.has(key)) errors.push(`${at}.${key}: not asked for`);
    for (const [key, selections] of asked) {
      const fieldName = selections[0].field;
      if (fieldName === "__typename") {
        if (record[key] !== objectType.name) errors.push(`${at}.${key}: ${JSON.stringify(record[key])}, expected ${objectType.name}`);
        continue;
      }
      const field = objectType.getFields()[fieldName];
      if (!field) {
        errors.push(`${at}.${key}: ${objectType.name} has no field ${fieldName}`);
        continue;
      }
      const merged = selections.flatMap((s) => s.set?.selections ?? []);
      check(record[key], field.type, merged.length ? { kind: Kind.SELECTION_SET, selections: merged } : undefined, `${at}.${key}`);
    }
  };
  check(data, root!, operation.selectionSet, operation.operation === "mutation" ? "mutation" : "query");
  return errors;
}
