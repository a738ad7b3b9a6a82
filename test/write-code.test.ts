import fc from "fast-check";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { PRETTIER_OPTIONS } from "../src/emit/format-files.js";
import * as w from "../src/emit/write-code.js";

const TS: prettier.Options = { ...PRETTIER_OPTIONS, parser: "typescript" };
const JSON_OPTIONS: prettier.Options = { ...PRETTIER_OPTIONS, parser: "json" };
const fixedPoint = async (text: string, options = TS) => expect(await prettier.format(text, options)).toBe(text);
/** Evaluates an expression the writer printed (TypeScript-only syntax aside). */
// eslint-disable-next-line no-new-func
const evaluate = (code: string): unknown => new Function(`return (${code});`)();

/** Strings built to break naive code writers. */
const HOSTILE: [string, string][] = [
  ["empty", ""],
  ["double quotes", 'say "hi"'],
  ["single quotes", "it's"],
  ["more doubles than singles", `"a" "b" it's`],
  ["both, tied", `"it's"`],
  ["backslashes", "C:\\dir\\file \\n \\u0041"],
  ["a backslash before a quote", '\\"'],
  ["a comment end", "*/ alert(1) /*"],
  ["U+2028 and U+2029", "line\u2028separator\u2029paragraph"],
  ["control characters", "tab\there\nnew line\r\0nul"],
  ["template syntax", "`${process.exit()}`"],
  ["non-ASCII", "ünïcödé 日本語 emoji 🎉"],
  ["__proto__", "__proto__"],
  ["a very long value", "x".repeat(300) + '"' + "y".repeat(50)],
];

describe("jsStringLiteral: any string as the literal prettier prints", () => {
  it.each(HOSTILE)("%s", async (_, value) => {
    const literal = w.jsStringLiteral(value);
    expect(evaluate(literal)).toBe(value);
    expect(literal).not.toMatch(/[\u2028\u2029\n\r]/);
    await fixedPoint(w.printModule([w.expressionStatement(w.assign(w.id("x"), w.str(value)))]));
  });

  it.each([
    ["plain", "double", '"plain"'],
    ['say "hi"', "single: more double quotes than single", `'say "hi"'`],
    [`a"b'c`, "double on a tie", `"a\\"b'c"`],
    ["\u2028", "escaped U+2028", '"\\u2028"'],
  ])("%j: %s", (value, _, expected) => {
    expect(w.jsStringLiteral(value)).toBe(expected);
  });

  it("quotes as prettier does, for arbitrary text", async () => {
    const text = fc.string({ unit: fc.constantFrom("a", '"', "'", "\\", "\n", "\u2028", "é", "`", "$", "{"), maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        const literal = w.jsStringLiteral(value);
        expect(evaluate(literal)).toBe(value);
        await fixedPoint(`x = ${literal};\n`);
      }),
      { numRuns: 300 },
    );
  });
});

describe("key: object and type member keys", () => {
  it.each([
    ["identifier", "name", "name"],
    ["reserved word (an identifier name)", "class", "class"],
    ["dash", "a-b", '"a-b"'],
    ["digits", "1", '"1"'],
    ["empty", "", '""'],
    ["__proto__ (computed: a plain key would set the prototype)", "__proto__", '["__proto__"]'],
    ["non-ASCII letters (escaped: prettier keeps a key with escapes quoted)", "ünï", '"\\u00fcn\\u00ef"'],
    ["quotes", `a"b`, `'a"b'`],
  ])("%s", async (_, name, printed) => {
    expect(w.keyText(name)).toBe(printed);
    const code = w.printExpression(w.object([{ key: name, value: w.num(1) }]));
    await fixedPoint(`x = ${code};\n`);
    const value = evaluate(code) as object;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual([name]);
  });

  it.each(HOSTILE)("%s, as an object key and as a type member", async (_, name) => {
    const code = w.printExpression(w.object([{ key: name, value: w.str(name) }]));
    expect(Object.entries(evaluate(code) as object)).toEqual([[name, name]]);
    await fixedPoint(`x = ${code};\n`);
    await fixedPoint(w.printModule([w.interfaceDeclaration("T", [w.propertySignature({ name, type: w.literalType(name) })])]));
  });
});

