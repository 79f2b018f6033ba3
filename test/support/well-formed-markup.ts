/**
 * A small well-formedness check for the SVG the charts produce (no XML parser is installed): every tag closes
 * in order, attribute values are quoted, and text holds no raw `<` or unescaped `&`.
 */
export function assertWellFormed(markup: string): void {
  const stack: string[] = [];
  const token = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let match: RegExpExecArray | null;
  while ((match = token.exec(markup)) !== null) {
    const [, closing, name, , selfClosing, text, stray] = match;
    if (stray) throw new Error(`stray < at ${match.index}: ${markup.slice(match.index, match.index + 40)}`);
    if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|#39);)/.test(text)) throw new Error(`unescaped & in text: ${text}`);
      continue;
    }
    if (!name) continue;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? 'nothing'}>`);
    } else if (!selfClosing) {
      stack.push(name);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(', ')}`);
}
