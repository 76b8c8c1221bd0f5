import {
  apiQuery,
  DEFAULT_VIEW,
  isFiltered,
  viewFromParams,
  viewToParams,
} from '../../src/lib/query-state';

describe('list view in the URL', () => {
  it('round-trips a view and leaves defaults out', () => {
    const view = {
      ...DEFAULT_VIEW,
      status: 'pending' as const,
      tag: 'home',
      q: 'milk',
      sort: 'due' as const,
      order: 'asc' as const,
    };
    const params = viewToParams(view);
    expect(params.toString()).toBe('status=pending&tag=home&q=milk&sort=due&order=asc');
    expect(viewFromParams(params)).toEqual(view);
    expect(viewToParams(DEFAULT_VIEW).toString()).toBe('');
  });

  it('ignores invalid values instead of failing', () => {
    expect(
      viewFromParams(new URLSearchParams('status=done&sort=random&order=up&priority=urgent')),
    ).toEqual(DEFAULT_VIEW);
  });

  it('builds the API query for a page', () => {
    const view = { ...DEFAULT_VIEW, priority: 'high' as const, q: '  milk ' };
    expect(apiQuery(view, 20, 40)).toBe(
      'status=all&sort=created&order=desc&limit=20&offset=40&priority=high&q=milk',
    );
  });

  it('knows when filters are on', () => {
    expect(isFiltered(DEFAULT_VIEW)).toBe(false);
    expect(isFiltered({ ...DEFAULT_VIEW, sort: 'title' })).toBe(false);
    expect(isFiltered({ ...DEFAULT_VIEW, q: 'x' })).toBe(true);
  });
});
