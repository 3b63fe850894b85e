// Progressive enhancement of list pages: shows the filter form, applies the
// query parameters (?service=api&year=2026&sort=oldest) to the rows marked
// data-filter-item, and keeps the URL in step so a filtered view can be shared.
const SORTS: Record<string, (a: HTMLElement, b: HTMLElement) => number> = {
  newest: (a, b) => num(b.dataset.started) - num(a.dataset.started),
  oldest: (a, b) => num(a.dataset.started) - num(b.dataset.started),
  recover: (a, b) => num(b.dataset.recover) - num(a.dataset.recover),
  severity: (a, b) => (a.dataset.severity ?? '').localeCompare(b.dataset.severity ?? '') || num(b.dataset.started) - num(a.dataset.started),
};

function num(value: string | undefined): number {
  return value ? Number(value) : Number.NEGATIVE_INFINITY;
}

export function enhanceFilterForms(root: Document): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-filter-form]')) {
    const items = [...root.querySelectorAll<HTMLElement>('[data-filter-item]')];
    const count = form.querySelector<HTMLOutputElement>('[data-filter-count]');
    const params = new URLSearchParams(location.search);
    for (const select of form.querySelectorAll('select')) {
      const wanted = params.get(select.name);
      if (wanted !== null && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
    }
    const apply = () => {
      const data = new FormData(form);
      const query = new URLSearchParams();
      let shown = 0;
      for (const item of items) {
        let match = true;
        for (const [name, value] of data) {
          if (name === 'sort' || value === '') continue;
          if (!(item.dataset[name] ?? '').split('|').includes(String(value))) match = false;
        }
        item.hidden = !match;
        if (match) shown += 1;
      }
      for (const [name, value] of data) if (value !== '' && !(name === 'sort' && value === 'newest')) query.set(name, String(value));
      const sort = SORTS[String(data.get('sort') ?? '')];
      if (sort) {
        const parent = items[0]?.parentElement;
        for (const item of [...items].sort(sort)) parent?.append(item);
      }
      if (count) count.textContent = `${shown} of ${items.length} shown`;
      const search = query.toString();
      try {
        history.replaceState(null, '', search ? `?${search}` : location.pathname);
      } catch {
        // Opened from a file: the URL cannot change; the filter still applies.
      }
    };
    form.addEventListener('change', apply);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      apply();
    });
    form.addEventListener('reset', () => setTimeout(apply));
    form.hidden = false;
    apply();
  }
}
