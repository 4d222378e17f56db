import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { matchReviewSchema } from '@jasmin/shared/imports/schemas';
import { useState } from 'react';
import type { z } from 'zod';
import { formatIsoDate } from '../../../lib/format-date';
import { useDecideReview, useOpenReviews } from '../api/match-reviews';

type MatchReview = z.output<typeof matchReviewSchema>;

/** The candidate's fields as the API names them, in French. */
const candidateLabels: Record<string, string> = {
  type: 'Source',
  ine: 'INE',
  familyName: 'Nom',
  firstName: 'Prénom',
  birthDate: 'Date de naissance',
  diploma: 'Diplôme',
  session: 'Session',
  training: 'Formation',
  establishment: 'Établissement',
};

const candidateValue = (value: unknown) =>
  value === null || value === undefined
    ? '—'
    : typeof value === 'string'
      ? /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? formatIsoDate(value)
        : value
      : JSON.stringify(value);

function ReviewCard({ review }: { review: MatchReview }) {
  const decide = useDecideReview();
  const [done, setDone] = useState<string | undefined>(undefined);
  const { pupil } = review;
  const title = `${pupil.familyName.toUpperCase()} ${pupil.firstName}`;
  const headingId = `review-${review.id}`;
  return (
    <article className="jasmin-review" aria-labelledby={headingId}>
      <h3 id={headingId} className="fr-h5">
        {title}
      </h3>
      <p>{review.reason}</p>
      <h4 className="fr-h6">Élève connu</h4>
      <dl>
        <dt>Nom</dt>
        <dd>{pupil.familyName}</dd>
        <dt>Prénom</dt>
        <dd>{pupil.firstName}</dd>
        <dt>Date de naissance</dt>
        <dd>{formatIsoDate(pupil.birthDate)}</dd>
        <dt>INE</dt>
        <dd>{pupil.ine ?? '—'}</dd>
      </dl>
      <h4 className="fr-h6">Candidat</h4>
      <dl aria-label="Candidat">
        {Object.entries(review.candidate).map(([key, value]) => (
          <div key={key} style={{ display: 'contents' }}>
            <dt>{candidateLabels[key] ?? key}</dt>
            <dd>{candidateValue(value)}</dd>
          </div>
        ))}
      </dl>
      {decide.isError && (
        <Alert severity="error" small description={decide.error.message} className="fr-mb-2w" />
      )}
      {done && (
        <p role="status" className="fr-mb-2w">
          {done}
        </p>
      )}
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Button
            disabled={decide.isPending}
            onClick={() =>
              decide.mutate(
                { id: review.id, decision: 'MERGED' },
                { onSuccess: () => setDone('Enregistré : même personne.') },
              )
            }
          >
            Même personne
          </Button>
        </li>
        <li>
          <Button
            priority="secondary"
            disabled={decide.isPending}
            onClick={() =>
              decide.mutate(
                { id: review.id, decision: 'DISTINCT' },
                { onSuccess: () => setDone('Enregistré : personnes différentes.') },
              )
            }
          >
            Personnes différentes
          </Button>
        </li>
      </ul>
    </article>
  );
}

/** Ambiguous matches found by the imports: never merged without a person's decision. */
export function MatchReviews() {
  const reviews = useOpenReviews();
  return (
    <section aria-labelledby="reviews-title">
      <h2 id="reviews-title">Correspondances à vérifier</h2>
      {reviews.isPending && <p role="status">Chargement des correspondances…</p>}
      {reviews.isError && (
        <Alert
          severity="error"
          small
          description={`Correspondances indisponibles : ${reviews.error.message}`}
        />
      )}
      {reviews.data?.items.length === 0 && <p>Aucune correspondance à vérifier.</p>}
      {reviews.data?.items.map((review) => (
        <ReviewCard key={review.id} review={review} />
      ))}
    </section>
  );
}
