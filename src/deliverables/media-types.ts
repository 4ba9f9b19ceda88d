/**
 * The one table of document types the deliverable store accepts, with the
 * file-name extensions that announce them (the CLI guesses a type from a
 * file's name; the store and the API accept exactly these types).
 */
const TABLE: readonly { type: string; extensions: readonly string[] }[] = [
  { type: 'application/pdf', extensions: ['.pdf'] },
  {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
  },
  {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['.xlsx'],
  },
  {
    type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['.pptx'],
  },
  { type: 'application/vnd.oasis.opendocument.text', extensions: ['.odt'] },
  { type: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['.ods'] },
  { type: 'application/msword', extensions: ['.doc'] },
  { type: 'text/plain', extensions: ['.txt'] },
  { type: 'text/csv', extensions: ['.csv'] },
  { type: 'image/png', extensions: ['.png'] },
  { type: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
];

/** The media types accepted unless configuration says otherwise. */
export const DEFAULT_MEDIA_TYPES: readonly string[] = TABLE.map((row) => row.type);

/** The media type a file name announces, or undefined for an unknown extension. */
export function mediaTypeForFileName(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return undefined;
  const extension = name.slice(dot).toLowerCase();
  return TABLE.find((row) => row.extensions.includes(extension))?.type;
}

/** The file-name extensions of the accepted types, for a file field's `accept` and its hint. */
export function extensionsFor(mediaTypes: readonly string[]): string[] {
  return TABLE.filter((row) => mediaTypes.includes(row.type)).flatMap((row) => row.extensions);
}
