import { taskPriorities } from '@todo/api-contracts/limits';

/** The `<option>`s for a priority select, in the API's order (low, medium, high). */
export function PriorityOptions() {
  return taskPriorities.map((priority) => (
    <option key={priority} value={priority}>
      {priority[0]?.toUpperCase() + priority.slice(1)}
    </option>
  ));
}
