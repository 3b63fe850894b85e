/** A readable id from a date and a title: `2026-01-05-migration-0021-duplicate-table`. */
export function slugify(title: string, date: string | null, maxWords = 8): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .slice(0, maxWords);
  const slug = words.join('-').slice(0, 80).replace(/-+$/, '') || 'incident';
  return date ? `${date}-${slug}` : slug;
}
