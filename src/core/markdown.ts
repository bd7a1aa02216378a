/**
 * Tracker- and user-supplied text placed into Markdown (status reports, Trello comments) as
 * literal text. Task titles come from providers' trackers and notes from people: neither may add
 * raw HTML, links (`javascript:` ones included), remote images (tracking pixels) or break a table.
 * Pure.
 *
 * `<`, `>` and `&` become entity references rather than backslash escapes: every Markdown flavour
 * (original Markdown.pl, CommonMark, GFM, Trello) shows an entity as the character, while
 * Markdown.pl does not honour `\<`. The other characters with inline meaning are backslash-escaped
 * (CommonMark §2.4); `_` only where it can open or close emphasis (not inside `snake_case` words).
 */

/** Jalon's own Markdown, put in as it is (a link it built, a marker). */
export interface Markdown {
  readonly markdown: string;
}
export const md = (markdown: string): Markdown => ({ markdown });

// C0 and C1 controls, DEL and the bidirectional overrides that make text read differently.
const CONTROLS = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;
const ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** One line of literal text: line breaks and controls become spaces, markup is escaped. */
export function mdText(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, ' ').replace(CONTROLS, ' ');
  let out = '';
  for (let i = 0; i < flat.length; i++) {
    const c = flat[i] as string;
    if (c in ENTITIES) out += ENTITIES[c];
    else if (c === '_') out += isWordChar(flat[i - 1]) && isWordChar(flat[i + 1]) ? c : '\\_';
    else if ('\\`*[]|~#'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

/**
 * Several lines of literal text, each as `mdText` does it; a line's start cannot open a block
 * (list item, heading underline, ordered list, indented code) either.
 */
export function mdLines(text: string): string[] {
  return text.split(/\r\n?|\n/).map((line) =>
    mdText(line)
      .trimStart()
      .replace(/^([-+=])/, '\\$1')
      .replace(/^(\d+)([.)])/, '$1\\$2'),
  );
}

/**
 * A link to a tracker page: only http(s) URLs become links (never `javascript:`, `data:`…); the
 * URL's parentheses and spaces are percent-encoded so it cannot end the link early.
 */
export function mdLink(text: string, url: string | null): Markdown {
  const label = mdText(text);
  if (url === null || !URL.canParse(url)) return md(label);
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return md(label);
  const href = parsed.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return md(`[${label}](${href})`);
}

/** A table cell: text is escaped (a `|` or line break cannot end the cell), Markdown kept. */
export const mdCell = (value: string | Markdown): string =>
  typeof value === 'string' ? mdText(value) : value.markdown;