describe("comments and markdown text", () => {
  it.each([
    ["a comment end", "a */ b", "* a *\\/ b "],
    ["CR line breaks", "a\r\nb\rc", "*\n * a\n * b\n * c\n "],
    ["paragraphs, trailing spaces, 3+ blank lines", "a  \n\n\n\nb", "*\n * a\n *\n * b\n "],
  ])("jsdoc: %s", async (_, text, expected) => {
    expect(w.jsdoc(text)).toBe(expected);
    await fixedPoint(w.printModule([w.withComments(w.typeAlias("T", w.typeKeyword("string")), w.jsdoc(text))]));
  });

  it.each(HOSTILE)("jsdoc keeps the comment closed and prettier-stable: %s", async (_, text) => {
    const code = w.printModule([w.withComments(w.constDeclaration("x", w.num(1)), w.jsdoc(text), w.jsdoc(text, { multiline: true }))]);
    expect(evaluate(code.replace("const x = 1;", "1"))).toBe(1);
    await fixedPoint(code);
  });
});

describe("printing: each construct as prettier prints it", () => {
  const long = "a_property_name_long_enough_to_push_lines_past_the_print_width";
  const v = w.id;
  const cases: [string, w.Node[], string][] = [
    [
      "a condition that breaks",
      [
        w.ifStatement(
          w.and(w.binary("!==", v("v1"), w.undef()), w.binary("===", v("v1"), w.index(v("OBJECT_PROTOTYPE"), w.str(long))), w.not(w.call(w.dot(v("hasOwn"), "call"), [v("o0"), w.str(long)]))),
          w.expressionStatement(w.assign(v("v1"), w.undef())),
        ),
      ],
      `if (
  v1 !== undefined &&
  v1 === OBJECT_PROTOTYPE["${long}"] &&
  !hasOwn.call(o0, "${long}")
)
  v1 = undefined;
`,
    ],
    [
      "a negated `||` chain stays against the parentheses",
      [w.ifStatement(w.not(w.or(...[1, 2, 3].map((i) => w.call(v(`testSomethingQuiteLong_${i}`), [v("v13"), v("allow"), v("value")])))), w.returnStatement(w.bool(false)))],
      `if (!(
  testSomethingQuiteLong_1(v13, allow, value) ||
  testSomethingQuiteLong_2(v13, allow, value) ||
  testSomethingQuiteLong_3(v13, allow, value)
))
  return false;
`,
    ],
    [
      "a conditional read of a long key",
      [w.constDeclaration("v1", w.conditional(w.call(w.dot(v("hasOwn"), "call"), [v("o0"), w.str(long)]), w.index(v("o0"), w.str(long)), w.undef()))],
      `const v1 = hasOwn.call(o0, "${long}")
  ? o0["${long}"]
  : undefined;
`,
    ],
    [
      "call arguments, one per line",
      [w.expressionStatement(w.call(w.dot(v("issues"), "push"), [w.call(v("makeIssue"), [w.array([w.spread(v("path")), w.str(long)]), w.binary("+", v("pointer"), w.str(`/${long}`)), w.str("invalid_type"), w.undef()])]))],
      `issues.push(
  makeIssue(
    [...path, "${long}"],
    pointer + "/${long}",
    "invalid_type",
    undefined,
  ),
);
`,
    ],
    [
      "a long array as the last argument hugs the call",
      [w.constDeclaration("ENUM_0", w.newExpression(v("Set"), [w.array(Array.from({ length: 12 }, (_, i) => w.str(`value number ${i}`)))]), w.typeReference("ReadonlySet", [w.typeKeyword("unknown")]))],
      `const ENUM_0: ReadonlySet<unknown> = new Set([\n${Array.from({ length: 12 }, (_, i) => `  "value number ${i}",\n`).join("")}]);
`,
    ],
    [
      "numbers fill the lines",
      [w.constDeclaration("n", w.array(Array.from({ length: 40 }, (_, i) => w.num(i * 1000 - 5000))))],
      "",
    ],
    [
      "objects: flat when they fit, broken when written broken",
      [w.constDeclaration("o", w.object([{ key: "a", value: w.object([{ key: "b", value: w.num(1) }]) }, { key: "c-d", value: w.object([{ key: "e", value: w.bool(true) }], { expand: true }) }]))],
      `const o = {
  a: { b: 1 },
  "c-d": {
    e: true,
  },
};
`,
    ],
    [
      "a long union in a type alias",
      [w.exported(w.typeAlias("Names", w.unionType(Array.from({ length: 6 }, (_, i) => w.literalType(`${long}-${i}`)))))],
      "",
    ],
    [
      "nested unions and intersections keep their parentheses",
      [w.typeAlias("T", w.unionType([w.unionType([w.literalType("a"), w.literalType(1)]), w.typeKeyword("null"), w.arrayType(w.unionType([w.typeKeyword("string"), w.typeKeyword("number")]))]))],
      `type T = ("a" | 1) | null | (string | number)[];
`,
    ],
    [
      "type arguments that break",
      [w.interfaceDeclaration("S", [w.propertySignature({ name: "x", readonly: true, type: w.typeReference("StandardSchemaV1", [w.typeReference(long), w.typeReference(long)]) })])],
      `interface S {
  readonly x: StandardSchemaV1<
    ${long},
    ${long}
  >;
}
`,
    ],
    [
      "a function whose parameters break",
      [
        w.exported(
          w.functionDeclaration(
            `validate${long}`,
            [
              { name: "value", type: w.typeKeyword("unknown") },
              { name: "options", type: w.typeReference("ValidationOptions"), optional: true },
            ],
            [w.returnStatement(w.call(v("run"), [v("value")], [w.typeReference("T")]))],
            { returnType: w.typeReference("ValidationResult", [w.typeReference("T")]) },
          ),
        ),
      ],
      `export function validate${long}(
  value: unknown,
  options?: ValidationOptions,
): ValidationResult<T> {
  return run<T>(value);
}
`,
    ],
    [
      "switch, for, for-in, try",
      [
        w.forStatement(w.letDeclaration("i", w.num(0)), w.binary("<", v("i"), w.dot(v("v"), "length")), w.postIncrement(v("i")), [
          w.forIn("k", v("o"), w.expressionStatement(w.postIncrement(v("c")))),
          w.switchStatement(v("k"), [
            { tests: [w.str("a"), w.str("b")], body: [w.breakStatement()] },
            { tests: [], body: [w.tryCatch([w.returnStatement(w.bool(true))], undefined, [w.returnStatement(w.bool(false))])] },
          ]),
        ]),
      ],
      `for (let i = 0; i < v.length; i++) {
  for (const k in o) c++;
  switch (k) {
    case "a":
    case "b":
      break;
    default:
      try {
        return true;
      } catch {
        return false;
      }
  }
}
`,
    ],
  ];
  it.each(cases)("%s", async (_, statements, expected) => {
    const text = w.printModule(statements);
    if (expected !== "") expect(text).toBe(expected);
    await fixedPoint(text);
  });

  it("prints hostile values everywhere a value goes", async () => {
    for (const [, value] of HOSTILE) {
      const statements = [
        w.constDeclaration("x", w.call(v("f"), [w.str(value), w.object([{ key: value, value: w.array([w.str(value)]) }])])),
        w.typeAlias("T", w.unionType([w.literalType(value), w.literalType(value + "2")])),
        w.ifStatement(w.binary("!==", v("x"), w.str(value)), w.returnStatement()),
      ];
      await fixedPoint(w.printModule(statements));
    }
  });
});

