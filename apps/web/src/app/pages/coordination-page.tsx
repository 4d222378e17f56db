import { TransfersInbox } from '../../features/coordination/components/transfers-inbox';

/** `/coordination`: coordinators' and administrators' inbox of transfers. */
export function CoordinationPage() {
  return <TransfersInbox />;
}
