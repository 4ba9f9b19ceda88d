/**
 * Bytes gathered into large buffers: a command that writes millions of small
 * pieces (`mandate plan --json`) copies each piece's bytes once, and makes no
 * string per piece for the collector to reclaim.
 */
export class ByteChunks {
  private buffer: Buffer;
  private used = 0;
  private filled: Buffer[] = [];

  constructor(private readonly size = 1 << 20) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  put(bytes: Uint8Array): void {
    if (this.used + bytes.length > this.buffer.length) this.next(bytes.length);
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** Everything put since the last call, in order; the buffers are the caller's to keep. */
  take(): Buffer[] {
    this.next(0);
    const filled = this.filled;
    this.filled = [];
    return filled;
  }

  private next(room: number): void {
    if (this.used > 0) this.filled.push(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafe(Math.max(this.size, room));
    this.used = 0;
  }
}

/** UTF-8 bytes of texts made from a few distinct values, each encoded once and kept. */
export class EncodedTexts<K> {
  private readonly encoded = new Map<K, Uint8Array>();

  constructor(
    private readonly text: (key: K) => string,
    private readonly limit = 100_000,
  ) {}

  get(key: K): Uint8Array {
    let bytes = this.encoded.get(key);
    if (bytes === undefined) {
      bytes = Buffer.from(this.text(key), 'utf8');
      if (this.encoded.size >= this.limit) this.encoded.clear();
      this.encoded.set(key, bytes);
    }
    return bytes;
  }
}