/** Whether `node` is a `&&`/`||` chain of `operator` (the writer's left-associated form). */
const isLogicalChain = (node: w.Node, operator: string): boolean => (operator === "&&" || operator === "||") && node.type === "LogicalExpression" && node.operator === operator;

/** The operands of a left-associated chain of `operator`. */
function operandsOf(node: w.Node, operator: string): w.Node[] {
  return isLogicalChain(node, operator) ? [...operandsOf(node.left as w.Node, operator), node.right as w.Node] : [node];
}

describe("printing arbitrary code", () => {
  /** Identifiers of every width, so that random trees cross the print width at every construct. */
  const name = fc.oneof(fc.constantFrom("a", "v1", "value", "OBJECT_PROTOTYPE"), fc.integer({ min: 1, max: 60 }).map((n) => "x".repeat(n)));
  const { expression } = fc.letrec((tie) => ({
    expression: fc.oneof({ depthSize: "small" }, tie("leaf"), tie("leaf"), tie("binary"), tie("call"), tie("member"), tie("conditional"), tie("unary"), tie("array"), tie("object"), tie("as")),
    leaf: fc.oneof(name.map(w.id), fc.string({ maxLength: 50 }).map(w.str), fc.integer({ min: -1000, max: 100000 }).map(w.num), fc.boolean().map(w.bool)),
    // `a || (b || c)` is not a tree prettier's own output parses back to (it prints it as `a || b || c`, which parses
    // left-associated): a same-operator logical chain on the right is folded into one chain, as a parser would see it.
    binary: fc
      .tuple(fc.constantFrom("&&", "||", "===", "!==", "+", "<", ">=", "*", "%"), tie("expression"), tie("expression"))
      .map(([op, l, r]) => (isLogicalChain(r as w.Node, op) ? w.chain(op, [l as w.Node, ...operandsOf(r as w.Node, op)]) : w.binary(op, l as w.Node, r as w.Node))),
    call: fc.tuple(fc.oneof(name.map(w.id), fc.tuple(name, name).map(([o, p]) => w.dot(w.id(o), p))), fc.array(tie("expression"), { maxLength: 4 })).map(([callee, args]) => w.call(callee, args as w.Node[])),
    member: fc.tuple(tie("expression"), fc.oneof(name.map((n) => ({ dot: n })), tie("expression").map((e) => ({ index: e as w.Node })))).map(([o, p]) =>
      "dot" in p ? w.dot(o as w.Node, p.dot) : w.index(o as w.Node, p.index),
    ),
    conditional: fc.tuple(tie("expression"), tie("expression"), tie("expression")).map(([t, c, a]) => w.conditional(t as w.Node, c as w.Node, a as w.Node)),
    unary: fc.tuple(fc.constantFrom("!", "typeof", "-"), tie("expression")).map(([op, e]) => w.unary(op as "!", e as w.Node)),
    array: fc.array(tie("expression"), { maxLength: 5 }).map((es) => w.array(es as w.Node[])),
    object: fc.tuple(fc.array(fc.tuple(fc.oneof(name, fc.string({ maxLength: 12 })), tie("expression")), { maxLength: 4 }), fc.boolean()).map(([ps, expand]) =>
      w.object(ps.map(([k, v]) => ({ key: k, value: v as w.Node })), { expand }),
    ),
    as: fc.tuple(tie("expression"), fc.constantFrom("number", "string")).map(([e, t]) => w.as(e as w.Node, w.typeKeyword(t))),
  }));
  const statement = fc.tuple(fc.constantFrom("if", "const", "return", "expression", "argument", "switch"), expression as fc.Arbitrary<w.Node>, name).map(([kind, e, n]) => {
    switch (kind) {
      case "if":
        return w.ifStatement(e, w.returnStatement(w.bool(false)));
      case "const":
        return w.constDeclaration(n, e);
      case "return":
        return w.functionDeclaration("f", [], [w.returnStatement(e)]);
      case "argument":
        return w.expressionStatement(w.call(w.dot(w.id("issues"), "push"), [w.call(w.id(n), [e, w.id("v")])]));
      case "switch":
        return w.switchStatement(e, [{ tests: [w.str(n)], body: [w.breakStatement()] }]);
      default:
        // (An expression statement never starts with `{`: that would be a block.)
        return w.expressionStatement(w.assign(w.id(n), e));
    }
  });

  const { type } = fc.letrec((tie) => ({
    type: fc.oneof({ depthSize: "small" }, tie("leaf"), tie("leaf"), tie("union"), tie("intersection"), tie("array"), tie("reference"), tie("literalType"), tie("tuple"), tie("object")),
    leaf: fc.oneof(fc.constantFrom("string", "number", "unknown", "null", "boolean").map(w.typeKeyword), name.map((n) => w.typeReference(n))),
    literalType: fc.oneof(fc.string({ maxLength: 40 }), fc.integer({ min: -5, max: 5 }), fc.boolean()).map(w.literalType),
    union: fc.array(tie("type"), { minLength: 2, maxLength: 5 }).map((ts) => w.unionType(ts as w.Node[])),
    intersection: fc.array(tie("type"), { minLength: 2, maxLength: 3 }).map((ts) => w.intersectionType(ts as w.Node[])),
    array: tie("type").map((t) => w.arrayType(t as w.Node)),
    reference: fc.tuple(name, fc.array(tie("type"), { minLength: 1, maxLength: 3 })).map(([n, ts]) => w.typeReference(n, ts as w.Node[])),
    tuple: fc.array(tie("type"), { maxLength: 3 }).map((ts) => w.tupleType(ts as w.Node[])),
    object: fc.array(fc.tuple(fc.oneof(name, fc.string({ maxLength: 10 })), tie("type"), fc.boolean()), { maxLength: 3 }).map((ms) =>
      w.typeLiteral(ms.map(([n, t, optional]) => w.propertySignature({ name: n, type: t as w.Node, optional })), { expand: true }),
    ),
  }));

  it("types are prettier fixed points, in aliases and in members", async () => {
    await fc.assert(
      fc.asyncProperty(type as fc.Arbitrary<w.Node>, name, async (t, n) => {
        await fixedPoint(w.printModule([w.exported(w.typeAlias("T", t)), w.interfaceDeclaration("I", [w.propertySignature({ name: n, type: t, optional: true })])]));
      }),
      { numRuns: Number(process.env.WRITE_CODE_RUNS ?? 300) },
    );
  });

  it("is a prettier fixed point, indented or not", async () => {
    await fc.assert(
      fc.asyncProperty(statement, fc.integer({ min: 0, max: 4 }), async (s, depth) => {
        let node = s;
        for (let i = 0; i < depth; i++) node = w.ifStatement(w.id(`c${i}`), [node]);
        await fixedPoint(w.printModule([node]));
      }),
      { numRuns: Number(process.env.WRITE_CODE_RUNS ?? 300) },
    );
  });
});

