/** Where handed-in documents are opened in the browser (routes in ./document-routes). */

/** Where a staff member opens a stored document. */
export const staffDocumentPath = (sha256: string) => `/documents/${sha256}`;

/** Where a focal point opens a document of their task; `search` is the signed link's query. */
export const handInDocumentPath = (sha256: string, search: string) =>
  `/hand-in/documents/${sha256}${search}`;
