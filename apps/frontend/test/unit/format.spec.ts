import {
  describeDueDate,
  describeProgress,
  isOverdue,
  localToday,
  parseTags,
} from '../../src/lib/format';

describe('due dates', () => {
  const today = '2026-11-28';
  it.each([
    ['2026-11-28', 'Due today'],
    ['2026-11-29', 'Due tomorrow'],
    ['2026-11-27', 'Overdue since 27 Nov'],
    ['2026-12-24', 'Due 24 Dec'],
    ['2027-02-14', 'Due 14 Feb 2027'],
  ])('%s → %s', (due, text) => {
    expect(describeDueDate(due, today)).toBe(text);
  });

  it('does not call a finished task overdue', () => {
    expect(describeDueDate('2026-11-27', today, true)).toBe('Was due 27 Nov');
  });

  it('marks only unfinished tasks due before today as overdue', () => {
    expect(isOverdue({ completed: false, dueDate: '2026-11-27' }, today)).toBe(true);
    expect(isOverdue({ completed: true, dueDate: '2026-11-27' }, today)).toBe(false);
    expect(isOverdue({ completed: false, dueDate: today }, today)).toBe(false);
    expect(isOverdue({ completed: false, dueDate: null }, today)).toBe(false);
  });

  it('uses the local calendar day', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('describeProgress', () => {
  it.each([
    [3, 12, '3 of 12 left'],
    [0, 12, 'All 12 done'],
    [0, 0, 'No tasks yet'],
  ])('%i pending of %i → %s', (pending, total, text) => {
    expect(describeProgress(pending, total)).toBe(text);
  });
});

describe('parseTags', () => {
  it('splits on commas, trims, lower-cases and de-duplicates', () => {
    expect(parseTags(' Home, errands ,home,, ')).toEqual(['home', 'errands']);
  });
});
