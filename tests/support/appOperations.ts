// Every GraphQL operation the app sends to Shopify, read from its source: the `#graphql` template
// literals in app/, with each `${…}` resolved the way the code builds it (module constants, imported
// constants, arrays joined). An interpolation this reader cannot resolve is an error, never a skip,
// so a new way of building a query makes the contract tests fail until they understand it; and a
// document written without the tag is reported wherever it is (untaggedDocuments).
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { parse as parseGraphql } from "graphql";

export const APP_DIR = path.resolve(import.meta.dirname, "../../app");

export interface AppOperation {
  /** The constant holding the document, e.g. REQUEST_ERASURE. */
  constant: string;
  file: string;
  line: number;
  /** The document as the app sends it. */
  text: string;
}

const sources = new Map<string, ts.SourceFile>();
function source(file: string): ts.SourceFile {
  let parsed = sources.get(file);
  if (!parsed) {
    parsed = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    sources.set(file, parsed);
  }
  return parsed;
}

export function appSourceFiles(dir = APP_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return appSourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const where = (node: ts.Node) => {
  const file = node.getSourceFile();
  return `${path.relative(APP_DIR, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
};

/** The top-level `const name = …` of a module, or undefined. */
function topLevelConst(file: ts.SourceFile, name: string): ts.VariableDeclaration | undefined {
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === name) return declaration;
    }
  }
  return undefined;
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((candidate) => existsSync(candidate) && candidate.match(/\.tsx?$/));
}

/** The declaration an identifier names in `file`: a module constant, or one imported by name from a relative module. */
function declarationOf(file: ts.SourceFile, name: string, seen = new Set<string>()): ts.VariableDeclaration | undefined {
  const local = topLevelConst(file, name);
  if (local) return local;
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      if (element.name.text !== name) continue;
      const target = resolveImport(file.fileName, statement.moduleSpecifier.text);
      if (!target || seen.has(target)) return undefined;
      seen.add(target);
      const imported = element.propertyName?.text ?? element.name.text;
      const targetFile = source(target);
      return declarationOf(targetFile, imported, seen) ?? reexported(targetFile, imported, seen);
    }
  }
  return undefined;
}

function reexported(file: ts.SourceFile, name: string, seen: Set<string>): ts.VariableDeclaration | undefined {
  for (const statement of file.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const target = resolveImport(file.fileName, statement.moduleSpecifier.text);
    if (!target || seen.has(target)) continue;
    const clause = statement.exportClause;
    if (clause && ts.isNamedExports(clause) && !clause.elements.some((element) => element.name.text === name)) continue;
    seen.add(target);
    const found = declarationOf(source(target), name, seen);
    if (found) return found;
  }
  return undefined;
}

type Value = string | number | boolean | Value[] | { [key: string]: Value };

/** Evaluates the constant expressions queries are built from; throws on anything else. */
function evaluate(node: ts.Expression): Value {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return evaluate(node.expression);
  if (ts.isTemplateExpression(node)) {
    let text = node.head.text;
    for (const span of node.templateSpans) text += String(evaluate(span.expression)) + span.literal.text;
    return text;
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((element) => evaluate(element));
  if (ts.isObjectLiteralExpression(node)) {
    const out: Record<string, Value> = {};
    for (const property of node.properties) {
      if (!ts.isPropertyAssignment(property) || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
        throw new Error(`${where(property)}: cannot evaluate this object member`);
      }
      out[property.name.text] = evaluate(property.initializer);
    }
    return out;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = evaluate(node.left);
    const right = evaluate(node.right);
    return typeof left === "number" && typeof right === "number" ? left + right : String(left) + String(right);
  }
  if (ts.isIdentifier(node)) {
    const declaration = declarationOf(node.getSourceFile(), node.text);
    if (!declaration?.initializer) throw new Error(`${where(node)}: ${node.text} is not a constant this reader can find`);
    return evaluate(declaration.initializer);
  }
  if (ts.isPropertyAccessExpression(node)) {
    const target = evaluate(node.expression);
    if (target && typeof target === "object" && !Array.isArray(target) && node.name.text in target) return target[node.name.text];
    if (Array.isArray(target) && node.name.text === "length") return target.length;
    throw new Error(`${where(node)}: cannot evaluate ${node.getText()}`);
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "join") {
    const list = evaluate(node.expression.expression);
    const separator = node.arguments.length ? evaluate(node.arguments[0]) : ",";
    if (Array.isArray(list) && typeof separator === "string") return list.join(separator);
  }
  throw new Error(`${where(node)}: cannot evaluate \`${node.getText()}\` in a GraphQL document; teach tests/support/appOperations.ts`);
}

