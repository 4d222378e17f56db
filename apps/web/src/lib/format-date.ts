/** '2008-03-14' → '14/03/2008'. Calendar dates only: no time zone is involved. */
export function formatIsoDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}
