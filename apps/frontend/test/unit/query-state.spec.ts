import {
  apiQuery,
  DEFAULT_VIEW,
  isFiltered,
  listHref,
  MAX_PAGES,
  pagesFromParams,
  searchParamsOf,
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

  it('reads how many pages to show, within 1 and the API’s page size limit', () => {
    const pages = (query: string) => pagesFromParams(new URLSearchParams(query));
    expect([
      pages(''),
      pages('page=3'),
      pages('page=0'),
      pages('page=2.5'),
      pages('page=x'),
    ]).toEqual([1, 3, 1, 1, 1]);
    expect(pages('page=999')).toBe(MAX_PAGES);
    expect(MAX_PAGES).toBe(5);
  });

  it('links to a view and its pages, and reads Next’s searchParams', () => {
    expect(listHref(DEFAULT_VIEW)).toBe('/');
    expect(listHref({ ...DEFAULT_VIEW, status: 'pending' }, 2)).toBe('/?status=pending&page=2');
    expect(searchParamsOf({ q: ['a', 'b'], tag: 'home', none: undefined }).toString()).toBe(
      'q=a&tag=home',
    );
  });
});
