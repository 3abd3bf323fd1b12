import { VirtualRows } from '../../components/virtual-rows.component';
import { FollowUpTable, type FollowUpRowsProps } from './follow-up-table.component';

/** Follow-ups as rows (FollowUpTable), only those near the viewport in the DOM: a list of any length. */
export function FollowUpRows(props: FollowUpRowsProps) {
  return <FollowUpTable {...props} Rows={VirtualRows} />;
}