describe("printJson: JSON text as prettier prints it", () => {
  const cases: [string, unknown][] = [
    ["short arrays on one line", { tags: ["a", "b"], empty: [], none: {}, nested: [[], {}] }],
    ["arrays of objects expanded", { items: [{ a: 1 }, { b: 2 }] }],
    ["arrays of arrays of more than one element expanded", [[1, 2], [3, 4]]],
    ["arrays of arrays of one element kept flat", [[1], [2]]],
    ["a long array of strings, one per line", { list: Array.from({ length: 30 }, (_, i) => `value-${i}`) }],
    ["a long array of numbers, filled", { numbers: Array.from({ length: 80 }, (_, i) => i * 997 - 40) }],
    ["an array exactly at the print width", { k: ["x".repeat(107)] }],
    ["an array one past the print width", { k: ["x".repeat(108)] }],
    ["the comma after an array counts", { k: ["x".repeat(106)], z: 1 }],
    ["scalars", { s: "q\"uote\\", n: -12.5, t: true, f: false, z: null }],
    ["exponents, as prettier writes them", { big: 1e21, small: 1.5e-7, negative: -2e-10 }],
    ["display width: wide characters count twice", { k: ["日本語".repeat(17)], l: ["é".repeat(100)] }],
    ["__proto__ is a plain key in JSON", JSON.parse('{"__proto__": {"a": 1}}')],
    ["empty brackets past the print width", [{ "": { ["y".repeat(114)]: [], ["z".repeat(114)]: {} } }]],
  ];
  it.each(cases)("%s", async (_, value) => {
    const text = w.printJson(value);
    expect(JSON.parse(text)).toEqual(value);
    await fixedPoint(text, JSON_OPTIONS);
    // What prettier gives on JSON.stringify's layout (the fixture files' former source).
    expect(text).toBe(await prettier.format(JSON.stringify(value, null, 2), JSON_OPTIONS));
  });

  // ASCII only takes the direct printer; wider characters take the doc printer.
  it.each([
    ["ASCII text", ["a", "b", " ", '"', "\\", "/"]],
    ["wide characters", ["a", " ", "é", "日", "🎉"]],
  ])("agrees with prettier on arbitrary JSON values: %s", async (_, units) => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom(...units), maxLength: 118 }),
      fc.string({ unit: fc.constantFrom("q", "r"), minLength: 20, maxLength: 60 }),
      fc.constantFrom("", "x".repeat(50), "y".repeat(110)),
    );
    const number = fc.oneof(fc.integer(), fc.integer({ min: 0, max: 99 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: "small" }, tie("leaf"), tie("array"), tie("object"), tie("numbers")),
      leaf: fc.oneof(text, number, fc.boolean(), fc.constant(null)),
      array: fc.array(tie("tree"), { maxLength: 10 }),
      numbers: fc.array(number, { maxLength: 60 }),
      object: fc.dictionary(fc.oneof(text, fc.constantFrom("k", "long_key_".repeat(8))), tie("tree"), { maxKeys: 6 }),
    }));
    await fc.assert(
      fc.asyncProperty(tree, async (value) => {
        expect(w.printJson(value)).toBe(await prettier.format(JSON.stringify(value, null, 2), JSON_OPTIONS));
      }),
      { numRuns: Number(process.env.FORMAT_JSON_RUNS ?? 400) },
    );
  });
});

it("prints with the project's prettier options", () => {
  expect(PRETTIER_OPTIONS.printWidth).toBe(w.PRINT_WIDTH);
  expect(PRETTIER_OPTIONS.tabWidth).toBe(2);
  expect([PRETTIER_OPTIONS.singleQuote, PRETTIER_OPTIONS.trailingComma, PRETTIER_OPTIONS.semi]).toEqual([false, "all", true]);
});
