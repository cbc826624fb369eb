import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { tutorialSchema } from './tutorial.schema.js';

/** The extension's hand-written mirror of the compiled tutorial's types. */
const EXTENSION_TYPES = fileURLToPath(
  new URL('../../../../src/training/types.ts', import.meta.url)
);

/** Property names of a type literal or interface, `?` marking optional ones. */
function members(node: ts.Node): string[] {
  const list = ts.isTypeLiteralNode(node)
    ? node.members
    : ts.isInterfaceDeclaration(node)
      ? node.members
      : ts.factory.createNodeArray<ts.TypeElement>([]);
  return list
    .filter(ts.isPropertySignature)
    .map(p => `${p.name.getText()}${p.questionToken ? '?' : ''}`)
    .sort();
}

/** Each check type of the schema, with its properties (`?` when optional). */
function schemaChecks(): Map<string, string[]> {
  const checks = new Map<string, string[]>();
  for (const rule of tutorialSchema.$defs.check.allOf) {
    const then = rule.then as unknown as {
      properties: Record<string, { const?: string }>;
      required: string[];
    };
    const type = then.properties.type?.const as string;
    checks.set(
      type,
      Object.keys(then.properties)
        .map(name => (then.required.includes(name) ? name : `${name}?`))
        .sort()
    );
  }
  return checks;
}

describe("the extension's tutorial types", () => {
  it('mirror every check type and field of the JSON Schema', async () => {
    const source = ts.createSourceFile(
      'types.ts',
      await readFile(EXTENSION_TYPES, 'utf8'),
      ts.ScriptTarget.Latest,
      true
    );
    const declarations = new Map<string, ts.Node>();
    source.forEachChild(node => {
      if (ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) {
        declarations.set(node.name.text, node);
      }
    });
    const check = declarations.get('Check') as ts.TypeAliasDeclaration;
    assert.ok(check && ts.isUnionTypeNode(check.type), 'Check is a union');
    const mirrored = new Map<string, string[]>();
    for (const member of check.type.types) {
      const node = ts.isTypeReferenceNode(member)
        ? (declarations.get(member.typeName.getText()) as ts.Node)
        : member;
      const props = members(node);
      const typeProp = (
        ts.isTypeLiteralNode(node)
          ? node.members
          : (node as ts.InterfaceDeclaration).members
      )
        .filter(ts.isPropertySignature)
        .find(p => p.name.getText() === 'type')?.type;
      const literals =
        typeProp && ts.isUnionTypeNode(typeProp)
          ? typeProp.types
          : typeProp
            ? [typeProp]
            : [];
      for (const literal of literals) {
        mirrored.set(literal.getText().replace(/'/g, ''), props);
      }
    }
    assert.deepEqual(
      [...mirrored.entries()].sort(),
      [...schemaChecks().entries()].sort(),
      'src/training/types.ts Check differs from tutorial.schema.ts: update the mirror'
    );

    // A step and a tutorial carry the same fields on both sides.
    const stepSchema = tutorialSchema.properties.steps.items as unknown as {
      properties: Record<string, unknown>;
      required: string[];
    };
    const expectFields = (schema: {
      properties: Record<string, unknown>;
      required: readonly string[];
    }) =>
      Object.keys(schema.properties)
        .map(name => (schema.required.includes(name) ? name : `${name}?`))
        .sort();
    assert.deepEqual(
      members(declarations.get('IStep') as ts.Node),
      expectFields(stepSchema)
    );
    assert.deepEqual(
      members(declarations.get('ITutorial') as ts.Node),
      expectFields(
        tutorialSchema as unknown as {
          properties: Record<string, unknown>;
          required: string[];
        }
      )
    );
  });
});