function templateText(node: ts.TemplateLiteral): string {
  return ts.isNoSubstitutionTemplateLiteral(node) ? node.text : node.head.text;
}

/** Every `#graphql` document in app/, evaluated. */
export function appOperations(files = appSourceFiles()): AppOperation[] {
  const found: AppOperation[] = [];
  for (const file of files) {
    const parsed = source(file);
    const visitNode = (node: ts.Node) => {
      if ((ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) && templateText(node).trimStart().startsWith("#graphql")) {
        const parent = node.parent;
        const constant = ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : `(inline at ${where(node)})`;
        found.push({ constant, file: path.relative(APP_DIR, file), line: parsed.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: String(evaluate(node)) });
        return;
      }
      ts.forEachChild(node, visitNode);
    };
    visitNode(parsed);
  }
  return found;
}

export interface QueryCall {
  at: string;
  /** The constant passed as the document, or null when it is not a plain identifier. */
  document: string | null;
  /** True when that identifier names a `#graphql` template literal. */
  tagged: boolean;
}

/**
 * Every call that sends a document to Shopify: `adminQuery(api, DOCUMENT, …)` and direct calls of an
 * AdminGraphql (`api(DOCUMENT, …)`), so a query built some other way cannot escape the contract.
 */
export function appQueryCalls(files = appSourceFiles()): QueryCall[] {
  const calls: QueryCall[] = [];
  for (const file of files) {
    const parsed = source(file);
    const visitNode = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const callee = node.expression.text;
        const argument = callee === "adminQuery" ? node.arguments[1] : callee === "api" ? node.arguments[0] : undefined;
        if (argument) {
          const name = ts.isIdentifier(argument) ? argument.text : null;
          const declaration = name ? declarationOf(parsed, name) : undefined;
          const initializer = declaration?.initializer;
          const tagged = !!initializer && (ts.isTemplateExpression(initializer) || ts.isNoSubstitutionTemplateLiteral(initializer)) && templateText(initializer).trimStart().startsWith("#graphql");
          calls.push({ at: where(node), document: name, tagged });
        }
      }
      ts.forEachChild(node, visitNode);
    };
    visitNode(parsed);
  }
  return calls;
}

/** True when `text` reads as a GraphQL operation: a keyword, or a shorthand query with nested fields. */
function looksLikeOperation(text: string): boolean {
  const trimmed = text.trim();
  // The keyword, an optional name and variables, then the selection set ("query string" is prose).
  if (/^(query|mutation|subscription)(\s+[A-Za-z_]\w*)?\s*(\([^)]*\))?\s*\{/.test(trimmed)) return true;
  if (!trimmed.startsWith("{")) return false;
  try {
    const document = parseGraphql(trimmed);
    // `{ shop { name } }`; a bare "{name}" is more likely a message placeholder than a query.
    return document.definitions.some(
      (definition) => definition.kind === "OperationDefinition" && definition.selectionSet.selections.some((selection) => selection.kind === "Field" && !!selection.selectionSet),
    );
  } catch {
    return false;
  }
}

/**
 * GraphQL documents in app/ written without the `#graphql` tag, as "file:line": whatever name the
 * function that sends them has, they would escape the contract tests, so there must be none.
 */
export function untaggedDocuments(files = appSourceFiles()): string[] {
  const found: string[] = [];
  for (const file of files) {
    const visitNode = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
        const text = ts.isTemplateExpression(node) ? node.head.text : node.text;
        if (!text.trimStart().startsWith("#graphql") && looksLikeOperation(text)) found.push(where(node));
        return;
      }
      ts.forEachChild(node, visitNode);
    };
    visitNode(source(file));
  }
  return found;
}
