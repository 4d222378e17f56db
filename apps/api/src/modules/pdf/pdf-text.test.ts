import { describe, expect, it } from '@jest/globals';
import {
  ageOn,
  attachmentDisposition,
  frenchDateTime,
  frenchDay,
  parisIsoDay,
  pdfSafe,
} from './pdf-text';

describe('printable text', () => {
  it('when text is French, then every character is kept (é è à ç œ « » € ’ …)', () => {
    const french =
      'Élève : « Éloïse » a 12 € ; cœur, Œuvre, ça, là, où, naïve, Noël — l’été… ÀÂÆÇÈÉÊËÎÏÔÙÛÜŸ';
    expect(pdfSafe(french)).toBe(french);
  });

  it('when text has characters the built-in fonts lack, then they become readable stand-ins, never wrong glyphs', () => {
    expect(pdfSafe('Łucja WOŁOSZYN-NGUYỄN, Şahin, Ğül, İlker, Đorđe')).toBe(
      'Lucja WOLOSZYN-NGUYEN, Sahin, Gül, Ilker, Dorde',
    );
    expect(pdfSafe('CDI → CDD ≥ 6 mois')).toBe('CDI -> CDD >= 6 mois');
    expect(pdfSafe('Merci 🙂 ! 電話')).toBe('Merci ? ! ??');
    expect(pdfSafe('a\u202f;\u200bb\r\nc\u0007d')).toBe('a\u00a0;b\nc d');
    expect(pdfSafe(null)).toBe('');
  });

  it('when a file name is made, then `filename` is plain ASCII and `filename*` keeps the accents (RFC 5987)', () => {
    const d = attachmentDisposition(['fiche-entretien', 'DUPONT-LEFÈVRE', 'Éloïse', '2026-12-04']);
    expect(d.asciiName).toBe('fiche-entretien_DUPONT-LEFEVRE_Eloise_2026-12-04.pdf');
    expect(d.utf8Name).toBe('fiche-entretien_DUPONT-LEFÈVRE_Éloïse_2026-12-04.pdf');
    expect(d.header).toBe(
      'attachment; filename="fiche-entretien_DUPONT-LEFEVRE_Eloise_2026-12-04.pdf"; filename*=UTF-8\'\'fiche-entretien_DUPONT-LEF%C3%88VRE_%C3%89lo%C3%AFse_2026-12-04.pdf',
    );
    // Quotes, slashes, spaces and apostrophes cannot break out of the header or the folder.
    const odd = attachmentDisposition(['fiche', 'D\'ARC "la" /../ Jeanne', 'Bœuf']);
    expect(odd.asciiName).toBe('fiche_D-ARC-la-Jeanne_Boeuf.pdf');
    expect(odd.header).not.toMatch(/[^\x20-\x7e]/);
    expect(odd.header).toContain("filename*=UTF-8''fiche_D-ARC-la-Jeanne_B%C5%93uf.pdf");
  });

  it('when dates are printed, then days read dd/mm/yyyy and instants are in Paris time', () => {
    expect(frenchDay('2010-05-02')).toBe('02/05/2010');
    expect(frenchDay(new Date('2026-06-30T00:00:00Z'))).toBe('30/06/2026');
    expect(frenchDateTime(new Date('2026-12-04T13:05:00Z'))).toBe('04/12/2026 à 14:05');
    expect(frenchDateTime(new Date('2026-07-01T22:30:00Z'))).toBe('02/07/2026 à 00:30');
    expect(parisIsoDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(ageOn('2008-12-05', new Date('2026-12-04T12:00:00Z'))).toBe(17);
    expect(ageOn('2008-12-04', new Date('2026-12-04T12:00:00Z'))).toBe(18);
  });
});
