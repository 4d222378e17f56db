import { afterAll, describe, expect, it } from '@jest/globals';
import { SECTION_TITLES } from './fiche-entretien';
import { sampleFiche } from './fiche-sample';
import { checkPdfStructure, concatPdfs, PdfStructureError, type PdfPart } from './pdf-concat';
import { extractPdf } from './pdf-test-support';
import { closeRenderPool, renderFiches } from './render-pool';

afterAll(closeRenderPool);

const meta = {
  title: 'Fiches entretien « Sans solution » — Lycée Œuvre',
  language: 'fr-FR',
  creator: 'Jasmin',
  producer: 'Jasmin',
  creationDate: new Date('2026-12-04T13:05:00Z'),
};

async function collect(gen: AsyncGenerator<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const b of gen) out.push(b);
  return Buffer.concat(out);
}

async function part(from: number, count: number, filled = false): Promise<PdfPart> {
  const fiches = Array.from({ length: count }, (_, i) => sampleFiche(from + i, { filled }));
  return {
    bytes: await renderFiches(fiches, 'partie'),
    outlineTitles: fiches.map((f) => `${f.pupil.familyName} n° ${from}`),
  };
}

describe('streaming concatenation of PDF parts', () => {
  it('when parts of fiches are concatenated, then one valid PDF holds every page in order, with one bookmark per fiche and the document metadata', async () => {
    const parts = [await part(0, 2), await part(2, 1, true), await part(3, 3)];
    const bytes = await collect(concatPdfs(parts, meta));
    const structure = checkPdfStructure(bytes);
    const pdf = await extractPdf(bytes);
    const inputPages = await Promise.all(parts.map(async (p) => (await extractPdf(p.bytes)).pages));
    expect(structure.pages).toBe(inputPages.flat().length);
    expect(pdf.pages).toEqual(inputPages.flat());
    expect(pdf.outline.map((o) => o.title)).toEqual(parts.flatMap((p) => p.outlineTitles));
    expect(pdf.info).toMatchObject({
      Title: meta.title,
      Language: 'fr-FR',
      Creator: 'Jasmin',
      Producer: 'Jasmin',
    });
    for (const title of SECTION_TITLES) expect(pdf.text.split(title).length - 1).toBe(6);
  });

  it('when the output is read slowly, then parts are asked for one at a time (nothing piles up ahead of the reader)', async () => {
    let produced = 0;
    async function* parts(): AsyncGenerator<PdfPart> {
      for (let i = 0; i < 5; i += 1) {
        produced += 1;
        yield await part(i, 1);
      }
    }
    const out = concatPdfs(parts(), meta);
    await out.next(); // the file header
    expect(produced).toBe(0);
    await out.next(); // the first part's objects
    expect(produced).toBe(1);
    await out.next();
    expect(produced).toBe(2);
    // A reader that stops (client gone) stops the production too.
    await out.return(undefined);
    expect(produced).toBe(2);
  });

  it('when a part is not what pdfkit writes (not a PDF, incremental update, title count off), then it throws instead of writing a broken file', async () => {
    const good = await part(0, 1);
    await expect(collect(concatPdfs([{ bytes: Buffer.from('pas un PDF') }], meta))).rejects.toThrow(
      PdfStructureError,
    );
    const updated = Buffer.concat([
      Buffer.from(good.bytes),
      Buffer.from('\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Prev 10 >>\nstartxref\n'),
    ]);
    const withStartxref = Buffer.concat([
      updated,
      Buffer.from(`${good.bytes.length + 1}\n%%EOF\n`),
    ]);
    await expect(collect(concatPdfs([{ bytes: withStartxref }], meta))).rejects.toThrow(
      /incremental updates/,
    );
    await expect(
      collect(concatPdfs([{ bytes: good.bytes, outlineTitles: ['un', 'deux'] }], meta)),
    ).rejects.toThrow(/bookmark titles/);
  });

  it('when nothing needs bookmarks, then the document still has a page tree, an empty outline and a valid cross-reference table', async () => {
    const { bytes } = await part(0, 1);
    const merged = await collect(concatPdfs([{ bytes }], meta));
    expect(checkPdfStructure(merged).pages).toBe((await extractPdf(bytes)).numPages);
    expect((await extractPdf(merged)).outline).toEqual([]);
  });
});
