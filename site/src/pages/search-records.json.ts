// Lessons and action items as search records. `postmortem site build` hands
// this file to Pagefind and removes it; it is not part of the published site.
import { incidents, searchRecords } from '../lib/data';

export async function GET(): Promise<Response> {
  return new Response(JSON.stringify(searchRecords(await incidents())));
}
