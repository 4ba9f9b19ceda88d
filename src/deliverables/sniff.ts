/**
 * Checks that a document's bytes are what its declared media type says,
 * with file-type (magic numbers, and the specific Office/ODF formats inside
 * zip containers). Plain text and CSV have no magic number: they pass only
 * as valid UTF-8 without NUL bytes and without a recognised binary format.
 */

/**
 * What file-type reports for formats it names by their container rather
 * than by the declared type (legacy Word files are OLE compound files).
 */
const CONTAINER_OF: Readonly<Record<string, readonly string[]>> = {
  'application/msword': ['application/x-cfb'],
};

const TEXT_TYPES = new Set(['text/plain', 'text/csv']);

/** The type file-type detects in `content`, or undefined when it knows none. */
export async function detectMediaType(content: Uint8Array): Promise<string | undefined> {
  // file-type is ESM-only; this package is CommonJS.
  const { fileTypeFromBuffer } = await import('file-type');
  return (await fileTypeFromBuffer(content))?.mime;
}

function isUtf8TextWithoutNul(content: Uint8Array): boolean {
  if (content.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why `content` is not a `declared` document, or null when it is. The
 * answer names the declared and the detected type.
 */
export async function contentMismatch(
  content: Uint8Array,
  declared: string,
): Promise<string | null> {
  const detected = await detectMediaType(content);
  if (TEXT_TYPES.has(declared)) {
    if (detected !== undefined) return `declared ${declared}, but the content is ${detected}`;
    if (!isUtf8TextWithoutNul(content))
      return `declared ${declared}, but the content is not UTF-8 text (binary or another encoding)`;
    return null;
  }
  if (detected === declared || (detected && CONTAINER_OF[declared]?.includes(detected)))
    return null;
  return `declared ${declared}, but the content is ${detected ?? 'of no recognised type'}`;
}
