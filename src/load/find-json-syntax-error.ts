/**
 * Finds where JSON text first goes wrong. V8's JSON.parse messages only sometimes carry a position, so on a parse
 * failure the loader asks this small scanner for the offset and a message of its own.
 */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly message: string;
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (message: string): never => {
    throw { offset: i, message } satisfies JsonSyntaxError;
  };
  const describe = () => (i >= text.length ? "end of input" : JSON.stringify(text[i]));
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`Unexpected ${describe()}; expected a value`);
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail("Control character in string (escape it)");
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail("Invalid \\u escape");
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail(`Invalid escape \\${e ?? ""}`);
      } else i++;
    }
    fail("Unterminated string");
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === "" || m[0] === "-") fail(`Unexpected ${describe()}; expected a value`);
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`Unexpected ${describe()}; expected a property name in double quotes`);
        string();
        ws();
        if (text[i] !== ":") fail(`Unexpected ${describe()}; expected ":"`);
        i++;
        value();
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return;
        }
        fail(`Unexpected ${describe()}; expected "," or "}"`);
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return;
        }
        fail(`Unexpected ${describe()}; expected "," or "]"`);
      }
    }
    if (c === '"') return string();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    return number();
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`Unexpected ${describe()} after the JSON value`);
    return undefined;
  } catch (error) {
    if (typeof error === "object" && error !== null && "offset" in error) return error as JsonSyntaxError;
    // Nesting deep enough to exhaust the stack: say so at the place the scanner had reached.
    if (error instanceof RangeError) return { offset: i, message: "Nesting too deep to read" };
    throw error;
  }
}
