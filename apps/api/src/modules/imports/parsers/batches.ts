/**
 * The parsers hand out their records and events by batches (those of a slice of the file): an
 * async step per event cost more than reading most of them. This gives them one at a time, for
 * tests and readers that want them so.
 */
export async function* eachOf<T>(batches: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}
