/** The suite JSON Schema shipped in schema/suite.schema.json, and a compiled validator. */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import type { PathSegment } from './diagnostics.js';

// Same relative location from src/suite/ and dist/suite/.
export const SUITE_SCHEMA_PATH = new URL('../../schema/suite.schema.json', import.meta.url);

type SchemaNode = {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  oneOf?: SchemaNode[];
  $ref?: string;
  enum?: unknown[];
};

export const suiteSchema = JSON.parse(readFileSync(SUITE_SCHEMA_PATH, 'utf8')) as SchemaNode & { $defs: Record<string, SchemaNode> };

let validator: ValidateFunction | undefined;
export function suiteValidator(): ValidateFunction {
  validator ??= new Ajv2020({ allErrors: true, strict: true, strictRequired: false, verbose: true, useDefaults: true, allowUnionTypes: true }).compile(suiteSchema);
  return validator;
}

function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  if (node?.$ref?.startsWith('#/$defs/')) return suiteSchema.$defs[node.$ref.slice('#/$defs/'.length)];
  return node;
}

/** The schema node describing the value at `path` (for suggestions). */
function schemaAt(path: readonly PathSegment[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = suiteSchema;
  for (const seg of path) {
    node = deref(node);
    if (!node) return undefined;
    if (typeof seg === 'number') node = node.items;
    else if (node.properties?.[seg]) node = node.properties[seg];
    else if (typeof node.additionalProperties === 'object') node = node.additionalProperties;
    else return undefined;
    node = deref(node);
    if (node?.oneOf) node = node.oneOf.find((n) => n.properties) ?? node;
  }
  return deref(node);
}

export function allowedKeys(path: readonly PathSegment[]): string[] {
  return Object.keys(schemaAt(path)?.properties ?? {});
}

export const GATE_METRICS: readonly string[] = (suiteSchema.$defs.metric.enum ?? []).map(String);

let fragment: ValidateFunction | undefined;
/** The schema for an included suite file: the suite's own parts, none of them required. */
export function fragmentValidator(): ValidateFunction {
  const { $id: _id, required: _required, ...rest } = suiteSchema as typeof suiteSchema & { $id?: string; required?: string[] };
  fragment ??= new Ajv2020({ strict: true, strictRequired: false, verbose: true, allErrors: true, allowUnionTypes: true }).compile({
    ...rest,
    properties: Object.fromEntries(
      Object.entries(suiteSchema.properties ?? {}).filter(([k]) => ['$schema', 'description', 'include', 'models', 'variants', 'datasets', 'gates'].includes(k)),
    ),
  });
  return fragment;
}
