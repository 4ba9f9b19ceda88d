/**
 * A tiny RFC 5545 reader for the mail tests: unfolds content lines, splits
 * them into name, parameters and value, and nests them into components.
 * Written here, independently of src/calendar/ics.ts, so the tests check the
 * calendar the way a client reads it.
 */

export interface ContentLine {
  name: string;
  params: Record<string, string>;
  value: string;
}

export interface Component {
  name: string;
  properties: ContentLine[];
  components: Component[];
}

/** The physical lines of a calendar (split on CRLF), before unfolding. */
export function physicalLines(text: string): string[] {
  return text.replace(/\r\n$/, '').split('\r\n');
}

/** RFC 5545 3.1: a CRLF followed by one space or tab is removed. */
export function unfold(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '');
}

/** `NAME;P1=a;P2="b;c":value` (no escaped colons in parameter values needed here). */
export function parseLine(line: string): ContentLine {
  let i = 0;
  let inQuotes = false;
  for (; i < line.length; i++) {
    const char = line[i];
    if (char === '"') inQuotes = !inQuotes;
    else if (char === ':' && !inQuotes) break;
  }
  if (i >= line.length) throw new Error(`not a content line: ${line}`);
  const [name = '', ...rawParams] = line.slice(0, i).split(';');
  const params: Record<string, string> = {};
  for (const param of rawParams) {
    const eq = param.indexOf('=');
    params[param.slice(0, eq).toUpperCase()] = param.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { name: name.toUpperCase(), params, value: line.slice(i + 1) };
}

/** The calendar's component tree; throws on unbalanced BEGIN/END. */
export function parseCalendar(text: string): Component {
  const root: Component = { name: '', properties: [], components: [] };
  const stack: Component[] = [root];
  for (const line of unfold(text).map(parseLine)) {
    const top = stack[stack.length - 1]!;
    if (line.name === 'BEGIN') {
      const child: Component = { name: line.value.toUpperCase(), properties: [], components: [] };
      top.components.push(child);
      stack.push(child);
    } else if (line.name === 'END') {
      if (top.name !== line.value.toUpperCase())
        throw new Error(`END:${line.value} closes ${top.name}`);
      stack.pop();
    } else {
      top.properties.push(line);
    }
  }
  if (stack.length !== 1) throw new Error('unterminated component');
  const [calendar] = root.components;
  if (!calendar || calendar.name !== 'VCALENDAR') throw new Error('no VCALENDAR');
  return calendar;
}

export function property(component: Component, name: string): string | undefined {
  return component.properties.find((p) => p.name === name)?.value;
}

export function child(component: Component, name: string): Component[] {
  return component.components.filter((c) => c.name === name);
}

/** RFC 5545 3.3.11: TEXT values. */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** `YYYYMMDDTHHMMSSZ` for an instant, computed here rather than by the code under test. */
export function utcStamp(instant: number): string {
  const d = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`
  );
}
