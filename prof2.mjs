import { buildTemplateContext } from './dist/render/viewModel.js';
import { renderIncident } from './dist/render/render.js';
import { incidentSchema } from './dist/record/schema.js';
import { generateIncident, makeRandom } from './bench/generate.js';
const r=makeRandom(1); const incs=[]; for (let i=0;i<2000;i++) incs.push(incidentSchema.parse(generateIncident(i,r)));
renderIncident(incs[0],{});
let t=performance.now(); for(const i of incs) buildTemplateContext(i); console.log('view', (performance.now()-t)/2, 'ms per 1000');
t=performance.now(); for(const i of incs) renderIncident(i,{}); console.log('render', (performance.now()-t)/2, 'ms per 1000');
