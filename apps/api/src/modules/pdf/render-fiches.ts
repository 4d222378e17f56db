import { ficheRenderer } from './fiche-entretien';
import type { FicheData } from './fiche-model';
import { loadReactPdf, renderPdf } from './react-pdf';

/**
 * Renders a document of fiches to bytes, in this thread. The API calls it through the render
 * pool (render-pool.ts: worker threads); the worker and the bench call it directly.
 */
export async function renderFichesHere(fiches: FicheData[], title: string): Promise<Buffer> {
  const pdf = await loadReactPdf();
  return renderPdf(ficheRenderer(pdf).document(fiches, { title }));
}
