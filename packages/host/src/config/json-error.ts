/** The first syntax error in a JSON text: where (a character offset) and what, in words that never quote the text. */
export interface JsonSyntaxError {
  /** Offset of the offending character (the text's length for an early end). */
  readonly offset: number;
  /** What is wrong, e.g. `expected ':' after a property name`. Never contains the text (it may hold a secret). */
  readonly reason: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Find the first syntax error in `text` by a small JSON (RFC 8259) scanner, or `undefined` when it is valid JSON.
 * Used instead of V8's message, which varies between Node versions, sometimes lacks a position and quotes the text.
 */
export function findJsonError(text: string): JsonSyntaxError | undefined {
  try {
    const end = new Scanner(text).document();
    return end === undefined ? undefined : { offset: end, reason: 'unexpected content after the JSON value' };
  } catch (error) {
    if (error instanceof Stop) return { offset: error.offset, reason: error.reason };
    return undefined; // e.g. nesting too deep for the stack: the caller reports the end of the text
  }
}

class Scanner {
  private at = 0;
  constructor(private readonly text: string) {}

  /** Scan one value; the offset of trailing content, or undefined when there is none. */
  document(): number | undefined {
    this.value();
    this.space();
    return this.at < this.text.length ? this.at : undefined;
  }

  private value(): void {
    this.space();
    const c = this.peek('a value');
    if (c === '{') this.object();
    else if (c === '[') this.array();
    else if (c === '"') this.string();
    else if (c === '-' || (c >= '0' && c <= '9')) this.number();
    else if (!['true', 'false', 'null'].some((word) => this.word(word))) this.fail('unexpected character where a value should be');
  }

  private object(): void {
    this.at += 1;
    this.space();
    if (this.peek("a property name or '}'") === '}') return void (this.at += 1);
    for (;;) {
      this.space();
      if (this.peek('a property name') !== '"') this.fail('expected a double-quoted property name');
      this.string();
      this.space();
      if (this.peek("':'") !== ':') this.fail("expected ':' after a property name");
      this.at += 1;
      this.value();
      this.space();
      const next = this.peek("',' or '}'");
      this.at += 1;
      if (next === '}') return;
      if (next !== ',') this.fail("expected ',' or '}' after a property value", this.at - 1);
    }
  }

  private array(): void {
    this.at += 1;
    this.space();
    if (this.peek("a value or ']'") === ']') return void (this.at += 1);
    for (;;) {
      this.value();
      this.space();
      const next = this.peek("',' or ']'");
      this.at += 1;
      if (next === ']') return;
      if (next !== ',') this.fail("expected ',' or ']' after an array element", this.at - 1);
    }
  }

  private string(): void {
    this.at += 1;
    for (;;) {
      const c = this.peek('the end of a string');
      if (c === '"') return void (this.at += 1);
      if (c < ' ') this.fail('a control character (such as a line break) inside a string');
      if (c === '\\') this.escape();
      else this.at += 1;
    }
  }

  private escape(): void {
    const c = this.text[this.at + 1];
    if (c !== undefined && '"\\/bfnrt'.includes(c)) return void (this.at += 2);
    if (c === 'u' && /^[0-9a-fA-F]{4}$/u.test(this.text.slice(this.at + 2, this.at + 6))) return void (this.at += 6);
    this.fail('a bad escape sequence in a string');
  }

  private number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/u.exec(this.text.slice(this.at, this.at + 400));
    if (match === null) this.fail('a malformed number');
    this.at += match[0].length;
  }

  private word(word: string): boolean {
    if (!this.text.startsWith(word, this.at)) return false;
    this.at += word.length;
    return true;
  }

  private space(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at] ?? '')) this.at += 1;
  }

  private peek(expected: string): string {
    const c = this.text[this.at];
    if (c === undefined) this.fail(`unexpected end of file (expected ${expected})`);
    return c;
  }

  private fail(reason: string, offset = this.at): never {
    throw new Stop(offset, reason);
  }
}
