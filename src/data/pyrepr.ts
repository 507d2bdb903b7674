// Python list-of-str literals, the way the released CSV stores every list column (docs/methods.md §2.3):
// pandas wrote `str(list)`, so each cell is Python's repr, e.g. `['apache-2.0']`, `[]`,
// `["it's"]`, `['a\\b']`. This file parses such literals and renders lists back, exactly as
// CPython's repr does, plus a polars fast path for the common all-plain-ASCII case.
import pl from "nodejs-polars";

/** Thrown for a malformed list literal; `offset` is the 0-based character position in the literal. */
export class ListLiteralError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  n: "\n",
  r: "\r",
  t: "\t",
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
  "0": "\0",
};
const HEX_DIGITS_OF_ESCAPE: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * Parses a Python list literal of str items (Python's own `repr(list_of_str)` and anything
 * `ast.literal_eval` accepts for it, quotes ' or ", escapes \\ \' \" \n \r \t \xhh \uhhhh \Uhhhhhhhh).
 * Example: `parsePythonStrList("['a', \"it's\"]")` is ["a", "it's"]; `parsePythonStrList("[]")` is [].
 */
export function parsePythonStrList(literal: string): string[] {
  const items: string[] = [];
  let i = skipSpaces(literal, 0);
  if (literal[i] !== "[") throw new ListLiteralError("expected '['", i);
  i = skipSpaces(literal, i + 1);
  if (literal[i] === "]") return endOfLiteral(literal, i + 1, items);
  for (;;) {
    const [item, next] = parseStrItem(literal, i);
    items.push(item);
    i = skipSpaces(literal, next);
    if (literal[i] === "]") return endOfLiteral(literal, i + 1, items);
    if (literal[i] !== ",") throw new ListLiteralError("expected ',' or ']'", i);
    i = skipSpaces(literal, i + 1);
    if (literal[i] === "]") return endOfLiteral(literal, i + 1, items); // trailing comma
  }
}

function endOfLiteral(literal: string, i: number, items: string[]): string[] {
  const rest = skipSpaces(literal, i);
  if (rest !== literal.length) throw new ListLiteralError("text after ']'", rest);
  return items;
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && (s[i] === " " || s[i] === "\t")) i++;
  return i;
}

/** Parses one quoted str starting at `start`; returns [value, index after the closing quote]. */
function parseStrItem(literal: string, start: number): [string, number] {
  const quote = literal[start];
  if (quote !== "'" && quote !== '"') throw new ListLiteralError("expected a quoted string", start);
  let out = "";
  let runStart = start + 1;
  for (let i = start + 1; i < literal.length; ) {
    const ch = literal[i];
    if (ch === quote) return [out + literal.slice(runStart, i), i + 1];
    if (ch === "\n") break;
    if (ch !== "\\") {
      i++;
      continue;
    }
    out += literal.slice(runStart, i);
    const [decoded, next] = decodeEscape(literal, i);
    out += decoded;
    i = runStart = next;
  }
  throw new ListLiteralError("unterminated string", start);
}

/** Decodes the escape sequence at `i` (a backslash); returns [text, index after it]. */
function decodeEscape(literal: string, i: number): [string, number] {
  const code = literal[i + 1];
  if (code === undefined) throw new ListLiteralError("unterminated string", i);
  if (code in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[code], i + 2];
  const digits = HEX_DIGITS_OF_ESCAPE[code];
  if (digits !== undefined) {
    const hex = literal.slice(i + 2, i + 2 + digits);
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) throw new ListLiteralError(`bad \\${code} escape`, i);
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff) throw new ListLiteralError(`bad \\${code} escape`, i);
    return [String.fromCodePoint(cp), i + 2 + digits];
  }
  if (code === "\n") return ["", i + 2]; // line continuation
  return ["\\" + code, i + 2]; // Python keeps unknown escapes verbatim
}

// Characters Python's repr escapes: categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than the space.
const ZS_WITHOUT_SPACE = "\\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000";
const NON_PRINTABLE = new RegExp(`[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}${ZS_WITHOUT_SPACE}]`, "u");
const NEEDS_ESCAPE_IN = {
  "'": new RegExp(`[\\\\'\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}${ZS_WITHOUT_SPACE}]`, "u"),
  '"': new RegExp(`[\\\\"\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}${ZS_WITHOUT_SPACE}]`, "u"),
};

/**
 * Python's `repr(s)` for a str. Example: `pythonStrRepr("it's")` is `"it's"` (double quotes),
 * `pythonStrRepr("a\nb")` is `'a\\nb'`, `pythonStrRepr("\u00a0")` is `'\\xa0'`.
 */
export function pythonStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  if (!NEEDS_ESCAPE_IN[quote].test(s)) return quote + s + quote;
  let out = quote;
  for (const ch of s) out += escapeChar(ch, quote);
  return out + quote;
}

function escapeChar(ch: string, quote: string): string {
  if (ch === quote || ch === "\\") return "\\" + ch;
  if (ch === "\t") return "\\t";
  if (ch === "\n") return "\\n";
  if (ch === "\r") return "\\r";
  if (!NON_PRINTABLE.test(ch)) return ch;
  const cp = ch.codePointAt(0)!;
  if (cp <= 0xff) return "\\x" + cp.toString(16).padStart(2, "0");
  if (cp <= 0xffff) return "\\u" + cp.toString(16).padStart(4, "0");
  return "\\U" + cp.toString(16).padStart(8, "0");
}

/**
 * Python's `repr(list_of_str)`. Example: `pythonListRepr(["a", "b"])` is "['a', 'b']"; `pythonListRepr([])` is "[]".
 */
export function pythonListRepr(items: readonly string[]): string {
  return "[" + items.map(pythonStrRepr).join(", ") + "]";
}

/**
 * polars expression rendering a List(Utf8) column as Python's repr, valid only for rows whose items
 * are printable ASCII without ' or \ (see `plainAsciiItems`); other rows need pythonListRepr.
 * Example: ["apache-2.0", "mit"] gives "['apache-2.0', 'mit']"; [] gives "[]".
 */
export function plainListReprExpr(list: pl.Expr): pl.Expr {
  return pl
    .when(list.lst.lengths().eq(0))
    .then(pl.lit("[]"))
    .otherwise(pl.lit("['").add(list.lst.join("', '")).add(pl.lit("']")));
}

/**
 * polars expression: true where every item of the list is printable ASCII other than ' and \ (repr = item in single
 * quotes).
 */
export function plainAsciiItems(list: pl.Expr): pl.Expr {
  return list.lst.join("").str.contains("[^ -&(-\\[\\]-~]").not();
}

/**
 * Python's `repr(float)` (what pandas writes): shortest round-trip digits, fixed notation for
 * exponents -4..15, else scientific with a 2-digit exponent. Example: 479 -> "479.0", 1e-5 -> "1e-05".
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mantissa, exponentText] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const e = Math.abs(exponent).toString().padStart(2, "0");
    return `${sign}${digits[0]}${digits.length > 1 ? "." + digits.slice(1) : ""}e${exponent < 0 ? "-" : "+"}${e}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fracPart = digits.slice(exponent + 1);
  return `${sign}${intPart}.${fracPart || "0"}`;
}
