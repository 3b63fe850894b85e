// A small search client over Pagefind's JS API (smaller than Pagefind's UI, so
// the first search downloads little): a query box, the filter selects the page
// was built with (type, service, severity, year) and the results. Result text comes from
// incident fields, so it is shown as text; only Pagefind's <mark> highlights
// are kept, rebuilt as elements.
interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}
interface Pagefind {
  options(options: { baseUrl: string }): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(query: string, options: { filters: Record<string, string> }, ms?: number): Promise<{ results: PagefindResult[] } | null>;
}

const PAGE = 10;
// Pagefind's files are not part of the bundle: loaded by the browser from the built site at run time.
const importAtRuntime = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

export async function startSearch(root: HTMLElement): Promise<void> {
  const form = root.querySelector<HTMLFormElement>('form');
  const input = root.querySelector<HTMLInputElement>('input[type="search"]');
  const status = root.querySelector<HTMLElement>('[data-status]');
  const list = root.querySelector<HTMLOListElement>('ol');
  if (!form || !input || !status || !list) return;
  const pagefind = (await importAtRuntime(`${root.dataset.bundle}pagefind.js`)) as Pagefind;
  await pagefind.options({ baseUrl: root.dataset.base ?? '/' });
  await pagefind.init();
  const params = new URLSearchParams(location.search);
  const selects = [...form.querySelectorAll('select')];
  for (const select of selects) {
    const wanted = params.get(select.name);
    if (wanted !== null && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
  }
  input.value = params.get('q') ?? '';
  form.hidden = false;

  let generation = 0;
  const run = async () => {
    const current = ++generation;
    const query = input.value.trim();
    const filters: Record<string, string> = {};
    for (const select of selects) if (select.value) filters[select.name] = select.value;
    const shown = new URLSearchParams(query ? { q: query, ...filters } : filters).toString();
    try {
      history.replaceState(null, '', shown ? `?${shown}` : location.pathname);
    } catch {
      // Opened from a file: the URL cannot change.
    }
    if (!query) {
      list.replaceChildren();
      status.textContent = 'Type to search.';
      return;
    }
    const search = await pagefind.debouncedSearch(query, { filters }, 150);
    if (search === null || current !== generation) return;
    const data = await Promise.all(search.results.slice(0, PAGE).map((r) => r.data()));
    if (current !== generation) return;
    status.textContent = `${search.results.length} result${search.results.length === 1 ? '' : 's'}${search.results.length > PAGE ? `, the first ${PAGE} shown` : ''}.`;
    list.replaceChildren(
      ...data.map((result) => {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = result.url;
        link.textContent = result.meta.title ?? result.url;
        const excerpt = document.createElement('p');
        excerpt.append(...highlighted(result.excerpt));
        item.append(link, excerpt);
        return item;
      }),
    );
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  form.addEventListener('input', () => void run());
  form.addEventListener('change', () => void run());
  if (input.value) void run();
}

/** Pagefind's excerpt as nodes: its text, and its <mark> highlights; nothing else survives (parsed in an inert document). */
function highlighted(excerpt: string): Node[] {
  const inert = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html');
  const nodes: Node[] = [];
  for (const node of inert.body.firstChild?.childNodes ?? []) {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent ?? ''));
    }
  }
  return nodes;
}
