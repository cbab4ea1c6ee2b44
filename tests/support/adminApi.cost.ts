// Shopify's calculated query cost, computed statically before execution (requested) and from the
// answer after it (actual), following shopify.dev's rules: scalars and enums 0, objects 1,
// connections 2 + (first|last) × the cost of one node, each mutation field 10.
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export const MUTATION_FIELD_COST = 10;

export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
}

const isConnection = (type: GraphQLOutputType) => getNamedType(type).name.endsWith("Connection");
const isList = (type: GraphQLOutputType) => isListType(isNonNullType(type) ? type.ofType : type);

/**
 * Cost of an operation. Without `data` it is the requested (worst-case) cost; with the answer's
 * data it is the actual cost, counting only the objects that came back.
 */
export function queryCost(input: CostInput, data?: Record<string, unknown> | null): number {
  const { schema, document, operation } = input;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], input.variables);
  const variableValues = coerced.coerced ?? {};
  const actual = data !== undefined;

  const fieldsOf = (set: SelectionSetNode, out: Array<{ name: string; key: string; node: FieldNode }> = []) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        out.push({ name: selection.name.value, key: selection.alias?.value ?? selection.name.value, node: selection });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        fieldsOf(selection.selectionSet, out);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) fieldsOf(fragment.selectionSet, out);
      }
    }
    return out;
  };

  const fieldDef = (parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined => {
    if ("getFields" in parent) return parent.getFields()[name];
    // A union: take the field from whichever member has it.
    for (const member of parent.getTypes()) {
      const field = member.getFields()[name];
      if (field) return field;
    }
    return undefined;
  };

  const selectionCost = (set: SelectionSetNode, parent: GraphQLCompositeType, value: unknown): number => {
    let total = 0;
    for (const { name, key, node } of fieldsOf(set)) {
      if (name === "__typename") continue;
      const field = fieldDef(parent, name);
      if (!field || !node.selectionSet) continue;
      const named = getNamedType(field.type);
      if (!isCompositeType(named)) continue;
      const child = actual ? (value as Record<string, unknown> | null)?.[key] : undefined;
      if (actual && (child === null || child === undefined)) continue;

      if (isConnection(field.type)) {
        const args = getArgumentValues(field, node, variableValues);
        const size = Number(args.first ?? args.last ?? 0);
        const connectionFields = fieldsOf(node.selectionSet);
        const connectionType = named as GraphQLCompositeType;
        let perNode = 0;
        for (const part of connectionFields) {
          const partDef = fieldDef(connectionType, part.name);
          if (!partDef || !part.node.selectionSet) continue;
          const partValue = actual ? (child as Record<string, unknown>)[part.key] : undefined;
          if (part.name === "nodes") {
            const nodeType = getNamedType(partDef.type) as GraphQLCompositeType;
            if (actual) {
              const list = (partValue as unknown[]) ?? [];
              perNode += list.reduce<number>((sum, item) => sum + 1 + selectionCost(part.node.selectionSet!, nodeType, item), 0);
            } else {
              perNode += 1 + selectionCost(part.node.selectionSet, nodeType, undefined);
            }
          } else if (part.name === "edges") {
            const edgeType = getNamedType(partDef.type) as GraphQLCompositeType;
            for (const edgePart of fieldsOf(part.node.selectionSet)) {
              if (edgePart.name !== "node" || !edgePart.node.selectionSet) continue;
              const nodeType = getNamedType(fieldDef(edgeType, "node")!.type) as GraphQLCompositeType;
              if (actual) {
                const list = (partValue as Array<Record<string, unknown>>) ?? [];
                  perNode += list.reduce<number>(
                  (sum, edge) => sum + 1 + selectionCost(edgePart.node.selectionSet!, nodeType, edge[edgePart.key]),
                  0,
                );
              } else {
                perNode += 1 + selectionCost(edgePart.node.selectionSet, nodeType, undefined);
              }
            }
          }
          // pageInfo is part of the connection's own 2 points.
        }
        total += 2 + (actual ? perNode : size * perNode);
        continue;
      }

      const childType = named as GraphQLCompositeType;
      if (isList(field.type)) {
        if (actual) {
          for (const item of child as unknown[]) total += 1 + selectionCost(node.selectionSet, childType, item);
        } else {
          const args = getArgumentValues(field, node, variableValues);
          const size = typeof args.first === "number" ? args.first : 1;
          total += size * (1 + selectionCost(node.selectionSet, childType, undefined));
        }
        continue;
      }
      total += 1 + selectionCost(node.selectionSet, childType, child);
    }
    return total;
  };

  if (operation.operation === "mutation") {
    const fields = fieldsOf(operation.selectionSet).filter((field) => field.name !== "__typename");
    if (actual) return fields.filter((field) => data?.[field.key] != null).length * MUTATION_FIELD_COST;
    return fields.length * MUTATION_FIELD_COST;
  }
  const root = schema.getQueryType()!;
  return selectionCost(operation.selectionSet, root, actual ? data : undefined);
}
