// heic-decode ships no types: what api/documents/heif.worker.ts uses of it.
declare module 'heic-decode' {
  interface DecodedImage {
    width: number;
    height: number;
    /** RGBA, 8 bits a channel, row after row. */
    data: Uint8ClampedArray;
  }

  /** An image of the file, its size known from the file's header; its pixels decoded on demand. */
  interface HeifImage {
    width: number;
    height: number;
    decode(): Promise<DecodedImage>;
  }

  interface Decode {
    /** Decodes the file's first image. */
    (input: { buffer: Uint8Array }): Promise<DecodedImage>;
    /** The file's images, none decoded yet; `dispose` frees the decoder's memory once done. */
    all(input: { buffer: Uint8Array }): Promise<HeifImage[] & { dispose(): void }>;
  }

  const decode: Decode;
  export default decode;
}
